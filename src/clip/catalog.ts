/**
 * The models the app offers, with what a lecturer needs to choose before downloading: size,
 * expected quality, and which weight files each backend uses.
 */
import bundledIntegrityJson from './bundledModelIntegrity.json';
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

const MB = 1024 * 1024;

const bundledIntegrity: Record<string, { size: number; sha256: string }> = bundledIntegrityJson;

/** Sizes of the transformers.js exports of the CLIP ViT-B towers (88 M vision, 63 M text parameters). */
function vitBSizes(vision: number, text: number): Record<string, number> {
  return {
    [onnxFileName('vision', 'fp32')]: vision * 4,
    [onnxFileName('vision', 'fp16')]: vision * 2,
    [onnxFileName('vision', 'q8')]: vision,
    [onnxFileName('text', 'fp32')]: text * 4,
    [onnxFileName('text', 'fp16')]: text * 2,
    [onnxFileName('text', 'q8')]: text,
  };
}

export const CATALOG: readonly CatalogModel[] = [
  {
    id: 'Xenova/clip-vit-base-patch32',
    name: 'CLIP ViT-B/32',
    revision: 'main',
    description: "OpenAI's CLIP with a ViT-B/32 image encoder: the model of the CLIP paper's demos. Fast.",
    imagenetTop1: 63.2,
    source: 'Radford et al., 2021, Learning Transferable Visual Models From Natural Language Supervision',
    embeddingDim: 512,
    imageSize: 224,
    wasm: { vision: 'q8', text: 'q8' },
    sizes: vitBSizes(88 * MB, 64 * MB),
  },
  {
    id: 'Xenova/clip-vit-base-patch16',
    name: 'CLIP ViT-B/16',
    revision: 'main',
    description: 'CLIP with 16-pixel patches: more accurate, about 4× the image compute of ViT-B/32.',
    imagenetTop1: 68.3,
    source: 'Radford et al., 2021',
    embeddingDim: 512,
    imageSize: 224,
    wasm: { vision: 'q8', text: 'q8' },
    sizes: vitBSizes(87 * MB, 64 * MB),
  },
  {
    id: 'Xenova/mobileclip_s0',
    name: 'MobileCLIP S0',
    revision: 'main',
    description: "Apple's MobileCLIP S0: small and fast, made for phones. Its image tower stays fp32 on WASM.",
    imagenetTop1: 67.8,
    source: 'Vasu et al., 2024, MobileCLIP: Fast Image-Text Models through Multi-Modal Reinforced Training',
    embeddingDim: 512,
    imageSize: 256,
    wasm: { vision: 'fp32', text: 'q8' },
    sizes: {
      [onnxFileName('vision', 'fp32')]: 46 * MB,
      [onnxFileName('vision', 'fp16')]: 23 * MB,
      [onnxFileName('text', 'fp32')]: 170 * MB,
      [onnxFileName('text', 'fp16')]: 85 * MB,
      [onnxFileName('text', 'q8')]: 43 * MB,
    },
  },
  {
    id: 'Xenova/mobileclip_s2',
    name: 'MobileCLIP S2',
    revision: 'main',
    description: "Apple's MobileCLIP S2: near ViT-B/16 quality at a fraction of its latency. Image tower fp32 on WASM.",
    imagenetTop1: 74.4,
    source: 'Vasu et al., 2024',
    embeddingDim: 512,
    imageSize: 256,
    wasm: { vision: 'fp32', text: 'q8' },
    sizes: {
      [onnxFileName('vision', 'fp32')]: 143 * MB,
      [onnxFileName('vision', 'fp16')]: 72 * MB,
      [onnxFileName('text', 'fp32')]: 254 * MB,
      [onnxFileName('text', 'fp16')]: 127 * MB,
      [onnxFileName('text', 'q8')]: 64 * MB,
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
    wasm: { vision: 'q8', text: 'q8' },
    sizes: Object.fromEntries(Object.entries(bundledIntegrity).map(([file, pin]) => [file, pin.size])),
    // Written by scripts/test-model/pin_integrity.mjs whenever the model is regenerated.
    integrity: bundledIntegrity,
  },
];

export function catalogEntry(id: string): CatalogModel | undefined {
  return CATALOG.find((model) => model.id === id);
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
