/**
 * The solver's two products with X (see `ProbeProducts` in ./logistic.ts) on the WebAssembly SIMD
 * kernel of assembly/probe/products.ts, in Float32: about eight times the Float64 JavaScript
 * kernel's speed (35 against 4 GFLOP/s of CPU time on the development machine, 667 × 512 × 100).
 *
 * Float32 is enough there: the embeddings are Float32 to begin with, and a product's rounding
 * (relative 1e-7 of sums of a few hundred terms) is far below the tolerances the solver stops at.
 * Everything the line search compares (softmax, loss, penalty, slope) stays in Float64 in
 * ./logistic.ts, so the objective it sees along a line is smooth.
 *
 * Each `wasmProducts` has its own module instance (its own memory, sized for its X): cheap (the
 * module is compiled once, about a kilobyte), and nothing is shared between fits or folds.
 */
import type { Matrix, ProbeProducts } from './logistic';
import { PRODUCTS_WASM_BASE64 } from './productsWasm';

interface KernelExports {
  memory: WebAssembly.Memory;
  multiply(a: number, b: number, c: number, m: number, l: number, n: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The compiled kernel, or null where WebAssembly SIMD is missing (then the Float64 JavaScript products serve). */
export function productsModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = decodeBase64(PRODUCTS_WASM_BASE64);
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

/** K rounded up to a multiple of 4: the kernel's column count (the padding columns stay zero). */
function paddedClasses(classes: number): number {
  return Math.ceil(classes / 4) * 4;
}

/** The products on X with the WebAssembly kernel, or null where it cannot run. */
export function wasmProducts(x: Matrix, classes: number): ProbeProducts | null {
  const module = productsModule();
  if (!module) return null;
  const { data, rows: n, cols: d } = x;
  const K = classes;
  const kp = paddedClasses(K);
  const kernel = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
  // Float32 arrays in the instance's memory, one after the other: X (n × d), Xᵀ (d × n), Dᵀ (d × kp), Z (n × kp), R (n × kp), G (d × kp).
  const sizes = [n * d, d * n, d * kp, n * kp, n * kp, d * kp];
  kernel.memory.grow(Math.ceil((sizes.reduce((a, b) => a + b, 0) * 4) / 65536));
  let next = 0;
  const [xView, xTView, dTView, zView, rView, gView] = sizes.map((size) => {
    const view = new Float32Array(kernel.memory.buffer, next, size);
    next += size * 4;
    return view;
  }) as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  xView.set(data);
  // Xᵀ only when a gradient is asked for (held-out sets only need logits).
  let transposed = false;
  const [xAt, xTAt, dTAt, zAt, rAt, gAt] = [xView, xTView, dTView, zView, rView, gView].map((view) => view.byteOffset) as [number, number, number, number, number, number];

  const products: ProbeProducts = {
    count: 0,
    logits(weights, intercepts, out) {
      // Dᵀ (d × kp) from W (K × d): the kernel wants the classes along its rows.
      for (let k = 0; k < K; k++) {
        const row = k * d;
        for (let j = 0; j < d; j++) dTView[j * kp + k] = weights[row + j]!;
      }
      kernel.multiply(xAt, dTAt, zAt, n, d, kp);
      for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) out[i * K + k] = zView[i * kp + k]! + intercepts[k]!;
      products.count++;
    },
    gradient(residuals, out) {
      if (!transposed) {
        for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xTView[j * n + i] = data[i * d + j]!;
        transposed = true;
      }
      for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) rView[i * kp + k] = residuals[i * K + k]!;
      kernel.multiply(xTAt, rAt, gAt, d, n, kp);
      for (let k = 0; k < K; k++) {
        const row = k * d;
        for (let j = 0; j < d; j++) out[row + j] = gView[j * kp + k]!;
      }
      products.count++;
    },
  };
  return products;
}
