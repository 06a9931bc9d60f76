/** The committed WebAssembly kernel is what its AssemblyScript source compiles to (so nobody edits one without the other). */
import { describe, expect, it } from 'vitest';
import { PRODUCTS_WASM_BASE64 } from '../../src/clip/probe/productsWasm';
import { compileProducts } from './compile.mjs';

describe('the probe kernel', () => {
  it('src/clip/probe/productsWasm.ts holds the compiled assembly/probe/products.ts (run `npm run probe:wasm` after editing it)', async () => {
    const bytes = await compileProducts();
    expect(Buffer.from(bytes).toString('base64')).toBe(PRODUCTS_WASM_BASE64);
  });
});
