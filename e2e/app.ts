/** What the end-to-end tests do as a user: open the app, draw and drop pictures, read results. */
import { expect, type Page } from '@playwright/test';

export interface DroppedFile {
  name: string;
  mimeType: string;
  /** base64 of the file's bytes */
  base64: string;
}

/** The bundled tiny shapes model, served by the app itself like any hub-layout folder. */
export async function openApp(page: Page, query = 'model=clip-shapes-tiny&backend=wasm'): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
}

/** Draws a filled shape on a canvas in the page and returns it as a PNG file. */
export async function drawShape(
  page: Page,
  shape: 'circle' | 'square' | 'triangle' | 'star' | 'heart' | 'cross',
  colour: string,
  options: { width?: number; height?: number; background?: string; name?: string } = {},
): Promise<DroppedFile> {
  const { width = 320, height = 240, background = '#ffffff' } = options;
  const base64 = await page.evaluate(
    async ({ shape, colour, width, height, background }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, width, height);
      ctx.fillStyle = colour;
      const cx = width / 2;
      const cy = height / 2;
      const r = Math.min(width, height) * 0.32;
      ctx.beginPath();
      if (shape === 'circle') ctx.arc(cx, cy, r, 0, Math.PI * 2);
      if (shape === 'square') ctx.rect(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7);
      if (shape === 'triangle') {
        ctx.moveTo(cx, cy - r);
        ctx.lineTo(cx + r * 0.95, cy + r * 0.7);
        ctx.lineTo(cx - r * 0.95, cy + r * 0.7);
      }
      if (shape === 'star') {
        for (let i = 0; i < 10; i++) {
          const radius = i % 2 === 0 ? r : r * 0.45;
          const angle = -Math.PI / 2 + (i * Math.PI) / 5;
          ctx.lineTo(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
        }
      }
      if (shape === 'heart') {
        ctx.moveTo(cx, cy + r * 0.9);
        ctx.bezierCurveTo(cx - r * 1.4, cy - r * 0.1, cx - r * 0.6, cy - r * 1.1, cx, cy - r * 0.45);
        ctx.bezierCurveTo(cx + r * 0.6, cy - r * 1.1, cx + r * 1.4, cy - r * 0.1, cx, cy + r * 0.9);
      }
      if (shape === 'cross') {
        const t = r * 0.32; // half the bar width
        ctx.rect(cx - r, cy - t, 2 * r, 2 * t);
        ctx.rect(cx - t, cy - r, 2 * t, 2 * r);
      }
      ctx.closePath();
      ctx.fill('nonzero');
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return btoa(binary);
    },
    { shape, colour, width, height, background },
  );
  return { name: options.name ?? `${colour}-${shape}.png`, mimeType: 'image/png', base64 };
}

export function textFile(name: string, text: string): DroppedFile {
  return { name, mimeType: 'text/plain', base64: Buffer.from(text).toString('base64') };
}

export function fileFromBytes(name: string, mimeType: string, bytes: Uint8Array): DroppedFile {
  return { name, mimeType, base64: Buffer.from(bytes).toString('base64') };
}

/** Drops files on the page the way a browser does when a person drags them from their desktop. */
export async function dropFiles(page: Page, files: DroppedFile[]): Promise<void> {
  const transfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.mimeType }));
    }
    return dt;
  }, files);
  const target = page.locator('main');
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

export async function setLabels(page: Page, labels: string[]): Promise<void> {
  await page.getByRole('textbox', { name: /^Labels/ }).fill(labels.join('\n'));
}

/** The result card of one file. */
export function resultFor(page: Page, fileName: string) {
  return page.getByTestId('result').filter({ hasText: fileName });
}

/** The label ranked first on a result card. */
export function topLabel(page: Page, fileName: string) {
  return resultFor(page, fileName).locator('.scores li.top .score-label');
}

/** CSS colours the tests draw with, by the label's colour word. */
export const COLOURS = {
  red: '#e01b1b',
  green: '#1fa31f',
  blue: '#1f3fe0',
  yellow: '#f2d20c',
  purple: '#8a2be2',
  orange: '#ff8c00',
} satisfies Record<string, string>;
