/**
 * The evaluation lab with the bundled shapes model: a labelled folder of shapes (plain, outline-only
 * and on clutter: the outlines are what zero-shot gets wrong) is dropped as a folder; every figure
 * of the Evaluation view is recomputed here from what the cards show (true label, top prediction,
 * domain); the k-shot curve is drawn; a probe trained on the variants beats zero-shot on new ones;
 * bad input gets a message and loses nothing.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { drawShape, dropFiles, openApp, resultFor, setLabels } from './app';
import { drawVariant, dropFolder, writeFolder, type FolderFile, type ShapeClass, type Variant } from './shapesFolder';

const CLASSES: ShapeClass[] = [
  { label: 'red circle', shape: 'circle', colour: '#e01b1b' },
  { label: 'blue square', shape: 'square', colour: '#1f3fe0' },
  { label: 'green triangle', shape: 'triangle', colour: '#1fa31f' },
  { label: 'purple star', shape: 'star', colour: '#8a2be2' },
];
const LABELS = CLASSES.map((c) => c.label);

async function shapesFolder(page: Page, name: string, variants: Variant[], perClass: number, seed: number, only?: string[]): Promise<FolderFile[]> {
  const files: FolderFile[] = [];
  for (const variant of variants) {
    for (const cls of CLASSES.filter((c) => !only || only.includes(c.label))) {
      for (let i = 0; i < perClass; i++) {
        const base64 = await drawVariant(page, cls, variant, seed + i * 7919 + cls.label.length * 131 + variant.length * 17);
        files.push({ path: `${variant}/${cls.label}/${name}-${variant}-${i}.png`, domain: variant, label: cls.label, base64 });
      }
    }
  }
  return files;
}

interface Card {
  name: string;
  truth: string;
  predicted: string;
  domain: string;
  verdict: string | null;
  probe: string | null;
}

/** What every card shows: true label, top zero-shot label, domain, verdict and probe answer. */
async function readCards(page: Page): Promise<Card[]> {
  await expect(page.locator('[data-testid=result][aria-busy=true]')).toHaveCount(0, { timeout: 90_000 });
  return page.getByTestId('result').evaluateAll((cards) =>
    cards
      .filter((card) => card.querySelector('.scores li.top'))
      .map((card) => {
        const inputs = card.querySelectorAll<HTMLInputElement>('.truth input');
        return {
          name: card.querySelector('.file-name')!.textContent.trim(),
          truth: inputs[0]!.value,
          predicted: card.querySelector('.scores li.top .score-label')!.textContent.trim(),
          domain: inputs[1]!.value,
          verdict: card.querySelector('[data-testid=verdict]')?.getAttribute('data-verdict') ?? null,
          probe: card.querySelector('[data-testid=probe-prediction]')?.getAttribute('data-label') ?? null,
        };
      }),
  );
}

const count = (correct: number, total: number) => `${correct} / ${total} · ${Math.round((100 * correct) / total)}%`;

async function openEvaluation(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Evaluation', exact: true }).click();
  await expect(page.getByTestId('top1')).toBeVisible();
}

