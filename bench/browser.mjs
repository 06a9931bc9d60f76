/** Launching Debian's Chromium with the project's flags, and reading its processes' peak memory. */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

export async function launch(chromiumArgs, extraArgs = []) {
  // An inert marker flag lets us find this browser's processes in /proc.
  const tag = `--bench-tag=${randomUUID()}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...chromiumArgs, ...extraArgs, tag] });
  browser.benchTag = tag;
  return browser;
}

function readProc(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Peak resident memory (VmHWM) and current RSS of every process of one browser, by Chromium
 * process type. Dedicated workers and onnxruntime's WASM threads live in the page's renderer, so
 * the renderer's VmHWM is the peak of page + worker (WASM heap included).
 */
export function processMemory(browser) {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const parent = new Map();
  let root = null;
  for (const pid of pids) {
    const stat = readProc(pid, 'stat');
    if (!stat) continue;
    parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmd = readProc(pid, 'cmdline');
    if (cmd && cmd.includes(browser.benchTag) && !cmd.includes('--type=')) root = pid;
  }
  if (!root) return null;
  const isDescendant = (pid) => {
    for (let p = pid, i = 0; p && i < 20; p = parent.get(p), i++) if (p === root) return true;
    return false;
  };
  const out = { processes: [] };
  for (const pid of pids) {
    if (!isDescendant(pid)) continue;
    // Chromium rewrites its children's command lines (one space-separated string): use a regex.
    const cmd = (readProc(pid, 'cmdline') ?? '').replaceAll('\0', ' ');
    const type = (cmd.match(/--type=(\S+)/) ?? [])[1] ?? 'browser';
    const utility = (cmd.match(/--utility-sub-type=(\S+)/) ?? [])[1] ?? '';
    const status = readProc(pid, 'status') ?? '';
    const kb = (key) => Number((status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm')) ?? [])[1] ?? 0);
    if (!status) continue;
    out.processes.push({ pid: Number(pid), type: utility ? `${type}:${utility.split('.').pop()}` : type, hwmMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 });
  }
  const renderers = out.processes.filter((p) => p.type === 'renderer');
  out.rendererPeakMB = Math.max(0, ...renderers.map((p) => p.hwmMB));
  out.totalRssMB = out.processes.reduce((s, p) => s + p.rssMB, 0);
  out.sumOfPeaksMB = out.processes.reduce((s, p) => s + p.hwmMB, 0);
  return out;
}

/** JS heap of the page (main thread) from the Chrome DevTools Protocol. */
export async function pageHeap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  return { jsHeapUsedMB: get('JSHeapUsedSize') / 2 ** 20, jsHeapTotalMB: get('JSHeapTotalSize') / 2 ** 20 };
}
