/** Layout checks for the projector and phone tests: overflow, overlap, target sizes, what an <img> shows. */
import { expect, test, type Locator, type Page } from '@playwright/test';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The page does not scroll: its scroll size is the viewport's. */
export async function expectNoPageOverflow(page: Page, what: string): Promise<void> {
  const size = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    viewportWidth: innerWidth,
    viewportHeight: innerHeight,
  }));
  expect(size.width, `${what}: page width`).toBeLessThanOrEqual(size.viewportWidth);
  expect(size.height, `${what}: page height`).toBeLessThanOrEqual(size.viewportHeight);
}

/** The page does not scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, viewport: innerWidth }));
  expect(size.width, `${what}: page width`).toBeLessThanOrEqual(size.viewport);
}

export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not rendered`);
  return box;
}

export function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether `inner` lies within `outer` (to half a pixel). */
export function within(inner: Box, outer: Box): boolean {
  const e = 0.5;
  return inner.x >= outer.x - e && inner.y >= outer.y - e && inner.x + inner.width <= outer.x + outer.width + e && inner.y + inner.height <= outer.y + outer.height + e;
}

export async function viewportBox(page: Page): Promise<Box> {
  const { width, height } = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  return { x: 0, y: 0, width, height };
}

/**
 * Every visible control that is smaller than `min`×`min` CSS pixels. A checkbox or radio button
 * counts as its label, through which it is tapped.
 */
export async function smallTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>('button, select, summary, textarea, input, a[href], [role="tab"]');
    const small: string[] = [];
    for (const control of Array.from(controls)) {
      if (control instanceof HTMLInputElement && control.type === 'hidden') continue;
      const target = control.matches('input[type="checkbox"], input[type="radio"]') ? (control.closest('label') ?? control) : control;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered (hidden, in a closed <details> or <dialog>)
      if (getComputedStyle(control).visibility === 'hidden') continue;
      if (box.width < min - 0.01 || box.height < min - 0.01) {
        const name = control.getAttribute('aria-label') ?? control.textContent?.trim().slice(0, 30) ?? '';
        small.push(`${control.tagName.toLowerCase()}${control instanceof HTMLInputElement ? `[${control.type}]` : ''} "${name}": ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
      }
    }
    return small;
  }, min);
}

/** Where an <img> or <video> with `object-fit: contain` draws its picture, in page pixels. */
export async function contentBox(media: Locator): Promise<Box> {
  return media.evaluate((element: HTMLImageElement | HTMLVideoElement) => {
    const box = element.getBoundingClientRect();
    const width = element instanceof HTMLVideoElement ? element.videoWidth : element.naturalWidth;
    const height = element instanceof HTMLVideoElement ? element.videoHeight : element.naturalHeight;
    const scale = Math.min(box.width / width, box.height / height);
    return { x: box.x + (box.width - width * scale) / 2, y: box.y + (box.height - height * scale) / 2, width: width * scale, height: height * scale };
  });
}

/**
 * A picture for the README: written to `docs/` when DOCS_SCREENSHOTS=1 (`DOCS_SCREENSHOTS=1 npx
 * playwright test e2e/projector.spec.ts e2e/phone.spec.ts e2e/model-input.spec.ts`), else to the
 * test's output folder, so an ordinary run leaves the repository as it was.
 */
export async function docsScreenshot(target: Page | Locator, name: string): Promise<void> {
  const path = process.env.DOCS_SCREENSHOTS === '1' ? `docs/${name}` : test.info().outputPath(name);
  await target.screenshot({ path });
}
