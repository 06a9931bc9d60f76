/**
 * Micro-benchmark of the CLIP preprocessing core in Node: a camera frame (640×480 RGBA) and a
 * 12 MP photo (4000×3000 RGBA) to CLIP's 224×224, with the default config of OpenAI CLIP.
 * `npx tsx scripts/preprocess-bench.ts` prints the median and best time per image. It is a
 * measuring tool, not a test: timings depend on the machine and on what else runs on it.
 */
import { parsePreprocessorConfig } from '../src/clip/preprocess/config';
import { preprocessImage } from '../src/clip/preprocess/preprocess';
import { clipPreprocessorJson, noisePixels } from '../src/clip/testing/fixtures';

const config = parsePreprocessorConfig(clipPreprocessorJson());

function measure(label: string, width: number, height: number, runs: number): void {
  const image = noisePixels(width, height, 4, 7);
  for (let i = 0; i < 3; i++) preprocessImage(image, config); // warm-up: let the JIT compile the loops
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    preprocessImage(image, config);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  // runs > 0: both exist.
  const median = times[Math.floor(times.length / 2)]!;
  const best = times[0]!;
  console.log(`${label.padEnd(22)} median ${median.toFixed(2)} ms, best ${best.toFixed(2)} ms (${runs} runs)`);
}

measure('640×480 RGBA → 224', 640, 480, 200);
measure('4000×3000 RGBA → 224', 4000, 3000, 15);
