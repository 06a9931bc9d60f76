/** Dropped or picked files into the gallery, with the class, domain and caption their folders and names give. */
import { appState } from '../state';
import { ingest, type IncomingFile } from './ingest';
import { describeIngest, useIngestNotice } from './ingestNotice';

export async function addIncoming(incoming: IncomingFile[]): Promise<void> {
  const { files, captions } = await ingest(incoming);
  useIngestNotice.getState().set(describeIngest(files, captions));
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
