/** Over a card's thumbnail: the outline of what the model sees, and the "Model input" button. */
import type { GalleryItem } from '../state/galleryStore';
import { CropOutline } from './CropOutline';
import { ModelInputButton } from './ModelInputButton';

export function ThumbOverlay({ item }: { item: GalleryItem }) {
  // The size is known once the worker has decoded the image.
  if (!item.url || item.status === 'error' || !item.width || !item.height) return null;
  return (
    <>
      <CropOutline width={item.width} height={item.height} />
      <ModelInputButton name={item.name} blob={item.file} url={item.url} width={item.width} height={item.height} />
    </>
  );
}
