/**
 * The framework-free CLIP core: image preprocessing, tokenizer and similarity maths. Plain
 * TypeScript with no React, DOM or Node dependencies, so the worker, the app and Node tests all
 * import it from here.
 */
export {
  parsePreprocessorConfig,
  PreprocessorConfigError,
  type PreprocessorConfig,
  type ResizeSpec,
  type Rgb,
} from './preprocess/config';
export {
  resample,
  type ImageProcessorBackend,
  type Pixels8,
  type PixelRect,
  type ResampledPixels,
  type ResampleFilter,
  type ResampleMethod,
} from './preprocess/resample';
export { clipToImage, fitImage, IMAGE_FITS, isImageFit, letterbox, letterboxGeometry, modelInputRect, padColour, type ImageFit, type ImageRect } from './preprocess/fit';
export { preprocessBatch, preprocessImage, resizedSize, type InputImage, type PreprocessedBatch } from './preprocess/preprocess';
export { ClipTokenizer, type EncodedBatch, type EncodedText } from './tokenizer';
export { cosineMatrix, l2Normalize, normalizeRows, softmax, topK } from './similarity';
export { chanceLoss, contrastiveLoss, crossEntropy, logSumExp, type ContrastiveBatchLoss } from './contrastive';
export { planTextBatches, plannedTokens } from './textBatches';
export * from './ensemble';
export * from './projection';
export * from './presets';
export { CATALOG, catalogEntry, CLIP_LOGIT_SCALE, downloadSize, logitScaleOf, towerPrecisions, type CatalogModel, type TowerPrecisions } from './catalog';
