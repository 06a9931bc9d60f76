/**
 * Webcam loop with Chromium's fake camera playing a Y4M of a noisy gradient (640×480, 30 fps):
 * the app's "Live camera" tab, and the peer's equivalent loop in its page.
 */
import { writeFileSync } from 'node:fs';
import { launch } from './browser.mjs';
import { appUrl, openApp } from './app.mjs';
import { peerUrl } from './peer.mjs';

/** I420 frames of a moving noisy gradient (no ffmpeg needed). */
export function writeGradientY4m(path, width = 640, height = 480, frames = 10, fps = 30) {
  const parts = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let f = 0; f < frames; f++) {
    const frame = Buffer.alloc(width * height * 1.5);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) frame[y * width + x] = Math.max(16, Math.min(235, 16 + ((x + y + f * 8) % 220) + (random() - 0.5) * 30));
    const u0 = width * height;
    const v0 = u0 + (width * height) / 4;
    for (let y = 0; y < height / 2; y++) {
      for (let x = 0; x < width / 2; x++) {
        frame[u0 + y * (width / 2) + x] = 128 + Math.round(60 * Math.sin((x + f * 4) / 40));
        frame[v0 + y * (width / 2) + x] = 128 + Math.round(60 * Math.cos(y / 30));
      }
    }
    parts.push(Buffer.from('FRAME\n'), frame);
  }
  writeFileSync(path, Buffer.concat(parts));
}

const cameraArgs = (y4m) => ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`];

export async function appCamera({ base, chromiumArgs, threads, y4m, seconds, log }) {
  const browser = await launch(chromiumArgs, cameraArgs(y4m));
  try {
    const page = await browser.newPage();
    await openApp(page, appUrl(base, { threads, debug: false }));
    await page.getByRole('tab', { name: 'Live camera' }).click();
    await page.getByRole('button', { name: 'Start camera' }).click();
    const stats = page.getByTestId('live-stats');
    await stats.waitFor({ state: 'visible', timeout: 60_000 });
    const samples = [];
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      await page.waitForTimeout(2500);
      samples.push((await stats.innerText()).trim());
    }
    const last = samples[samples.length - 1];
    const m = last.match(/([\d.]+)\s*fps\s*·\s*(\d+)\s*ms/);
    const out = { stats: last, samples, fps: m ? Number(m[1]) : null, msPerFrame: m ? Number(m[2]) : null, seconds };
    log(`  app ${threads}t camera: ${last}`);
    return out;
  } finally {
    await browser.close();
  }
}

export async function peerCamera({ base, chromiumArgs, threads, y4m, seconds, log }) {
  const browser = await launch(chromiumArgs, cameraArgs(y4m));
  try {
    const page = await browser.newPage();
    await page.goto(peerUrl(base, threads));
    await page.waitForFunction(() => window.peer, null, { timeout: 60_000 });
    await page.evaluate(() => window.peer.loadTowers());
    const r = await page.evaluate((s) => window.peer.cameraLoop(s), seconds);
    const sorted = [...r.times].sort((a, b) => a - b);
    const out = { fps: (r.frames * 1000) / r.elapsedMs, msPerFrame: sorted[Math.floor(sorted.length / 2)], frames: r.frames, size: r.size, seconds };
    log(`  peer ${threads}t camera: ${out.fps.toFixed(1)} fps, ${out.msPerFrame.toFixed(0)} ms per frame (${r.size.join('×')})`);
    return out;
  } finally {
    await browser.close();
  }
}
