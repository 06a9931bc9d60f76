/**
 * Text sets for the label benchmarks. The worker caches embeddings by text (in memory and in
 * IndexedDB), so every measured run must use texts it has never seen. Reloading or a fresh
 * context per run would also reload the model; instead run k ends each prompt with a different
 * one-token punctuation mark ("." "!" "?" ...). Every template ends with "." and each mark is one
 * token, so every run has exactly the same token counts as the real prompts (checked here with
 * the app's tokenizer): the same work, new cache keys. Run 0 of the single template is the real
 * prompts; the ensemble's runs take the next marks, since it shares that template.
 */
const MARKS = ['.', '!', '?', ';', ',', ':'];

function variant(texts, k) {
  if (k === 0) return texts;
  return texts.map((t) => {
    if (!t.endsWith('.')) throw new Error(`prompt without a final ".": ${t}`);
    return t.slice(0, -1) + MARKS[k];
  });
}

export function textSets({ clip, tokenizer, labels, singleRuns, ensembleRuns, ensembleLabels }) {
  if (singleRuns + ensembleRuns > MARKS.length) throw new Error(`at most ${MARKS.length} text runs in all`);
  const single = clip.ensemblePrompts(labels, ['a photo of a {}.']);
  const ensemble = clip.ensemblePrompts(labels.slice(0, ensembleLabels), clip.ENSEMBLE_TEMPLATES);
  const sets = {
    single: Array.from({ length: singleRuns }, (_, k) => variant(single, k)),
    ensemble: Array.from({ length: ensembleRuns }, (_, k) => variant(ensemble, singleRuns + k)),
  };
  for (const runs of Object.values(sets)) {
    const lengths = runs.map((texts) => texts.map((t) => tokenizer.encode(t).ids.length).join());
    if (new Set(lengths).size !== 1) throw new Error('text variants differ in token counts');
  }
  return sets;
}