test.describe('evaluation lab', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
    await setLabels(page, LABELS);
    await expect(page.getByTestId('encode-summary')).toContainText('4 prompts');
  });

  test('a dropped folder is evaluated: accuracy, per-class, confusion and domain figures equal what the cards show', async ({ page }) => {
    const root = join(tmpdir(), `clip-eval-${process.pid}`, 'shapes');
    const files = await shapesFolder(page, 'a', ['plain', 'outline', 'clutter'], 4, 1);
    // A non-image file and a system file in the folder: the first gets its card, the second is ignored.
    writeFolder(root, files, [{ path: 'plain/red circle/notes.md', text: 'not a picture' }, { path: 'plain/.DS_Store', text: 'x' }]);
    await dropFolder(page, root);
    await expect(page.getByTestId('result')).toHaveCount(files.length + 1, { timeout: 60_000 });
    await expect(page.getByTestId('ingest-notice')).toContainText('4 classes');
    await expect(page.getByTestId('ingest-notice')).toContainText('3 domains');
    await expect(page.getByTestId('ingest-notice')).toContainText('1 is not an image');
    await expect(resultFor(page, 'notes.md').getByRole('alert')).toBeVisible();

    const cards = await readCards(page);
    expect(cards).toHaveLength(files.length);
    // Each card's true label and domain come from its folders.
    for (const card of cards) {
      const file = files.find((f) => f.path.endsWith(`/${card.name}`) && f.label === card.truth)!;
      expect(file, card.name).toBeTruthy();
      expect(card.domain).toBe(file.domain);
      expect(card.verdict).toBe(card.predicted === card.truth ? 'right' : 'wrong');
    }
    const right = cards.filter((c) => c.predicted === c.truth).length;
    // The outlines are the variant zero-shot gets wrong: the test is about something.
    expect(right).toBeLessThan(cards.length);

    await openEvaluation(page);
    await expect(page.getByTestId('top1')).toContainText(count(right, cards.length));
    for (const label of LABELS) {
      const mine = cards.filter((c) => c.truth === label);
      await expect(page.getByTestId('per-class').locator(`tr[data-class="${label}"]`)).toContainText(count(mine.filter((c) => c.predicted === label).length, mine.length));
    }
    // Confusion: every cell's count.
    for (const truth of LABELS) {
      for (const predicted of LABELS) {
        const n = cards.filter((c) => c.truth === truth && c.predicted === predicted).length;
        await expect(page.getByTestId('confusion-matrix').locator(`td[data-truth="${truth}"][data-predicted="${predicted}"]`)).toHaveText(String(n));
      }
    }
    // Clicking an off-diagonal cell shows exactly its images.
    const wrong = cards.find((c) => c.predicted !== c.truth)!;
    const inCell = cards.filter((c) => c.truth === wrong.truth && c.predicted === wrong.predicted);
    await page.getByRole('button', { name: `${inCell.length} image${inCell.length === 1 ? '' : 's'} of ${wrong.truth} predicted as ${wrong.predicted}` }).click();
    await expect(page.getByTestId('cell-images').getByRole('listitem')).toHaveCount(inCell.length);
    await expect(page.getByTestId('cell-images')).toContainText(wrong.name);

    // Prompt strategies: "a photo of a {}." is the template in use, so it equals the cards' top-1.
    const prompts = page.getByTestId('prompt-comparison');
    await expect(prompts.locator('li[data-strategy="photo"]')).toContainText(count(right, cards.length));
    await expect(prompts.locator('li[data-strategy="ensemble"]')).toContainText('44 prompts');
    await expect(prompts.locator('li')).toHaveCount(3);

    // The domain table: zero-shot counts per domain from the cards, then the one-domain probe.
    for (const domain of ['plain', 'outline', 'clutter']) {
      const mine = cards.filter((c) => c.domain === domain);
      await expect(page.getByTestId('shift-table').locator(`tr[data-domain="${domain}"] td[data-cell="zero-shot"]`)).toContainText(count(mine.filter((c) => c.predicted === c.truth).length, mine.length));
    }
    await expect(page.getByRole('combobox', { name: 'Domain the probe is trained on' })).toHaveValue('plain');
    await page.getByRole('button', { name: 'Train on this domain and compare' }).click();
    await expect(page.getByTestId('shift-table').locator('tr[data-domain="outline"] td[data-cell="probe"]')).toContainText(/^\d+ \/ 16 · /, { timeout: 60_000 });
    await expect(page.getByTestId('shift-table').locator('tr[data-domain="plain"] td[data-cell="probe"]')).toContainText(/^\d+ \/ 8 · /);
    await expect(page.getByTestId('paper-table')).toContainText('ImageNet Sketch');
    await expect(page.getByTestId('paper-table').locator('tr', { hasText: 'ImageNet-A' })).toContainText('2.7');

    // The k-shot curve: k = 1 and 2 (each class has 12 images: up to 8), both starts, a zero-shot line.
    await page.getByLabel('Also a probe started from the zero-shot weights').check();
    await page.getByRole('button', { name: 'Draw the k-shot curve' }).click();
    const curve = page.getByTestId('kshot-curve');
    await expect(curve).toBeVisible({ timeout: 120_000 });
    await expect(curve.locator('[data-start="zero"] circle')).toHaveCount(4);
    await expect(curve.locator('[data-start="zero-shot"] circle')).toHaveCount(4);
    await expect(curve.locator('[data-start="zero"] circle').last()).toHaveAttribute('data-k', '8');
    // The zero-shot line is horizontal (a zero-height box: check its ends, not its visibility).
    const line = page.getByTestId('zero-shot-line');
    await expect(line).toHaveCount(1);
    expect(await line.getAttribute('y1')).toBe(await line.getAttribute('y2'));
    await expect(page.getByTestId('kshot-verdict')).toContainText(/overtakes zero-shot at k = \d+|matches zero-shot at k = \d+|stays below zero-shot/);

    // A hand-set true label: an unlabelled picture is left out until it gets one on its card.
    await page.getByRole('tab', { name: 'Images', exact: true }).click();
    await dropFiles(page, [await drawShape(page, 'square', '#1f3fe0', { name: 'mystery.png' })]);
    const mystery = resultFor(page, 'mystery.png');
    await expect(mystery.getByTestId('verdict')).toHaveAttribute('data-verdict', 'none');
    await openEvaluation(page);
    await expect(page.getByTestId('excluded')).toContainText('1 image has no true label');
    await page.getByRole('tab', { name: 'Images', exact: true }).click();
    const field = mystery.getByRole('combobox', { name: 'True label' });
    await field.fill('blue square');
    await field.press('Enter');
    await expect(mystery.getByTestId('verdict')).toHaveAttribute('data-verdict', /right|wrong/);
    const after = await readCards(page);
    await openEvaluation(page);
    await expect(page.getByTestId('top1')).toContainText(count(after.filter((c) => c.predicted === c.truth).length, after.length));
    await expect(page.getByTestId('excluded')).not.toContainText('no true label');
  });

  test('a probe trained on the variants labels new ones better than zero-shot; export and import; a probe of another model is refused', async ({ page }) => {
    const root = join(tmpdir(), `clip-eval-${process.pid}`, 'train');
    writeFolder(root, await shapesFolder(page, 't', ['plain', 'outline'], 6, 100));
    await dropFolder(page, root);
    await expect(page.getByTestId('result')).toHaveCount(48, { timeout: 60_000 });
    await readCards(page);
    await openEvaluation(page);
    await page.getByRole('button', { name: 'Train probe on 48 images' }).click();
    await expect(page.getByTestId('probe-status')).toContainText('Probe ready: 4 classes, 48 examples', { timeout: 60_000 });
    await expect(page.getByTestId('probe-status')).toContainText('chosen by cross-validation');

    // New outline pictures, never seen in training.
    await page.getByRole('tab', { name: 'Images', exact: true }).click();
    const fresh = join(tmpdir(), `clip-eval-${process.pid}`, 'new');
    writeFolder(fresh, (await shapesFolder(page, 'n', ['outline'], 4, 5000)).map((f) => ({ ...f, path: f.path.replace('outline/', 'new outlines/') })));
    await dropFolder(page, fresh);
    await expect(page.getByTestId('result')).toHaveCount(64, { timeout: 60_000 });
    const cards = (await readCards(page)).filter((c) => c.domain === 'new outlines');
    expect(cards).toHaveLength(16);
    const zeroShot = cards.filter((c) => c.predicted === c.truth).length;
    const probe = cards.filter((c) => c.probe === c.truth).length;
    expect(cards.every((c) => c.probe !== null)).toBe(true);
    expect(probe, `probe ${probe}/16 vs zero-shot ${zeroShot}/16`).toBeGreaterThan(zeroShot);

    // Export the probe and read it back; then a probe of another model is refused and the current one stays.
    await openEvaluation(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export probe (JSON)' }).click()]);
    const exported = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))) as { modelId: string; dim: number; classes: string[]; weights: number[][] };
    expect(exported.modelId).toBe('clip-shapes-tiny');
    expect(exported.dim).toBe(64);
    expect(exported.classes).toEqual(LABELS);
    expect(exported.weights[0]).toHaveLength(64);
    const probeFile = page.getByTestId('probe-file');
    await probeFile.setInputFiles({ name: 'probe.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...exported, modelId: 'Xenova/clip-vit-base-patch32', dim: 512 })) });
    await expect(page.getByTestId('probe-file-error')).toContainText('This probe is for another model');
    await expect(page.getByTestId('probe-file-error')).toContainText('Xenova/clip-vit-base-patch32 (512-dimensional embeddings)');
    await expect(page.getByTestId('probe-status')).toContainText('Probe ready');
    await probeFile.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    await expect(page.getByTestId('probe-file-error')).toContainText('not JSON');
    await probeFile.setInputFiles({ name: 'probe.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect(page.getByTestId('probe-status')).toContainText('Imported probe: 4 classes');
    await expect(page.getByTestId('probe-file-error')).toHaveCount(0);

    // The evaluation exports: one CSV row per evaluated image, with the probe's answer.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export predictions (CSV)' }).click()]);
    const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('true_label');
    expect(lines[0]).toContain('probe_predicted');
    expect(lines).toHaveLength(65);
  });

  test('a class with one image is left out of the curve, said so; the rest is still drawn', async ({ page }) => {
    const root = join(tmpdir(), `clip-eval-${process.pid}`, 'single');
    const files = [...(await shapesFolder(page, 's', ['plain'], 3, 9, ['red circle', 'blue square', 'green triangle'])), ...(await shapesFolder(page, 'one', ['plain'], 1, 3, ['purple star']))];
    writeFolder(root, files);
    await dropFolder(page, root);
    await expect(page.getByTestId('result')).toHaveCount(10, { timeout: 60_000 });
    await readCards(page);
    await openEvaluation(page);
    await expect(page.getByTestId('single-image-classes')).toContainText('“purple star” has only one image');
    await page.getByRole('button', { name: 'Draw the k-shot curve' }).click();
    await expect(page.getByTestId('kshot-curve').locator('[data-start="zero"] circle')).toHaveCount(2, { timeout: 60_000 });
    await expect(page.getByTestId('kshot-curve').locator('svg')).toHaveAttribute('aria-label', /over 3 classes/);
    // The probe itself trains on all four classes (one image is enough for a class, without cross-validation).
    await page.getByRole('button', { name: 'Train probe on 10 images' }).click();
    await expect(page.getByTestId('probe-status')).toContainText('4 classes', { timeout: 60_000 });
  });

  test('2 000 images: progress is shown, every one is classified and evaluated; a long curve can be cancelled', async ({ page }) => {
    test.setTimeout(300_000);
    // Named after their labels (true label from the file name), small, made in the page.
    await page.evaluate(async () => {
      const colours = { 'red circle': '#e01b1b', 'blue square': '#1f3fe0' } as const;
      const blobs: Record<string, Blob> = {};
      for (const [label, colour] of Object.entries(colours)) {
        const canvas = new OffscreenCanvas(48, 48);
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, 48, 48);
        ctx.fillStyle = colour;
        if (label === 'red circle') ctx.arc(24, 24, 15, 0, Math.PI * 2);
        else ctx.rect(11, 11, 26, 26);
        ctx.fill();
        blobs[label] = await canvas.convertToBlob({ type: 'image/png' });
      }
      const transfer = new DataTransfer();
      for (let i = 0; i < 2000; i++) {
        const label = i % 2 === 0 ? 'red circle' : 'blue square';
        transfer.items.add(new File([blobs[label]!], `${label}_${String(i).padStart(4, '0')}.png`, { type: 'image/png' }));
      }
      const main = document.querySelector('main')!;
      main.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      main.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      main.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId('ingest-notice')).toContainText(/Classifying \d+ of 2000 images/);
    await expect(page.getByTestId('result')).toHaveCount(2000);
    await expect(page.getByTestId('ingest-notice')).toHaveCount(0, { timeout: 240_000 });
    await openEvaluation(page);
    await expect(page.getByTestId('top1')).toContainText('/ 2000 · ');
    await expect(page.getByTestId('per-class').locator('tbody tr')).toHaveCount(2);

    // A curve over 2 000 images is long work in the probe worker: it shows progress and can be cancelled.
    await page.getByRole('button', { name: 'Draw the k-shot curve' }).click();
    const progress = page.getByRole('progressbar', { name: 'Training probes' });
    await expect(progress).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toHaveCount(0);
    await expect(page.getByTestId('kshot-curve')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Draw the k-shot curve' })).toBeEnabled();
  });
});
