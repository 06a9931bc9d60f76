/** Text → image search: a sentence, encoded by the worker, ranks the gallery by cosine similarity. */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useGalleryStore } from '../state/galleryStore';
import { useModelStore } from '../state/modelStore';
import { encodedImages } from './images';
import { useInsightsStore } from './insightsStore';
import { rankBySimilarity } from './search';

export function TextSearch() {
  const items = useGalleryStore((s) => s.items);
  const ready = useModelStore((s) => s.status === 'ready');
  const generation = useModelStore((s) => s.generation);
  const { query, searching, searchError, search } = useInsightsStore();
  const [text, setText] = useState(() => query?.text ?? '');
  const inputId = useId();
  const hintId = useId();

  // A new model makes the old query embedding meaningless: encode the same sentence again.
  useEffect(() => {
    if (ready && query && query.generation !== generation) void search(query.text, generation);
  }, [ready, generation, query, search]);

  const images = useMemo(() => encodedImages(items, query?.embedding.length), [items, query]);
  const ranked = useMemo(
    () => (query && query.generation === generation ? rankBySimilarity(query.embedding, images, (image) => image.embedding) : []),
    [query, generation, images],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready && text.trim()) void search(text, generation);
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
