/**
 * The models the app offers, with what a lecturer needs to choose before downloading: size,
 * expected quality, and which weight files each backend uses.
 */
import bundledIntegrityJson from './bundledModelIntegrity.json' with { type: 'json' };
import { BUNDLED_MODEL_ID, onnxFileName, type Precision } from './modelSource';

export interface TowerPrecisions {
  vision: Precision;
  text: Precision;
}

export interface CatalogModel {
  id: string;
  name: string;
  /** Hub revision the app asks for. */
  revision: string;
  description: string;
  /** Zero-shot ImageNet top-1 accuracy reported by the model's paper, in percent (null: not applicable). */
  imagenetTop1: number | null;
  source: string;
  embeddingDim: number;
  imageSize: number;
  /** Zero-shot scores are softmax(logitScale × cosine) over the labels: CLIP's learned scale is 100. */
  logitScale: number;
  /**
   * Weights per backend. WASM runs 8-bit where it is safe; MobileCLIP's vision tower breaks when
   * quantised to 8 bits, so it stays fp32 there. WebGPU: fp16 with shader-f16, fp32 otherwise.
   */
  wasm: TowerPrecisions;
  /** Approximate download size in bytes of each ONNX file, by file name. */
  sizes: Record<string, number>;
  /** Optional pinned size and SHA-256 per file, checked after download. */
  integrity?: Record<string, { size: number; sha256: string }>;
}

const bundledIntegrity: Record<string, { size: number; sha256: string }> = bundledIntegrityJson;

type Pins = Record<string, { size: number; sha256: string }>;

/** The logit scale CLIP learns (clamped at 100 in training); MobileCLIP uses the same. */
export const CLIP_LOGIT_SCALE = 100;

/**
 * Pinned revisions and file pins of the hub models. This machine cannot reach the hub, so they
 * were taken from public projects that pin these repositories, keeping only values at least two
 * independent projects agree on (docs/model-pins.md). The app and `npm run models:fetch` verify
 * pinned files on download; `npm run models:check-pins` re-checks everything against the hub.
 */
const VIT_B32_PINS: Pins = {
  'config.json': { size: 4524, sha256: '493ef57ff783e42d1530c91b53469b7fdf8db8a9c1408e86998fcb7899a4f495' },
  'preprocessor_config.json': { size: 520, sha256: '6f638fb9401a6d6296feff533ee7efe657b787c49f954f82f5906b36ef2a1b1f' },
  'tokenizer.json': { size: 2224119, sha256: 'f7f3b7af117d467b58374797691a6438d3e6b9e9cef800dfd5dced7f697a90cd' },
  'tokenizer_config.json': { size: 775, sha256: '60ba2912bc6344c94bc16bbdec27fa1209409167b6f2fdf3cfe9e65462ea3967' },
  'onnx/vision_model.onnx': { size: 351685709, sha256: 'fd6e1402a588279d1723c7534d4bcba5bc0b14b47dfab0e46f8c47b8270d7d40' },
  'onnx/vision_model_fp16.onnx': { size: 176080659, sha256: '35c4e0fb0aeee527dcde1693520b214a34424a786babd530f35366bad5844efd' },
  'onnx/vision_model_quantized.onnx': { size: 89117001, sha256: '583fd1110a514667812fee7d684952aaf82a99b959760c8d7dca7e0ab9839299' },
  'onnx/text_model.onnx': { size: 254058553, sha256: '3f6571f5bad13a97c469c1622e1cfc4d9aef78b79fdbfcff804ca357bfada8cc' },
  'onnx/text_model_fp16.onnx': { size: 127339794, sha256: 'df587ffbf248bf20d44fa6e16adc5ebc27ead691860e5333dbdaab5fd6bf3f6e' },
  'onnx/text_model_quantized.onnx': { size: 64504507, sha256: '73baab855d406190da9faa498cfedf65f15cf309f4cc7385b7b032e6d08e5c3a' },
};

const VIT_B16_PINS: Pins = {
  'tokenizer.json': { size: 2224081, sha256: '72ed5c96db5729294468543e4bc75fce14ca63f58e37300290189ba1c1e52b85' },
  'onnx/vision_model_quantized.onnx': { size: 87461602, sha256: '44eece4fe5fe4e0359a88268a327adf758633a1aade3917690b952bef1501f96' },
  'onnx/text_model_quantized.onnx': { size: 64504507, sha256: '9106b51e6c663a56b99182ec617c2b3d53577b037e7e24a7717eb78048a0c97a' },
};

const MOBILECLIP_S0_PINS: Pins = {
  'tokenizer.json': { size: 2224081, sha256: '72ed5c96db5729294468543e4bc75fce14ca63f58e37300290189ba1c1e52b85' },
  'tokenizer_config.json': { size: 763, sha256: 'a7d9d24f248071b792e4a3b56ab0539c2f40eec8da56d6fd91fb3a50058acebd' },
  'onnx/vision_model.onnx': { size: 45543630, sha256: '17d3c037b1d488c10c50e09f6009ea5a198caef4e0e8f4ea5617b7cb2d067ac0' },
  'onnx/text_model_quantized.onnx': { size: 42799238, sha256: 'b8557b10e5c23a0126c6d2e6eba48d240484979007917d128953b31618a04211' },
};

/** Download sizes: the pinned ones exactly, the rest as published (fp16 = half of fp32). */
function sizesOf(pins: Pins, approximate: Record<string, number>): Record<string, number> {
  return { ...approximate, ...Object.fromEntries(Object.entries(pins).map(([file, pin]) => [file, pin.size])) };
}

