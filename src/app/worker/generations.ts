/**
 * Generations as the page sees them, across worker restarts. Each worker counts its generations
 * from 1, but the stores only re-embed what is OLDER than the model in use
 * (src/app/state/coordinator.ts): a restarted worker's generations must never fall below those the
 * page has seen. So each worker gets an offset (page generation = worker generation + offset):
 *
 * - a restart that loads the same model the same way (files, backend, precisions, threads) keeps
 *   the generation the page knows: every embedding made before is still exactly what the new worker
 *   would make, and a gallery of 100 photos is not encoded again;
 * - anything else (another backend, or a restart after calls were given up) continues above the
 *   highest generation seen, so whatever was embedded before is embedded again.
 */
import type { LoadedModel } from '../../../workers/api';

export class GenerationMap {
  private highest = 0;

  /** Notes a generation the page was given. */
  seen(generation: number): void {
    this.highest = Math.max(this.highest, generation);
  }

  get highestSeen(): number {
    return this.highest;
  }

  /** The offset for a new worker with no model (its first generation comes after all seen). */
  freshOffset(): number {
    return this.highest;
  }

  /**
   * The offset for a new worker whose first model (worker generation `reloaded.generation`) replaces
   * `before` (page generation), keeping `before`'s generation when `keep` allows and nothing differs.
   */
  offsetAfterReload(reloaded: LoadedModel, before: LoadedModel, keep: boolean): number {
    const same = keep && before.generation === this.highest && sameModel(reloaded, before);
    const target = same ? before.generation : this.highest + 1;
    return target - reloaded.generation;
  }
}

/** Whether two loaded models make the same embeddings: same files, backend, precisions, threads and image fit. */
export function sameModel(a: LoadedModel, b: LoadedModel): boolean {
  return (
    a.source.id === b.source.id &&
    a.source.host === b.source.host &&
    a.source.revision === b.source.revision &&
    a.backend === b.backend &&
    a.precision === b.precision &&
    a.visionPrecision === b.visionPrecision &&
    a.threads === b.threads &&
    a.embeddingDim === b.embeddingDim &&
    a.imageFit === b.imageFit
  );
}
