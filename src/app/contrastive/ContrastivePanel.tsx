/**
 * CLIP's training objective on the class's own pictures: the gallery's images paired with their
 * captions give the N×N matrix of the paper's figure, the true pairs on the diagonal, and the
 * symmetric cross-entropy CLIP minimises for that batch.
 */
import { useEffect, useMemo } from 'react';
import { useGalleryStore, useModelStore } from '../state';
import { batchKey, buildBatch, MAX_BATCH } from './batch';
import { ContrastiveControls } from './ContrastiveControls';
import { ContrastiveMatrix } from './ContrastiveMatrix';
import { contrastiveStore, useContrastiveStore } from './contrastiveState';
import { LossSummary } from './LossSummary';
import { contrastiveTable } from './matrix';
import { PairList } from './PairList';
import './contrastive.css';

export function ContrastivePanel() {
  const items = useGalleryStore((s) => s.items);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  const captions = useContrastiveStore((s) => s.captions);
  const encoding = useContrastiveStore((s) => s.encoding > 0);
  const error = useContrastiveStore((s) => s.error);
  const logitScale = useContrastiveStore((s) => s.logitScale);
  const shuffled = useContrastiveStore((s) => s.shuffled);

  const batch = useMemo(() => buildBatch(items, generation), [items, generation]);
  const key = batchKey(batch.pairs);
  const texts = useMemo(() => batch.pairs.map((p) => p.caption), [batch]);

  useEffect(() => {
    if (generation !== null && texts.length > 0) void contrastiveStore.getState().ensureCaptions(texts, generation);
  }, [texts, generation]);

  const order = shuffled && shuffled.batch === key ? shuffled.order : null;
  const table = useMemo(
    () => (captions && captions.generation === generation ? contrastiveTable(batch.pairs, captions.byText, order, logitScale) : null),
    [batch, captions, generation, order, logitScale],
  );

  const pending = items.some((i) => i.status === 'pending');
  return (
    <section className="contrastive" aria-label="Contrastive batch">
      <p className="contrastive-intro">
        CLIP learns by matching each image with its own caption among the other captions of a batch. Here the gallery’s images
        (rows I<sub>1</sub>…I<sub>N</sub>) meet their captions (columns T<sub>1</sub>…T<sub>N</sub>); the true pairs lie on the
        outlined diagonal. The loss is the cross-entropy of each row (which caption is this image’s?) and each column (which image
        is this caption’s?), averaged: CLIP’s training loss for this batch.
      </p>
      {batch.pairs.length === 0 ? (
        <p className="insight-empty">
          {generation === null
            ? 'Waiting for the model…'
            : pending
              ? 'The images are still being encoded…'
              : 'No images yet: add some in the Images view. Each gets a caption from its file name, a same-named .txt file dropped with it, or what you type below.'}
        </p>
      ) : (
        <>
          {batch.available > batch.pairs.length && (
            <p className="warning" role="status">
              The batch holds the first {batch.pairs.length} of the gallery’s {batch.available} images (at most {MAX_BATCH}).
            </p>
          )}
          <ContrastiveControls batch={key} n={batch.pairs.length} shuffled={order !== null} />
          {error && (
            <p className="error" role="alert">
              The captions could not be encoded: {error}
            </p>
          )}
          {table ? (
            <>
              <LossSummary table={table} shuffled={order !== null} />
              <ContrastiveMatrix pairs={batch.pairs} table={table} />
            </>
          ) : (
            !error && <p className="insight-empty">{encoding ? 'Encoding the captions…' : 'Preparing the batch…'}</p>
          )}
          <PairList pairs={batch.pairs} />
        </>
      )}
    </section>
  );
}
