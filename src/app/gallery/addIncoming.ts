/** Dropped or picked files into the gallery, with the class, domain and caption their folders and names give. */
import { appState } from '../state';
import { ingest, type IncomingFile } from './ingest';

export async function addIncoming(incoming: IncomingFile[]): Promise<void> {
  const { files } = await ingest(incoming);
  await appState.gallery.getState().addImages(
    files.map(({ file, meta }) => ({
      file,
      origin: 'file' as const,
      truth: meta.folderLabel === null ? null : { label: meta.folderLabel, from: 'folder' as const },
      domain: meta.domain,
      caption: meta.caption,
    })),
  );
}
