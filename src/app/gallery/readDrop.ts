/**
 * The files of a drop, with the folders they were in: a dropped folder is read recursively through
 * the File and Directory Entries API. `webkitGetAsEntry()` only works while the drop event is being
 * dispatched, so `dropEntries` must be called synchronously in the handler; reading them
 * (`readDroppedEntries`) can then take its time. `readEntries` answers in batches (about 100 in
 * Chromium) until it answers an empty one.
 */
import type { IncomingFile } from './ingest';

/** Files whose name starts with a dot (.DS_Store, ._photo.jpg) are the system's, not the user's. */
export function isHiddenFile(name: string): boolean {
  return name.startsWith('.');
}

/** Grabs the entries of a drop; call it inside the drop event. Plain files come back as they are. */
export function dropEntries(transfer: DataTransfer): (FileSystemEntry | File)[] {
  const out: (FileSystemEntry | File)[] = [];
  const items = Array.from(transfer.items ?? []).filter((item) => item.kind === 'file');
  if (items.length === 0) return Array.from(transfer.files ?? []);
  for (const item of items) {
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) out.push(entry);
    else {
      const file = item.getAsFile();
      if (file) out.push(file);
    }
  }
  return out;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function readDirectory(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await readBatch(reader);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Reads every file under the dropped entries; `folders` are the directory names from the drop's top. */
export async function readDroppedEntries(entries: readonly (FileSystemEntry | File)[]): Promise<IncomingFile[]> {
  const out: IncomingFile[] = [];
  const walk = async (entry: FileSystemEntry, folders: string[]): Promise<void> => {
    if (isHiddenFile(entry.name)) return;
    if (entry.isFile) out.push({ file: await fileOf(entry as FileSystemFileEntry), folders });
    else if (entry.isDirectory) {
      const children = await readDirectory(entry as FileSystemDirectoryEntry);
      // Sorted by name, so a folder's files arrive in the order a file manager lists them.
      children.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
      for (const child of children) await walk(child, [...folders, entry.name]);
    }
  };
  for (const entry of entries) {
    if (entry instanceof File) out.push({ file: entry, folders: [] });
    else await walk(entry, []);
  }
  return out;
}
