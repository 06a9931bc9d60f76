// Builds the peer page (bench/peer/) to .bench/peer-dist/, served under /peer/ by bench/server.mjs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/peer/',
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../../.bench/peer-dist', import.meta.url)), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 5000 },
});
