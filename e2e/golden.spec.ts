/**
 * The browser half of the golden test (the Node half is workers/model/zeroShotGolden.test.ts):
 * the bundled model's zero-shot scores for fixed drawn pictures and label sets, through the built
 * app's worker (the browser's PNG decoding, the preprocessing, onnxruntime-web), equal to 4
 * decimals to the scores computed independently in Python. A change of preprocessing,
 * tokenisation or runtime shows up here as a number.
 */
import { expect, test } from '@playwright/test';
import { cosineMatrix, softmax } from '../src/clip';
import { GOLDEN_LABEL_SETS, GOLDEN_PICTURES, goldenPng, ZERO_SHOT_GOLDEN, type GoldenTowers } from '../src/clip/testing/zeroShotGolden';

for (const towers of ['fp32', 'q8'] as GoldenTowers[]) {
  test(`zero-shot scores of the bundled model in the browser, ${towers} towers, match the golden values`, async ({ page }) => {
    await page.goto(`/?model=clip-shapes-tiny&backend=wasm&precision=${towers}&debug`);
    await expect(page.getByTestId('backend')).toContainText(towers === 'q8' ? '8-bit' : 'fp32', { timeout: 60_000 });
    const pictures = GOLDEN_PICTURES.map((p) => ({ name: p.name, base64: Buffer.from(goldenPng(p)).toString('base64') }));
    // As the goldens say: the three pictures in one image call, each label set in one text call.
    const answer = await page.evaluate(
      async ({ pictures, sets }) => {
        type Client = {
          encodeImages(i: { name: string; blob: Blob }[]): Promise<{ results: ({ ok: true; embedding: Float32Array } | { ok: false; error: { message: string } })[] }>;
          encodeTexts(t: string[]): Promise<{ embeddings: Float32Array; dim: number }>;
        };
        const client = (window as unknown as { clipClient: Client }).clipClient;
        const images = await client.encodeImages(
          pictures.map(({ name, base64 }) => ({ name, blob: new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }) })),
        );
        const texts = [];
        for (const set of sets) {
          const result = await client.encodeTexts(set);
          texts.push({ embeddings: Array.from(result.embeddings), dim: result.dim });
        }
        return { images: images.results.map((r) => (r.ok ? Array.from(r.embedding) : r.error.message)), texts };
      },
      { pictures, sets: GOLDEN_LABEL_SETS.map((s) => [...s.texts]) },
    );
    const golden = ZERO_SHOT_GOLDEN.towers[towers].scores;
    GOLDEN_PICTURES.forEach((picture, i) => {
      const embedding = answer.images[i];
      if (embedding === undefined) throw new Error(`no result for ${picture.name}`);
      if (typeof embedding === 'string') throw new Error(embedding);
      GOLDEN_LABEL_SETS.forEach((set, s) => {
        const { embeddings, dim } = answer.texts[s]!;
        const scores = softmax(cosineMatrix(Float32Array.from(embedding), 1, Float32Array.from(embeddings), set.texts.length, dim), 100);
        const expected = golden[picture.name]![set.name]!;
        scores.forEach((score, j) => expect(score, `${picture.name}: "${set.texts[j]}"`).toBeCloseTo(expected[j]!, 4));
      });
    });
  });
}
