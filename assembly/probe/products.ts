/**
 * The linear probe's one hot loop, in AssemblyScript compiled to WebAssembly SIMD
 * (`npm run probe:wasm` writes src/clip/probe/productsWasm.ts from this file).
 *
 * C (M × N) = A (M × L) · B (L × N), all row-major Float32, N a multiple of 4. The solver calls it
 * for the logits' change along a line (X · Dᵀ: M = n examples, L = d dimensions, N = K classes)
 * and for the gradient (Xᵀ · R: M = d, L = n, N = K), see src/clip/probe/wasmProducts.ts.
 *
 * Register blocking: four rows of A by eight columns of B (two f32x4) held in eight accumulators,
 * so each loaded value serves two or four multiply-adds; B (L × N, at most a few hundred kB) stays
 * in the cache while A streams through four rows at a time.
 *
 * Each C[m][n] is Σ_l A[m][l]·B[l][n] summed in the order l = 0, 1, …, L − 1 whatever path
 * computes it, with a separate multiply and add (no fused multiply-add, which relaxed SIMD would
 * allow and which rounds differently on different processors): the same inputs give the same bits
 * on every machine.
 */
export function multiply(a: usize, b: usize, c: usize, M: i32, L: i32, N: i32): void {
  const rowA = (<usize>L) << 2;
  const rowB = (<usize>N) << 2;
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const a0 = a + <usize>m * rowA;
    const a1 = a0 + rowA;
    const a2 = a1 + rowA;
    const a3 = a2 + rowA;
    const c0 = c + <usize>m * rowB;
    const c1 = c0 + rowB;
    const c2 = c1 + rowB;
    const c3 = c2 + rowB;
    let n = 0;
    for (; n + 8 <= N; n += 8) {
      let s00 = f32x4.splat(0);
      let s01 = f32x4.splat(0);
      let s10 = f32x4.splat(0);
      let s11 = f32x4.splat(0);
      let s20 = f32x4.splat(0);
      let s21 = f32x4.splat(0);
      let s30 = f32x4.splat(0);
      let s31 = f32x4.splat(0);
      let pb = b + ((<usize>n) << 2);
      for (let off: usize = 0; off < rowA; off += 4) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        let x = v128.load32_splat(a0 + off);
        s00 = f32x4.add(s00, f32x4.mul(x, b0));
        s01 = f32x4.add(s01, f32x4.mul(x, b1));
        x = v128.load32_splat(a1 + off);
        s10 = f32x4.add(s10, f32x4.mul(x, b0));
        s11 = f32x4.add(s11, f32x4.mul(x, b1));
        x = v128.load32_splat(a2 + off);
        s20 = f32x4.add(s20, f32x4.mul(x, b0));
        s21 = f32x4.add(s21, f32x4.mul(x, b1));
        x = v128.load32_splat(a3 + off);
        s30 = f32x4.add(s30, f32x4.mul(x, b0));
        s31 = f32x4.add(s31, f32x4.mul(x, b1));
        pb += rowB;
      }
      const o = (<usize>n) << 2;
      v128.store(c0 + o, s00);
      v128.store(c0 + o, s01, 16);
      v128.store(c1 + o, s10);
      v128.store(c1 + o, s11, 16);
      v128.store(c2 + o, s20);
      v128.store(c2 + o, s21, 16);
      v128.store(c3 + o, s30);
      v128.store(c3 + o, s31, 16);
    }
    // N = 8j + 4: the last four columns.
    for (; n < N; n += 4) {
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      let pb = b + ((<usize>n) << 2);
      for (let off: usize = 0; off < rowA; off += 4) {
        const b0 = v128.load(pb);
        s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(a0 + off), b0));
        s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(a1 + off), b0));
        s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(a2 + off), b0));
        s3 = f32x4.add(s3, f32x4.mul(v128.load32_splat(a3 + off), b0));
        pb += rowB;
      }
      const o = (<usize>n) << 2;
      v128.store(c0 + o, s0);
      v128.store(c1 + o, s1);
      v128.store(c2 + o, s2);
      v128.store(c3 + o, s3);
    }
  }
  // M = 4i + r: the last rows, one at a time.
  for (; m < M; m++) {
    const a0 = a + <usize>m * rowA;
    const c0 = c + <usize>m * rowB;
    for (let n = 0; n < N; n += 4) {
      let s0 = f32x4.splat(0);
      let pb = b + ((<usize>n) << 2);
      for (let off: usize = 0; off < rowA; off += 4) {
        s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(a0 + off), v128.load(pb)));
        pb += rowB;
      }
      v128.store(c0 + ((<usize>n) << 2), s0);
    }
  }
}
