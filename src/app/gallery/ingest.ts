/**
 * What a dropped or picked set of files means for the gallery: which are images, which folder
 * each came from (the class, and above it the domain: `sketch/dog/1.png`), and which text files
 * are captions of an image with the same name (`dog1.png` + `dog1.txt`). Pure functions, no DOM.
 */

/** A file with the folders it sat in, inside what was dropped or picked (empty for loose files). */
export interface IncomingFile {
  file: File;
  folders: string[];
}

export interface ImageMeta {
  /** The true label the folder gives (`cat/001.jpg` → "cat"), or null. */
  folderLabel: string | null;
  /** The folder above the class folder (`sketch/dog/1.png` → "sketch"), or null. */
  domain: string | null;
  /** The text of a same-named `.txt` file dropped with the image, or null. */
  caption: string | null;
}

export interface Ingested {
  /** Every file that is not a caption, in the order given (non-images too: they get an error card). */
  files: { file: File; meta: ImageMeta }[];
  /** How many `.txt` files were taken as captions. */
  captions: number;
}

/** Captions longer than this are cut (CLIP reads at most 77 tokens anyway). */
export const MAX_CAPTION_CHARS = 300;

/** Folder and file-name words as a label: separators become spaces, case and spacing normalised. */
export function labelFromName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[_\-.+]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A file name without its extension. */
export function stem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/**
 * What a file name says about its class: the name without extension, separators and trailing
 * numbering (`golden retriever 3.jpg`, `cat_01.png`, `IMG-cat-(2).jpeg` → "golden retriever",
 * "cat", "img cat"), lower case.
 */
export function nameKey(fileName: string): string {
  return labelFromName(stem(fileName).replace(/[\s_\-.]*\(?\d+\)?$/, ''));
}

/**
 * The label a file name names, among `labels`: the one label whose normalised form equals the
 * name's key; null when none does or when several do (ambiguous).
 */
export function labelFromFileName(fileName: string, labels: readonly string[]): string | null {
  const key = nameKey(fileName);
  if (!key) return null;
  const matches = labels.filter((label) => labelFromName(label) === key);
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

function isCaptionFile(file: File): boolean {
  return file.name.toLowerCase().endsWith('.txt') && (file.type === '' || file.type.startsWith('text/'));
}

/** Sorts files into images (with folder label, domain and caption) and caption files. */
export async function ingest(incoming: readonly IncomingFile[]): Promise<Ingested> {
  const captionFiles = new Map<string, IncomingFile>();
  const others: IncomingFile[] = [];
  for (const entry of incoming) {
    if (isCaptionFile(entry.file)) captionFiles.set(captionKey(entry.folders, entry.file.name), entry);
    else others.push(entry);
  }
  let captions = 0;
  const files: Ingested['files'] = [];
  for (const entry of others) {
    const captionFile = captionFiles.get(captionKey(entry.folders, entry.file.name));
    let caption: string | null = null;
    if (captionFile) {
      caption = (await captionFile.file.text()).replace(/\s+/g, ' ').trim().slice(0, MAX_CAPTION_CHARS) || null;
      captionFiles.delete(captionKey(captionFile.folders, captionFile.file.name));
      captions++;
    }
    const folders = entry.folders.filter((f) => f.trim() !== '');
    const classFolder = folders[folders.length - 1];
    const domainFolder = folders[folders.length - 2];
    files.push({
      file: entry.file,
      meta: {
        folderLabel: classFolder !== undefined ? labelFromName(classFolder) || null : null,
        domain: domainFolder !== undefined ? labelFromName(domainFolder) || null : null,
        caption,
      },
    });
  }
  // A text file with no image of its name is an ordinary (non-image) file: it gets its error card.
  for (const entry of captionFiles.values()) files.push({ file: entry.file, meta: { folderLabel: null, domain: null, caption: null } });
  return { files, captions };
}

function captionKey(folders: readonly string[], fileName: string): string {
  return [...folders, stem(fileName)].join('/');
}

/** The folders of a picked file, from `webkitRelativePath` (`dataset/dog/1.png` → ['dataset', 'dog']). */
export function foldersOfPickedFile(file: File): string[] {
  const path = (file as File & { webkitRelativePath?: string }).webkitRelativePath ?? '';
  return path.split('/').slice(0, -1);
}
