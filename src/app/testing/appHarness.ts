/**
 * A fresh app state for tests: the real stores and coordinator, the fake worker client at the
 * boundary, timers the test advances by hand, and helpers to read what a user would see.
 */
import { parseLabels } from '../labels/labels';
import { scoreItem, type ItemScores } from '../gallery/scores';
import { createAppState, type AppState } from '../state/appState';
import { startAppState } from '../state/coordinator';
import { readAppParams } from '../state/urlParams';
import { FakeClipClient, immediately, type FakeModelSpec, type Schedule } from './fakeClipClient';

export const BUNDLED_DIM = 64;

export const FAKE_MODELS: Record<string, FakeModelSpec> = {
  'clip-shapes-tiny': { dim: BUNDLED_DIM },
  'Xenova/clip-vit-base-patch32': { dim: 512 },
  'Xenova/clip-vit-base-patch16': { dim: 512 },
  'offline/model': { dim: 512, fails: { kind: 'network', message: 'Could not download config.json: network error' } },
};

export interface Harness {
  state: AppState;
  client: FakeClipClient;
  /** Runs the debounce timers that are due (the test decides when time passes). */
  runTimers: () => void;
  pendingTimers: () => number;
  stop: () => void;
}

export function makeHarness(query: string, schedule: Schedule = immediately): Harness {
  const client = new FakeClipClient(FAKE_MODELS, schedule);
  const params = readAppParams(new URLSearchParams(query), 'http://app.test/models', 2);
  let nextUrl = 1;
  const state = createAppState({ client, params, createObjectUrl: () => `blob:${nextUrl++}`, revokeObjectUrl: () => undefined });
  const timers = new Map<number, () => void>();
  let nextTimer = 1;
  const stop = startAppState(state, {
    setTimer: (run) => {
      const id = nextTimer++;
      timers.set(id, run);
      return id;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  return {
    state,
    client,
    runTimers: () => {
      const due = [...timers.values()];
      timers.clear();
      due.forEach((run) => run());
    },
    pendingTimers: () => timers.size,
    stop,
  };
}

/** Lets every queued promise settle (the fake answers through microtasks and zero-delay tasks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export function image(name: string, type = 'image/png'): File {
  return new File([new Uint8Array([1, 2, 3])], name, { type });
}

/** What each card would show, by file name. */
export function cards(state: AppState): Record<string, ItemScores | 'pending' | `error: ${string}`> {
  const labels = state.labels.getState().encoded;
  const generation = state.model.getState().active?.model.generation ?? null;
  return Object.fromEntries(
    state.gallery.getState().items.map((item) => [
      item.name,
      item.status === 'pending' ? 'pending' : item.status === 'error' ? `error: ${item.error?.kind}` : scoreItem(item, labels, generation),
    ]),
  );
}

/** The labels in the editor, as the app parses them. */
export function editorLabels(state: AppState): string[] {
  return parseLabels(state.labels.getState().labelsText);
}
