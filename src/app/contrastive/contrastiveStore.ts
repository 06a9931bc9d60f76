/**
 * What the contrastive view holds: the value mode, the logit scale, the caption order (sorted or
 * shuffled) and the caption embeddings. Captions are encoded by the worker as typed (no prompt
 * template), kept by text and stamped with the model generation that made them: a new model
 * starts a new set, so the matrix never mixes two models.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { CLIP_LOGIT_SCALE } from '../../clip';
import { ClipError } from '../../../workers/errors';
import type { ClipClient } from '../worker/clipClient';
import type { CaptionEmbedding, ContrastiveMode } from './matrix';
import { derangement } from './shuffle';

export const MIN_LOGIT_SCALE = 1;
export const MAX_LOGIT_SCALE = 100;

export interface CaptionSet {
  generation: number;
  byText: ReadonlyMap<string, CaptionEmbedding>;
}

export interface ContrastiveState {
  mode: ContrastiveMode;
  logitScale: number;
  /** The shuffled caption order and the batch it was made for; null when sorted. */
  shuffled: { batch: string; order: number[] } | null;
  captions: CaptionSet | null;
  /** Caption encodes in flight. */
  encoding: number;
  error: string | null;
  setMode: (mode: ContrastiveMode) => void;
  setLogitScale: (scale: number) => void;
  /** Moves every caption away from its image (for a batch of at least 2). */
  shuffle: (batch: string, n: number) => void;
  sort: () => void;
  /** Encodes the captions the set of `generation` lacks. */
  ensureCaptions: (texts: readonly string[], generation: number) => Promise<void>;
}

export interface ContrastiveStoreDeps {
  client: ClipClient;
  random?: () => number;
}

export function createContrastiveStore({ client, random = Math.random }: ContrastiveStoreDeps): StoreApi<ContrastiveState> {
  return createStore<ContrastiveState>((set, get) => ({
    mode: 'cosine',
    logitScale: CLIP_LOGIT_SCALE,
    shuffled: null,
    captions: null,
    encoding: 0,
    error: null,
    setMode: (mode) => set({ mode }),
    setLogitScale(scale) {
      if (!Number.isFinite(scale)) return;
      set({ logitScale: Math.min(MAX_LOGIT_SCALE, Math.max(MIN_LOGIT_SCALE, scale)) });
    },
    shuffle(batch, n) {
      if (n < 2) return;
      set({ shuffled: { batch, order: derangement(n, random) } });
    },
    sort: () => set({ shuffled: null }),
    async ensureCaptions(texts, generation) {
      const have = get().captions;
      const known = have?.generation === generation ? have.byText : new Map<string, CaptionEmbedding>();
      const missing = [...new Set(texts)].filter((text) => !known.has(text));
      if (missing.length === 0) return;
      set((s) => ({ encoding: s.encoding + 1, error: null }));
      try {
        const result = await client.encodeTexts(missing);
        const byText = new Map<string, CaptionEmbedding>();
        missing.forEach((text, i) => byText.set(text, { embedding: result.embeddings.slice(i * result.dim, (i + 1) * result.dim), truncated: result.truncated[i] ?? false }));
        set((s) => {
          const current = s.captions;
          // Embeddings of an older model than the set's are dropped; a newer model starts a new set.
          if (current && result.generation < current.generation) return {};
          const merged = current && current.generation === result.generation ? new Map([...current.byText, ...byText]) : byText;
          return { captions: { generation: result.generation, byText: merged } };
        });
      } catch (error) {
        set({ error: ClipError.from(error).message });
      } finally {
        set((s) => ({ encoding: s.encoding - 1 }));
      }
    },
  }));
}
