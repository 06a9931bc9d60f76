/** Compiles assembly/probe/products.ts with the AssemblyScript compiler (see build.mjs). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import asc from 'assemblyscript/asc';

const SOURCE = resolve(import.meta.dirname, '../../assembly/probe/products.ts');

/** Optimise for speed; no runtime or garbage collector (the kernel allocates nothing); SIMD on; no bounds asserts. */
const ASC_FLAGS = ['--optimizeLevel', '3', '--shrinkLevel', '0', '--runtime', 'stub', '--noAssert', '--enable', 'simd'];

/** @returns {Promise<Uint8Array>} the module's bytes */
export async function compileProducts() {
  /** @type {Record<string, Uint8Array | string>} */
  const outputs = {};
  const { error, stderr } = await asc.main(['products.ts', ...ASC_FLAGS, '--outFile', 'products.wasm'], {
    readFile: (name) => (name === 'products.ts' ? readFileSync(SOURCE, 'utf8') : null),
    writeFile: (name, contents) => {
      outputs[name] = contents;
    },
    listFiles: () => [],
  });
  if (error) throw new Error(`asc failed: ${error.message}\n${stderr.toString()}`);
  const bytes = outputs['products.wasm'];
  if (!(bytes instanceof Uint8Array)) throw new Error('asc wrote no products.wasm');
  return bytes;
}
