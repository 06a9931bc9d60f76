/**
 * A labelled folder of shapes for the evaluation tests, drawn in the page with a canvas and written
 * to disk as `<root>/<domain>/<class>/<n>.png`: plain filled shapes (what the bundled model was
 * trained on), outline-only shapes and shapes on clutter (variants its zero-shot labels often get
 * wrong). Positions, sizes and clutter come from a seeded generator: the same folder every run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export type Shape = 'circle' | 'square' | 'triangle' | 'star' | 'heart' | 'cross';
export type Variant = 'plain' | 'outline' | 'clutter';

export interface ShapeClass {
  label: string;
  shape: Shape;
  colour: string;
}

/** Draws one picture in the page; returns PNG bytes as base64. */
export async function drawVariant(page: Page, cls: ShapeClass, variant: Variant, seed: number, size = 128): Promise<string> {
  return page.evaluate(
    async ({ shape, colour, variant, seed, size }) => {
      let state = seed >>> 0;
      const random = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const canvas = new OffscreenCanvas(size, size);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, size, size);
      if (variant === 'clutter') {
        // Many small shapes and strokes in random colours, over the whole picture.
        for (let i = 0; i < 40; i++) {
          ctx.fillStyle = `hsl(${Math.floor(random() * 360)} 70% ${Math.floor(35 + random() * 40)}%)`;
          ctx.fillRect(random() * size, random() * size, 4 + random() * 14, 4 + random() * 14);
          ctx.strokeStyle = `hsl(${Math.floor(random() * 360)} 60% 40%)`;
          ctx.lineWidth = 1 + random() * 3;
          ctx.beginPath();
          ctx.moveTo(random() * size, random() * size);
          ctx.lineTo(random() * size, random() * size);
          ctx.stroke();
        }
      }
      const r = size * (0.26 + random() * 0.08);
      const cx = size / 2 + (random() - 0.5) * size * 0.12;
      const cy = size / 2 + (random() - 0.5) * size * 0.12;
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
        const t = r * 0.32;
        ctx.rect(cx - r, cy - t, 2 * r, 2 * t);
        ctx.rect(cx - t, cy - r, 2 * t, 2 * r);
      }
      ctx.closePath();
      if (variant === 'outline') {
        ctx.strokeStyle = colour;
        ctx.lineWidth = Math.max(2, size / 40);
        ctx.stroke();
      } else {
        ctx.fillStyle = colour;
        ctx.fill('nonzero');
      }
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return btoa(binary);
    },
    { shape: cls.shape, colour: cls.colour, variant, seed, size },
  );
}

export interface FolderFile {
  /** Path inside the root: domain/class/n.png (or class/n.png without a domain). */
  path: string;
  domain: string | null;
  label: string;
  base64: string;
}

/** Writes the files under `root` (emptied first). */
export function writeFolder(root: string, files: readonly FolderFile[], extra: readonly { path: string; text: string }[] = []): void {
  rmSync(root, { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(join(root, f.path, '..'), { recursive: true });
    writeFileSync(join(root, f.path), Buffer.from(f.base64, 'base64'));
  }
  for (const f of extra) {
    mkdirSync(join(root, f.path, '..'), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
}

/**
 * Drops a folder from disk on the page as a person dragging it from a file manager would: the
 * DevTools protocol's drag events with the folder's path, so the page receives a real directory
 * entry (webkitGetAsEntry) and reads it recursively.
 */
export async function dropFolder(page: Page, path: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const box = (await page.locator('main').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(box.height / 2, 200);
  const data = { items: [], files: [path], dragOperationsMask: 1 };
  await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', x, y, data });
  await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', x, y, data });
  await cdp.send('Input.dispatchDragEvent', { type: 'drop', x, y, data });
  await cdp.detach();
}
