/** Text → image search: a sentence, encoded by the worker, ranks the gallery by cosine similarity. */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useGalleryStore, useModelStore } from '../state';
import { encodedImages } from './images';
import { useInsightsStore } from './insightsStore';
import { rankBySimilarity } from './search';

export function TextSearch() {
  const items = useGalleryStore((s) => s.items);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  const ready = generation !== null;
  const query = useInsightsStore((s) => s.query);
  const searching = useInsightsStore((s) => s.searching);
  const searchError = useInsightsStore((s) => s.searchError);
  const search = useInsightsStore((s) => s.search);
  const [text, setText] = useState(() => query?.text ?? '');
  const inputId = useId();
  const hintId = useId();

  // A new model makes the old query embedding meaningless: encode the same sentence again.
  useEffect(() => {
    if (generation !== null && query && query.generation < generation) void search(query.text);
  }, [generation, query, search]);

  const images = useMemo(() => encodedImages(items, generation), [items, generation]);
  const ranked = useMemo(
    () => (query && query.generation === generation ? rankBySimilarity(query.embedding, images, (image) => image.embedding) : []),
    [query, generation, images],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (generation !== null && text.trim()) void search(text);
  };

  const galleryEmpty = items.length === 0;
  return (
    <div className="text-search">
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor={inputId}>Search the gallery with a sentence</label>
        <div className="search-row">
          <input
            id={inputId}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="a photo of a red circle"
            aria-describedby={hintId}
            spellCheck={false}
            autoComplete="off"
          />
          <button type="submit" className="primary" disabled={!ready || !text.trim() || searching}>
            {searching ? 'Searching…' : 'Search'}
          </button>
        </div>
        <p id={hintId} className="hint">
          The sentence is encoded as typed (no prompt template) and compared with every image embedding.
        </p>
      </form>
      <div aria-live="polite">
        {!ready && <p className="insight-empty">The model is not ready yet: search works once it has loaded.</p>}
        {searchError && (
          <p className="error" role="alert">
            The search failed: {searchError}
          </p>
        )}
        {ready && galleryEmpty && <p className="insight-empty">No images to search yet: add some in the Images view.</p>}
        {query?.truncated && <p className="warning">The sentence is longer than the model’s 77-token context and was cut.</p>}
        {query && !galleryEmpty && images.length === 0 && !searching && <p className="insight-empty">The images are still being encoded…</p>}
      </div>
      {query && ranked.length > 0 && (
        <ol className="search-results" data-testid="search-results" aria-label={`Images ranked by similarity to “${query.text}”`}>
          {ranked.map(({ item, cosine }) => (
            <li key={item.id} data-testid="search-result">
              <span className="search-thumb">{item.url && <img src={item.url} alt="" />}</span>
              <span className="search-name" title={item.name}>{item.name}</span>
              <span className="search-value">
                <span className="visually-hidden">cosine similarity </span>
                {cosine.toFixed(3)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
