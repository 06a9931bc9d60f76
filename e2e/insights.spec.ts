/**
 * "Seeing what CLIP learned": the similarity matrix agrees with the gallery, text search ranks the
 * matching image first, and the embedding map shows every image and label. Drives the Insights tab
 * (sub-tabs Matrix, Search, Map) with the bundled shapes model on WASM.
 */
import { expect, test, type Page } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, openApp, resultFor, setLabels, topLabel } from './app';

const LABELS = ['red circle', 'blue square', 'green star'];
const FILES = { 'red-circle.png': 'red circle', 'blue-square.png': 'blue square' } as const;
type FileName = keyof typeof FILES;
const NAMES = Object.keys(FILES) as FileName[];

/** Three labels, a red circle and a blue square, classified in the gallery. */
async function classifyTwoShapes(page: Page): Promise<void> {
  await openApp(page);
  await setLabels(page, LABELS);
  await dropFiles(page, [
    await drawShape(page, 'circle', COLOURS.red, { name: 'red-circle.png' }),
    await drawShape(page, 'square', COLOURS.blue, { name: 'blue-square.png' }),
  ]);
  for (const name of NAMES) {
    await expect(topLabel(page, name)).toHaveText(FILES[name]);
    // All three labels ranked: the cards show the new labels, not the default ones.
    await expect(resultFor(page, name).locator('.scores li')).toHaveCount(LABELS.length);
  }
}

async function openInsights(page: Page, view: 'Matrix' | 'Search' | 'Map'): Promise<void> {
  await page.getByRole('tab', { name: 'Insights', exact: true }).click();
  await page.getByRole('tab', { name: view, exact: true }).click();
  await expect(page.getByRole('tab', { name: view, exact: true })).toHaveAttribute('aria-selected', 'true');
}

/** Label → percentage text as the gallery card of `file` shows it. */
async function galleryPercentages(page: Page, file: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const row of await resultFor(page, file).locator('.scores li').all()) {
    out[(await row.locator('.score-label').textContent())!.trim()] = (await row.locator('.score-value').textContent())!.trim();
  }
  return out;
}

test.describe('insights with the bundled shapes model', () => {
  test.beforeEach(async ({ page }) => {
    await classifyTwoShapes(page);
  });

  test('the similarity matrix agrees with the gallery, in cosines and in probabilities', async ({ page }) => {
    const top: Record<string, string> = {};
    const percentages: Record<string, Record<string, string>> = {};
    for (const name of NAMES) {
      top[name] = (await topLabel(page, name).textContent())!.trim();
      percentages[name] = await galleryPercentages(page, name);
    }

    await openInsights(page, 'Matrix');
    const matrix = page.getByTestId('similarity-matrix');
    await expect(matrix).toBeVisible();
    const columns = (await matrix.locator('thead th[data-col]').allTextContents()).map((t) => t.trim());
    expect(columns).toEqual(LABELS);
    const rows = (await matrix.locator('tbody th[scope="row"]').allTextContents()).map((t) => t.trim());
    expect([...rows].sort()).toEqual([...NAMES].sort());
    await expect(page.getByRole('img', { name: /Colour scale \(viridis\)/ })).toBeVisible();

    // Cosine mode: every cell a number with 2 decimals; the top label's column holds the row's maximum.
    await expect(page.getByRole('radio', { name: 'Cosine similarity' })).toBeChecked();
    for (const [r, name] of rows.entries()) {
      const cells = matrix.locator(`td[data-row="${r}"]`);
      await expect(cells).toHaveCount(LABELS.length);
      const texts = await cells.allTextContents();
      for (const text of texts) expect(text).toMatch(/^-?\d\.\d\d$/);
      const values = texts.map(Number);
      const topColumn = columns.indexOf(top[name]!); // rows are NAMES (checked above)
      expect(values[topColumn], `${name}: the top label's cosine is the row's largest`).toBe(Math.max(...values));
      // The outlined cell (exact maximum, before rounding) is the gallery's top label.
      await expect(matrix.locator(`td.best[data-row="${r}"]`)).toHaveAttribute('data-col', String(topColumn));
      await expect(cells.nth(topColumn)).toHaveAttribute('title', `${name} · ${top[name]}: ${texts[topColumn]} (top label)`);
    }

    // Probability mode: each cell reads exactly as the gallery card's percentage for that label.
    await page.getByRole('radio', { name: 'Probability (softmax per image)' }).check();
    await expect(matrix).toHaveAttribute('data-mode', 'probability');
    for (const [r, name] of rows.entries()) {
      for (const [c, label] of columns.entries()) {
        await expect(matrix.locator(`td[data-row="${r}"][data-col="${c}"]`), `${name} × ${label}`).toHaveText(percentages[name]![label]!);
      }
    }
  });

  test('searching "a photo of a blue square" ranks the blue square first', async ({ page }) => {
    await openInsights(page, 'Search');
    const box = page.getByRole('searchbox', { name: 'Search the gallery with a sentence' });
    await box.fill('a photo of a blue square');
    await box.press('Enter');
    const results = page.getByTestId('search-results').getByRole('listitem');
    await expect(results).toHaveCount(2);
    await expect(results.first()).toContainText('blue-square.png');
    await expect(results.nth(1)).toContainText('red-circle.png');
    const values = (await page.getByTestId('search-results').locator('.search-value').allTextContents()).map((t) => parseFloat(t.replace(/[^\d.-]/g, '')));
    expect(values[0]).toBeGreaterThan(values[1]!);

    // Another sentence re-ranks the gallery.
    await box.fill('a photo of a red circle');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByTestId('search-results')).toHaveAttribute('aria-label', /red circle/);
    await expect(results.first()).toContainText('red-circle.png');
  });

  test('the embedding map shows one point per image and per label, and fits a phone', async ({ page }) => {
    await page.getByRole('tab', { name: 'Insights', exact: true }).click();
    // The sub-tabs work from the keyboard: arrows move between Matrix, Search and Map.
    await page.getByRole('tab', { name: 'Matrix', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Map', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab', { name: 'Map', exact: true })).toBeFocused();

    const map = page.getByTestId('embedding-map');
    await expect(map).toBeVisible();
    await expect(map.locator('[data-kind="image"]')).toHaveCount(2);
    await expect(map.locator('[data-kind="label"]')).toHaveCount(3);
    await expect(map.locator('[data-kind="label"] text')).toHaveText(LABELS);
    await expect(map).toHaveAttribute('aria-label', /2 images and 3 labels, projected with PCA/);
    await expect(map).toContainText(/PC 1 · \d+% of the variance/);
    await expect(page.getByText('modality gap')).toBeVisible();

    // At a phone's width the map and the matrix stay inside the screen (the matrix scrolls inside its box).
    await page.setViewportSize({ width: 360, height: 740 });
    const mapBox = (await map.boundingBox())!;
    expect(mapBox.x).toBeGreaterThanOrEqual(0);
    expect(mapBox.x + mapBox.width).toBeLessThanOrEqual(361);
    // Label names stay inside the map's frame: one near the right edge is written to the left of its dot.
    const frame = (await map.locator('.map-frame').boundingBox())!;
    for (const name of await map.locator('[data-kind="label"] text').all()) {
      const box = (await name.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(frame.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
    }
    await page.getByRole('tab', { name: 'Matrix', exact: true }).click();
    const region = page.getByRole('region', { name: /Similarity matrix/ });
    await expect(region).toBeVisible();
    const regionBox = (await region.boundingBox())!;
    expect(regionBox.x + regionBox.width).toBeLessThanOrEqual(361);
  });
});
