/**
 * Half-precision (IEEE 754 binary16) values to float32. onnxruntime gives a float16 tensor's data
 * as a Float16Array where JavaScript has one, and as the raw bits in a Uint16Array where it does
 * not (Node 20, browsers before Float16Array): `Float32Array.from(bits)` would read 1.0 as 15360.
 */

type Float16ArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayLike<number>;

/** Half-precision bits as float32 numbers, with the runtime's Float16Array when it has one. */
export function halfBitsToFloat32(bits: Uint16Array): Float32Array {
  const Float16 = (globalThis as { Float16Array?: Float16ArrayConstructor }).Float16Array;
  if (Float16) return Float32Array.from(new Float16(bits.buffer, bits.byteOffset, bits.length));
  return decodeHalfBits(bits);
}

/** The bit-level decoding: sign, 5 exponent bits (bias 15), 10 fraction bits. */
export function decodeHalfBits(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i]!;
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * fraction * 2 ** -24; // zero and subnormals: no implicit 1
    else if (exponent === 0x1f) out[i] = fraction === 0 ? sign * Infinity : NaN;
    else out[i] = sign * (1024 + fraction) * 2 ** (exponent - 25);
  }
  return out;
}
