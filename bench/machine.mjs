/** The machine and software versions the figures were measured on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const pkg = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')).version;
  } catch {
    return null;
  }
};

const git = (...args) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};

export function machineInfo(chromiumVersion) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = (cpuinfo.match(/^model name\s*:\s*(.+)$/m) ?? [])[1] ?? cpus()[0]?.model ?? 'unknown';
  const flags = (cpuinfo.match(/^flags\s*:\s*(.+)$/m) ?? [])[1] ?? '';
  const simd = ['avx2', 'avx512f', 'avx512_vnni', 'avx_vnni'].filter((f) => flags.split(' ').includes(f));
  const dirty = git('status', '--porcelain', '--untracked-files=no');
  return {
    date: new Date().toISOString(),
    cpu: model,
    cpuFlags: simd,
    cores: cpus().length,
    ramGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    versions: {
      chromium: chromiumVersion,
      node: process.version,
      'onnxruntime-web (app)': pkg('node_modules/onnxruntime-web/package.json'),
      'onnxruntime-web (peer)': pkg('node_modules/@huggingface/transformers/node_modules/onnxruntime-web/package.json') ?? pkg('node_modules/onnxruntime-web/package.json'),
      'onnxruntime-node': pkg('node_modules/onnxruntime-node/package.json'),
      '@huggingface/transformers': pkg('node_modules/@huggingface/transformers/package.json'),
      '@playwright/test': pkg('node_modules/@playwright/test/package.json'),
      vite: pkg('node_modules/vite/package.json'),
    },
    commit: `${git('rev-parse', '--short', 'HEAD') ?? 'unknown'}${dirty ? ' (with uncommitted changes)' : ''}`,
  };
}
