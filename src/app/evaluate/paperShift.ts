/** The paper's distribution-shift figures, shown beside the class's own table. */
/** Radford et al., ICML 2021, figure 13 / the lecture's table: top-1 %, ImageNet ResNet-101 vs zero-shot CLIP. */
export const PAPER_SHIFT: readonly { dataset: string; resnet: number; clip: number }[] = [
  { dataset: 'ImageNet', resnet: 76.2, clip: 76.2 },
  { dataset: 'ImageNetV2', resnet: 64.3, clip: 70.1 },
  { dataset: 'ImageNet-R', resnet: 37.7, clip: 88.9 },
  { dataset: 'ObjectNet', resnet: 32.6, clip: 72.3 },
  { dataset: 'ImageNet Sketch', resnet: 25.2, clip: 60.2 },
  { dataset: 'ImageNet-A', resnet: 2.7, clip: 77.1 },
];
