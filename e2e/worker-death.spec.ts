/**
 * A worker that dies must not hang the app (issue "Hardening"): closed from inside (as a phone's
 * out-of-memory kill closes it, without any event), or stuck in a loop, it is noticed within
 * seconds, restarted with the model, and a dropped image still gets its label; dying again and
 * again ends in a message with Retry.
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, openApp, topLabel } from './app';

/**
 * The CLIP worker, other than `not`. onnxruntime's threads are workers too (blocked in
 * Atomics.wait, so they cannot be asked anything): the CLIP worker is told by its script.
 */
async function clipWorker(page: Page, not?: Worker): Promise<Worker> {
  const find = () => page.workers().find((worker) => worker !== not && /\/clip\.worker-[^/]*\.js$/.test(worker.url()));
  await expect.poll(() => find() !== undefined, { timeout: 30_000 }).toBe(true);
  return find()!;
}

/** `self.close()` inside the worker: no error event, no answer, as an out-of-memory kill. */
function closeFromInside(worker: Worker): void {
  void worker.evaluate(() => self.close()).catch(() => undefined);
}

const RESTARTED = 'The model stopped (the browser may have run out of memory) and was restarted.';

test('a worker closed from inside is restarted: a dropped image gets its label, and the user is told', async ({ page }) => {
  await openApp(page);
  const first = await clipWorker(page);
  closeFromInside(first);
  const started = Date.now();
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'after-close.png' })]);
  await expect(topLabel(page, 'after-close.png')).toHaveText('red circle');
  test.info().annotations.push({ type: 'label after close', description: `${Date.now() - started} ms` });
  await expect(page.getByTestId('backend-notice')).toHaveText(RESTARTED);
  await expect(page.getByTestId('backend')).toContainText('WASM');
  await clipWorker(page, first); // a new one
});

test('a stuck worker (an endless loop) is noticed and replaced the same way', async ({ page }) => {
  await openApp(page);
  // Idle (the labels encoded): a worker that is not busy must answer within seconds. (While it
  // says it is busy, it gets a minute per piece of work: src/app/worker/livenessWatch.ts.)
  await expect(page.getByTestId('encode-summary')).toBeVisible();
  const first = await clipWorker(page);
  void first.evaluate(() => {
    for (;;) {
      // the worker's thread never comes back
    }
  }).catch(() => undefined);
  await dropFiles(page, [await drawShape(page, 'star', COLOURS.blue, { name: 'after-hang.png' })]);
  await expect(topLabel(page, 'after-hang.png')).toHaveText('blue star');
  await expect(page.getByTestId('backend-notice')).toHaveText('The model stopped (it stopped responding) and was restarted.');
});

test('a worker that dies again and again ends in a message with Retry, and Retry brings the model back', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [await drawShape(page, 'heart', COLOURS.purple, { name: 'before.png' })]);
  await expect(topLabel(page, 'before.png')).toHaveText('purple heart');
  let worker = await clipWorker(page);
  for (let death = 1; death <= 2; death++) {
    closeFromInside(worker);
    // A new worker appears once the death is noticed; the badge is back once it runs the model.
    worker = await clipWorker(page, worker);
    await expect(page.getByTestId('backend')).toBeVisible();
    await expect(page.getByTestId('backend-notice')).toHaveText(RESTARTED);
  }
  closeFromInside(worker);
  const alert = page.getByTestId('worker-failed');
  await expect(alert).toContainText('The model stopped 3 times in 2 minutes');
  await expect(alert).toContainText('Retry');
  await expect(page.getByTestId('backend')).toBeHidden();
  await expect(page.getByTestId('model-stopped')).toHaveText('Stopped');

  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toBeHidden();
  await expect(page.getByTestId('backend')).toContainText('WASM');
  await dropFiles(page, [await drawShape(page, 'cross', COLOURS.green, { name: 'after-retry.png' })]);
  await expect(topLabel(page, 'after-retry.png')).toHaveText('green cross');
  // Nothing was lost: the image from before is classified with the model that came back.
  await expect(topLabel(page, 'before.png')).toHaveText('purple heart');
});
