/**
 * The generator of shifted test sets: one click draws the bundled model's classes in a clean
 * baseline and six shifted domains, and the gallery gets them with their true labels and domains.
 * The clean baseline is drawn like the model's training pictures, so the model gets it right.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, setLabels } from './app';

interface Item {
  name: string;
  origin: string;
  truth: { label: string; from: string } | null;
  domain: string | null;
  caption: string | null;
  status: string;
}

function galleryItems(page: Page): Promise<Item[]> {
  return page.evaluate(() => {
    const { items } = (window as unknown as { appState: { gallery: { getState(): { items: Item[] } } } }).appState.gallery.getState();
    return items.map(({ name, origin, truth, domain, caption, status }) => ({ name, origin, truth, domain, caption, status }));
  });
}

const DOMAINS = ['photo', 'outline', 'textured', 'rotated', 'cluttered', 'low contrast', 'hand drawn'];

test('one click adds every class in a clean and six shifted domains, with true labels and domains', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page, 'model=clip-shapes-tiny&backend=wasm&debug');
  await page.getByRole('tab', { name: 'Draw', exact: true }).click();
  const generator = page.getByRole('region', { name: 'Shifted test sets' });
  await expect(generator.getByRole('button', { name: 'Generate 252 pictures' })).toBeVisible(); // 36 classes × 7 domains × 1
  await generator.getByRole('button', { name: 'Generate 252 pictures' }).click();
  await expect(page.getByTestId('shift-message')).toHaveText(
    'Added 252 pictures to the gallery (photo 36, outline 36, textured 36, rotated 36, cluttered 36, low contrast 36, hand drawn 36).',
    { timeout: 120_000 },
  );

  await page.getByRole('button', { name: 'Show them' }).click();
  await expect(page.getByRole('tab', { name: 'Images', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('result')).toHaveCount(252);
  await expect(page.getByTestId('result').filter({ hasText: 'low-contrast-purple-heart-1.png' })).toHaveCount(1);
  const items = await galleryItems(page);
  for (const domain of DOMAINS) expect(items.filter((i) => i.domain === domain), domain).toHaveLength(36);
  for (const item of items) {
    expect(item.origin).toBe('generated');
    expect(item.truth?.from).toBe('generator');
    // The file name says the domain and the class: `hand-drawn-red-circle-1.png`.
    expect(item.name).toBe(`${item.domain!.replace(' ', '-')}-${item.truth!.label.replace(' ', '-')}-1.png`);
  }
  expect(items.find((i) => i.name === 'outline-blue-star-1.png')!.caption).toBe('an outline of a blue star');

  // Every picture is classified; the clean baseline almost always right (it is drawn like the
  // training pictures), which is what makes the shifted domains' drops meaningful.
  await expect(page.locator('[data-testid="result"][aria-busy="true"]')).toHaveCount(0, { timeout: 120_000 });
  const tops = await page.getByTestId('result').evaluateAll((cards) =>
    cards.map((card) => ({ name: card.querySelector('.file-name')?.textContent ?? '', top: card.querySelector('.scores li.top .score-label')?.textContent ?? '' })),
  );
  const photo = tops.filter((t) => t.name.startsWith('photo-'));
  const right = photo.filter((t) => t.name === `photo-${t.top.replace(' ', '-')}-1.png`).length;
  expect(right, JSON.stringify(photo)).toBeGreaterThanOrEqual(33);
});

test('a second click makes new pictures; fewer domains and more per class are honoured', async ({ page }) => {
  await openApp(page, 'model=clip-shapes-tiny&backend=wasm&debug');
  await setLabels(page, ['red circle', 'blue square', 'dog']);
  await page.getByRole('tab', { name: 'Draw', exact: true }).click();
  const generator = page.getByRole('region', { name: 'Shifted test sets' });
  for (const name of ['Outline only', 'Textured fill', 'Rotated', 'Cluttered background', 'Hand-drawn jitter']) await generator.getByRole('checkbox', { name }).uncheck();
  await generator.getByRole('combobox', { name: 'Pictures per class and domain' }).selectOption('3');
  await generator.getByRole('button', { name: 'Generate 12 pictures' }).click(); // 2 shape classes × 2 domains × 3
  await expect(page.getByTestId('shift-message')).toHaveText('Added 12 pictures to the gallery (photo 6, low contrast 6).');
  // Also after a visit to another view.
  await page.getByRole('tab', { name: 'Images', exact: true }).click();
  await page.getByRole('tab', { name: 'Draw', exact: true }).click();
  await generator.getByRole('combobox', { name: 'Pictures per class and domain' }).selectOption('3');
  for (const name of ['Outline only', 'Textured fill', 'Rotated', 'Cluttered background', 'Hand-drawn jitter']) await generator.getByRole('checkbox', { name }).uncheck();
  await generator.getByRole('button', { name: 'Generate 12 pictures' }).click();
  await expect.poll(async () => (await galleryItems(page)).length).toBe(24);
  const items = await galleryItems(page);
  expect(new Set(items.map((i) => i.truth!.label))).toEqual(new Set(['red circle', 'blue square']));
  // Same names, different pictures.
  const pictures = await page.evaluate(async () => {
    const { items } = (window as unknown as { appState: { gallery: { getState(): { items: { name: string; file: Blob }[] } } } }).appState.gallery.getState();
    const first = items.filter((i) => i.name === 'photo-red-circle-1.png');
    return Promise.all(first.map(async (i) => [...new Uint8Array(await i.file.arrayBuffer())].join(',')));
  });
  expect(pictures).toHaveLength(2);
  expect(pictures[0]).not.toBe(pictures[1]);
});

test('without shape labels the generator says what it is for', async ({ page }) => {
  await openApp(page);
  await setLabels(page, ['dog', 'cat']);
  await page.getByRole('tab', { name: 'Draw', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Shifted test sets' }).getByRole('note')).toContainText('none of the current labels is one');
});