export const CATALOG: readonly CatalogModel[] = [
  {
    id: 'Xenova/clip-vit-base-patch32',
    name: 'CLIP ViT-B/32',
    revision: 'd15189d7028b43f1d3e65039190477f6af591c2a',
    description: "OpenAI's CLIP with a ViT-B/32 image encoder: the model of the CLIP paper's demos. Fast.",
    imagenetTop1: 63.2,
    source: 'Radford et al., 2021, Learning Transferable Visual Models From Natural Language Supervision',
    embeddingDim: 512,
    imageSize: 224,
    logitScale: CLIP_LOGIT_SCALE,
    wasm: { vision: 'q8', text: 'q8' },
    sizes: sizesOf(VIT_B32_PINS, {}),
    integrity: VIT_B32_PINS,
  },
  {
    id: 'Xenova/clip-vit-base-patch16',
    name: 'CLIP ViT-B/16',
    revision: '342fdf2f67aded64d138ff074745fb4a5d2bba5f',
    description: 'CLIP with 16-pixel patches: more accurate, about 4× the image compute of ViT-B/32.',
    imagenetTop1: 68.3,
    source: 'Radford et al., 2021',
    embeddingDim: 512,
    imageSize: 224,
    logitScale: CLIP_LOGIT_SCALE,
    wasm: { vision: 'q8', text: 'q8' },
    sizes: sizesOf(VIT_B16_PINS, {
      [onnxFileName('vision', 'fp32')]: 345060583,
      [onnxFileName('vision', 'fp16')]: 172768684,
      [onnxFileName('text', 'fp32')]: 254058553,
      [onnxFileName('text', 'fp16')]: 127339794,
    }),
    integrity: VIT_B16_PINS,
  },
  {
    id: 'Xenova/mobileclip_s0',
    name: 'MobileCLIP S0',
    revision: '757d59c9c6870a76a4b0306f05f5061bca15c39f',
    description: "Apple's MobileCLIP S0: small and fast, made for phones. Its image tower stays fp32 on WASM.",
    imagenetTop1: 67.8,
    source: 'Vasu et al., 2024, MobileCLIP: Fast Image-Text Models through Multi-Modal Reinforced Training',
    embeddingDim: 512,
    imageSize: 256,
    logitScale: CLIP_LOGIT_SCALE,
    wasm: { vision: 'fp32', text: 'q8' },
    sizes: sizesOf(MOBILECLIP_S0_PINS, {
      [onnxFileName('vision', 'fp16')]: 22876479,
      [onnxFileName('text', 'fp32')]: 169807789,
      [onnxFileName('text', 'fp16')]: 84971030,
    }),
    integrity: MOBILECLIP_S0_PINS,
  },
  {
    id: 'Xenova/mobileclip_s2',
    name: 'MobileCLIP S2',
    // Not pinned: no public source names a commit of this repository, and the hub cannot be
    // reached from where this catalog was written. `npm run models:check-pins` prints the commit to pin.
    revision: 'main',
    description: "Apple's MobileCLIP S2: near ViT-B/16 quality at a fraction of its latency. Image tower fp32 on WASM.",
    imagenetTop1: 74.4,
    source: 'Vasu et al., 2024',
    embeddingDim: 512,
    imageSize: 256,
    logitScale: CLIP_LOGIT_SCALE,
    wasm: { vision: 'fp32', text: 'q8' },
    sizes: {
      [onnxFileName('vision', 'fp32')]: 143020962,
      [onnxFileName('vision', 'fp16')]: 71.7e6,
      [onnxFileName('text', 'fp32')]: 253894023,
      [onnxFileName('text', 'fp16')]: 127.0e6,
      [onnxFileName('text', 'q8')]: 64117260,
    },
  },
  {
    id: BUNDLED_MODEL_ID,
    name: 'Shapes demo (bundled)',
    revision: 'main',
    description: 'A tiny CLIP trained by this project on coloured shapes. Ships with the app and works offline.',
    imagenetTop1: null,
    source: 'scripts/test-model/make_test_model.py',
    embeddingDim: 64,
    imageSize: 64,
    logitScale: CLIP_LOGIT_SCALE,
    wasm: { vision: 'q8', text: 'q8' },
    sizes: Object.fromEntries(Object.entries(bundledIntegrity).map(([file, pin]) => [file, pin.size])),
    // Written by scripts/test-model/pin_integrity.mjs whenever the model is regenerated.
    integrity: bundledIntegrity,
  },
];

export function catalogEntry(id: string): CatalogModel | undefined {
  return CATALOG.find((model) => model.id === id);
}

/** The zero-shot logit scale of a model (CLIP's 100 for models outside the catalog). */
export function logitScaleOf(id: string): number {
  return catalogEntry(id)?.logitScale ?? CLIP_LOGIT_SCALE;
}

/** Weights per tower for a backend: the catalog's WASM choice, or one precision for WebGPU. */
export function towerPrecisions(id: string, backend: 'wasm' | 'webgpu', webgpuPrecision: Precision): TowerPrecisions {
  if (backend === 'webgpu') return { vision: webgpuPrecision, text: webgpuPrecision };
  return catalogEntry(id)?.wasm ?? { vision: 'q8', text: 'q8' };
}

/** Bytes to download for a model on a backend (approximate, from the catalog). */
export function downloadSize(model: CatalogModel, precisions: TowerPrecisions): number {
  return (model.sizes[onnxFileName('vision', precisions.vision)] ?? 0) + (model.sizes[onnxFileName('text', precisions.text)] ?? 0);
}
