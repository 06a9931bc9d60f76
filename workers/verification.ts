/**
 * What was actually checked when a model's files were read: the page states it ("10 of 10 files
 * checked by SHA-256", "not verified") instead of what the catalog promises, because a revision,
 * a host or a file the catalog does not pin changes what can be checked.
 */
import type { FileVerification } from './api';
import type { ModelFiles } from './modelFiles';

export interface RecordedFiles {
  files: ModelFiles;
  /** The files read so far, each with how it was checked. */
  report: () => FileVerification;
}

/** Wraps `files`, noting each file read successfully and whether its read checked a pin. */
export function recordVerification(files: ModelFiles): RecordedFiles {
  const checked = new Set<string>();
  const unchecked = new Set<string>();
  return {
    files: {
      // Everything else (the cache's keep/discard contract) goes straight through.
      ...files,
      pinned: (file) => files.pinned?.(file) ?? false,
      async read(file, options) {
        const bytes = await files.read(file, options);
        // A pinned read that returned bytes passed its size and SHA-256 check (a mismatch throws).
        if (files.pinned?.(file)) checked.add(file);
        else unchecked.add(file);
        return bytes;
      },
    },
    report: () => ({ checked: [...checked].sort(), unchecked: [...unchecked].filter((f) => !checked.has(f)).sort() }),
  };
}

/** "10 of 10 files checked by SHA-256", "3 of 5 files…", or "not verified". */
export function describeVerification(verification: FileVerification): string {
  const total = verification.checked.length + verification.unchecked.length;
  if (verification.checked.length === 0) return 'not verified';
  return `${verification.checked.length} of ${total} files checked by SHA-256`;
}
