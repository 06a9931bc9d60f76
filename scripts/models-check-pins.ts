/**
 * Checks the catalog's pinned revisions and file pins against the hub (needs the network, which
 * the machine that wrote the pins did not have):  npm run models:check-pins [-- --host URL]
 *
 * For each hub model it prints the commit `main` points at now (what to pin for a model still on
 * `main`, or a sign that the repository moved on) and checks every pinned file at the pinned
 * revision: the ONNX towers against the sizes and SHA-256 the hub's API reports for LFS files, the
 * small JSON files by downloading and hashing them. Exits with 1 on any mismatch.
 */
import { createHash } from 'node:crypto';
import { CATALOG, type CatalogModel } from '../src/clip/catalog';
import { BUNDLED_MODEL_ID, HUB_HOST, hubFileUrl } from '../src/clip/modelSource';

/** The part of `GET /api/models/{id}/revision/{rev}?blobs=true` this script reads. */
export interface HubRevisionInfo {
  sha: string;
  siblings: { rfilename: string; size?: number; lfs?: { sha256: string; size: number } }[];
}

export type FilePin = { size: number; sha256: string };

/**
 * Differences between a catalog entry's pins and what the hub says about its pinned revision.
 * `hashed` holds size and SHA-256 of files that are not in LFS (the hub's API gives no SHA-256 for them).
 */
export function pinProblems(model: CatalogModel, info: HubRevisionInfo, hashed: Record<string, FilePin>): string[] {
  const problems: string[] = [];
  if (model.revision !== info.sha) problems.push(`revision: catalog ${model.revision}, hub ${info.sha}`);
  for (const [file, pin] of Object.entries(model.integrity ?? {})) {
    const sibling = info.siblings.find((s) => s.rfilename === file);
    const actual = sibling?.lfs ? { size: sibling.lfs.size, sha256: sibling.lfs.sha256 } : hashed[file];
    if (!sibling) problems.push(`${file}: not in the repository at ${info.sha}`);
    else if (!actual) problems.push(`${file}: no SHA-256 to compare`);
    else if (actual.size !== pin.size || actual.sha256 !== pin.sha256) {
      problems.push(`${file}: catalog ${pin.size} B ${pin.sha256}, hub ${actual.size} B ${actual.sha256}`);
    }
  }
  return problems;
}

async function revisionInfo(host: string, id: string, revision: string): Promise<HubRevisionInfo> {
  const response = await fetch(`${host}/api/models/${id}/revision/${encodeURIComponent(revision)}?blobs=true`);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${id}@${revision}`);
  return (await response.json()) as HubRevisionInfo;
}

async function hashSmallFiles(host: string, model: CatalogModel, info: HubRevisionInfo): Promise<Record<string, FilePin>> {
  const out: Record<string, FilePin> = {};
  for (const file of Object.keys(model.integrity ?? {})) {
    if (info.siblings.find((s) => s.rfilename === file)?.lfs) continue;
    const response = await fetch(hubFileUrl({ id: model.id, host, revision: model.revision }, file));
    if (!response.ok) continue;
    const bytes = new Uint8Array(await response.arrayBuffer());
    out[file] = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  return out;
}

async function main(): Promise<void> {
  const hostIndex = process.argv.indexOf('--host');
  const hostArg = hostIndex > 0 ? process.argv[hostIndex + 1] : HUB_HOST;
  if (hostArg === undefined) throw new Error('--host needs a URL');
  const host = hostArg.replace(/\/+$/, '');
  for (const model of CATALOG.filter((m) => m.id !== BUNDLED_MODEL_ID)) {
    try {
      const main = await revisionInfo(host, model.id, 'main');
      const pinned = model.revision === 'main' ? main : await revisionInfo(host, model.id, model.revision);
      const problems = model.revision === 'main' ? [`not pinned: main is ${main.sha}`] : pinProblems(model, pinned, await hashSmallFiles(host, model, pinned));
      const moved = model.revision !== 'main' && main.sha !== model.revision ? ` (main has moved on to ${main.sha})` : '';
      console.log(`${model.id} @ ${model.revision}: ${problems.length ? 'CHECK' : 'ok'}${moved}`);
      for (const problem of problems) console.log(`  ${problem}`);
      if (problems.length) process.exitCode = 1;
    } catch (error) {
      console.log(`${model.id}: could not be checked (${error instanceof Error ? error.message : String(error)})`);
      process.exitCode = 1;
    }
  }
}

if (process.argv[1]?.endsWith('models-check-pins.ts')) void main();
