/** What the last drop or pick of folders added, said once above the gallery ("48 images in 6 classes…"). */
import { create } from 'zustand';

interface IngestNotice {
  message: string | null;
  set: (message: string | null) => void;
}

export const useIngestNotice = create<IngestNotice>((set) => ({
  message: null,
  set: (message) => set({ message }),
}));

/** The sentence for a drop: only said when folders were involved (a plain drop of photos needs none). */
export function describeIngest(files: { file: File; meta: { folderLabel: string | null; domain: string | null } }[], captions: number): string | null {
  const fromFolders = files.filter((f) => f.meta.folderLabel !== null);
  if (fromFolders.length === 0) return null;
  const images = files.filter((f) => f.file.type.startsWith('image/') || f.file.type === '');
  const notImages = files.length - images.length;
  const classes = new Set(fromFolders.map((f) => f.meta.folderLabel));
  const domains = new Set(fromFolders.map((f) => f.meta.domain).filter((d) => d !== null));
  const parts = [
    `${files.length} file${files.length === 1 ? '' : 's'} from folders: ${classes.size} class${classes.size === 1 ? '' : 'es'} (${[...classes].slice(0, 6).join(', ')}${classes.size > 6 ? ', …' : ''})`,
  ];
  if (domains.size > 0) parts.push(`${domains.size} domain${domains.size === 1 ? '' : 's'} (${[...domains].slice(0, 6).join(', ')})`);
  if (captions > 0) parts.push(`${captions} caption${captions === 1 ? '' : 's'}`);
  let text = parts.join(', ') + '.';
  if (notImages > 0) text += ` ${notImages} ${notImages === 1 ? 'is' : 'are'} not an image: ${notImages === 1 ? 'its card says' : 'their cards say'} why.`;
  return text;
}
