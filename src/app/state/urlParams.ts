/**
 * The one module that reads and writes the page's URL parameters. The shareable part of the
 * state lives in the URL, so a lecturer can hand out a link (or a QR code) that opens the same
 * labels, template, model and view. Pure functions over URLSearchParams: reading and writing
 * `location` / `history` is the caller's job (src/app/share/useUrlSync.ts).
 *
 * Setup parameters (all optional; a missing one means "the app's default"), written back as the
 * user changes things:
 *   preset=<id>      a label preset (src/clip/presets), e.g. `cifar10`
 *   labels=<text>    the labels, one per line, in one parameter (URLSearchParams escapes the
 *                    newlines, commas, `&`, `#`...), so any character a label can hold survives
 *   template=<text>  the prompt template; omitted when it is the default `a photo of a {}.`
 *   ensemble=1       prompt ensembling on
 *   model=<id>       the model (catalog id or any hub-layout repository id)
 *   host=<url>       where the model's files are (default: the hub; the app for the bundled model)
 *   revision=<rev>   hub revision; omitted when it is the catalog's pin for the model. It belongs
 *                    to the model: a model change drops it
 *   precision=<p>    fp32 | fp16 | q8 weights instead of the automatic choice
 *   backend=<b>      auto | wasm | webgpu
 *   view=<v>         the open view (images, camera, insights, contrastive, draw)
 * Read-only parameters (never written): `threads=N` (WASM threads, for benchmarks), `present`
 * (start in presentation mode), `debug` (expose the worker client to the console and tests).
 *
 * Preset and labels: a preset whose labels were not edited is written as `preset=<id>` alone,
 * which keeps links short (ImageNet's 1000 labels would be ~17 kB of URL). Edited labels are
 * written out in full, and the preset id is kept with them to say where they came from. So when
 * reading, `labels` wins whenever it is present; see `resolveLabels`.
 */
import type { BackendChoice } from '../../../workers/api';
import { BUNDLED_MODEL_ID, DEFAULT_MODEL_ID, HUB_HOST, type ModelSource, type Precision } from '../../clip/modelSource';
import { catalogEntry } from '../../clip/catalog';
import { hostTrust } from '../../clip/sourcePolicy';
import { presetById } from '../../clip/presets';
import { DEFAULT_TEMPLATE, MAX_TEMPLATE_LENGTH, parseLabels, withinLimits, type LimitProblem } from '../labels/labels';
import { isView, type View } from './views';

export interface SharedSetup {
  /** Labels in order; null when the URL names none. */
  labels: string[] | null;
  /** Prompt template with `{}`; null for the default. */
  template: string | null;
  /** Preset id (not checked against the known presets: an old link may name a removed one). */
  preset: string | null;
  ensemble: boolean;
  model: string | null;
  host: string | null;
  /** As given (`auto`, `wasm`, `webgpu`); `readAppParams` decides what an unknown value means. */
  backend: string | null;
  revision: string | null;
  precision: string | null;
  view: string | null;
  /** What a link asked for beyond the limits and was cut (see `withinLimits`); absent when nothing was. */
  limits?: LimitProblem[];
}

/** The labels of a preset id, or undefined for an unknown id. */
export type PresetLabels = (id: string) => readonly string[] | undefined;

/** The parameters this module owns; writeSetup replaces these and keeps every other one. */
export const SETUP_PARAMS = ['preset', 'labels', 'template', 'ensemble', 'model', 'host', 'revision', 'precision', 'backend', 'view'] as const;

export const EMPTY_SETUP: Readonly<SharedSetup> = {
  labels: null,
  template: null,
  preset: null,
  ensemble: false,
  model: null,
  host: null,
  backend: null,
  revision: null,
  precision: null,
  view: null,
};

/** The view a link opens when it names none. */
export const DEFAULT_VIEW = 'images';

const knownPresetLabels: PresetLabels = (id) => presetById(id)?.labels;

const TRUE_VALUES = new Set(['', '1', 'true', 'yes', 'on']);

export function readSetup(params: URLSearchParams): SharedSetup {
  // Several `labels` parameters are joined, so a hand-written `?labels=cat&labels=dog` works too.
  const labelParams = params.getAll('labels');
  const template = params.get('template');
  // A link cannot make the page hold 300 000 labels or a 100 kB template: cut here, and the
  // label editor says so.
  const limited = withinLimits(parseLabels(labelParams.join('\n')), template ?? '');
  const labels = limited.labels;
  const ensemble = params.get('ensemble');
  return {
    ...(limited.problems.length > 0 ? { limits: limited.problems } : {}),
    labels: labels.length > 0 ? labels : null,
    template: template !== null && template.trim().length > MAX_TEMPLATE_LENGTH ? limited.template : template,
    preset: trimmedOrNull(params.get('preset')),
    // `?ensemble` with no value counts as on.
    ensemble: ensemble !== null && TRUE_VALUES.has(ensemble.trim().toLowerCase()),
    model: trimmedOrNull(params.get('model')),
    host: trimmedOrNull(params.get('host')),
    backend: trimmedOrNull(params.get('backend')),
    revision: trimmedOrNull(params.get('revision')),
    precision: trimmedOrNull(params.get('precision')),
    view: trimmedOrNull(params.get('view')),
  };
}

/**
 * `base` (e.g. the current `location.search`) with the setup written into it: the parameters in
 * SETUP_PARAMS are replaced, in that order after the others, and defaults and nulls are left
 * out. Every other parameter (`debug`, `threads`...) is kept where it was. `pinnedRevision`
 * names the catalog's pin of a model, which is the default revision and so left out. `base` itself is not
 * modified. `presetLabels` tells whether the labels are a preset's, unedited (default: the
 * app's presets); labels are compared as the label editor would clean them, so whitespace or a
 * preset's repeated name does not count as an edit.
 */
export function writeSetup(
  setup: SharedSetup,
  base?: URLSearchParams,
  presetLabels: PresetLabels = knownPresetLabels,
  pinnedRevision: (model: string) => string | undefined = (model) => catalogEntry(model)?.revision,
): URLSearchParams {
  const out = new URLSearchParams(base);
  for (const name of SETUP_PARAMS) out.delete(name);

  const labels = setup.labels === null ? [] : parseLabels(setup.labels.map(oneLine).join('\n'));
  const preset = trimmedOrNull(setup.preset);
  if (preset !== null) out.set('preset', preset);
  if (labels.length > 0 && !(preset !== null && isPresetUnedited(labels, presetLabels(preset)))) {
    out.set('labels', labels.join('\n'));
  }
  if (setup.template !== null && setup.template !== DEFAULT_TEMPLATE) out.set('template', oneLine(setup.template));
  if (setup.ensemble) out.set('ensemble', '1');

  const model = trimmedOrNull(setup.model);
  if (model !== null && model !== DEFAULT_MODEL_ID) out.set('model', model);
  const host = trimmedOrNull(setup.host);
  // The hub is the default host for every model except the bundled one (served by the app).
  if (host !== null && !(host === HUB_HOST && (model ?? DEFAULT_MODEL_ID) !== BUNDLED_MODEL_ID)) out.set('host', host);
  const revision = trimmedOrNull(setup.revision);
  const pinned = pinnedRevision(model ?? DEFAULT_MODEL_ID) ?? 'main';
  if (revision !== null && revision !== pinned) out.set('revision', revision);
  const precision = trimmedOrNull(setup.precision);
  if (precision !== null && precision !== 'auto') out.set('precision', precision);
  const backend = trimmedOrNull(setup.backend);
  if (backend !== null && backend !== 'auto') out.set('backend', backend);
  const view = trimmedOrNull(setup.view);
  if (view !== null && view !== DEFAULT_VIEW) out.set('view', view);
  return out;
}

/**
 * A setup fit to hand to others: a model host other than the hub and this page's own origin is
 * left out (a link must not send every student's browser to a server it names), and with it a
 * model the catalog does not know (it would only exist there). `pageUrl` is the page's address.
 */
export function shareableSetup(setup: SharedSetup, pageUrl: string): SharedSetup {
  if (setup.host === null || hostTrust(setup.host, pageUrl) !== 'foreign') return setup;
  const known = setup.model === null || catalogEntry(setup.model) !== undefined;
  return { ...setup, host: null, ...(known ? {} : { model: null, revision: null }) };
}

/**
 * The labels a setup stands for: its own labels if it has any, else its preset's (cleaned as
 * the label editor would, so ImageNet's repeated names appear once), else null (app default).
 */
export function resolveLabels(setup: SharedSetup, presetLabels: PresetLabels = knownPresetLabels): string[] | null {
  if (setup.labels !== null && setup.labels.length > 0) return setup.labels;
  const fromPreset = setup.preset === null ? undefined : presetLabels(setup.preset);
  return fromPreset === undefined ? null : parseLabels(fromPreset.join('\n'));
}

function isPresetUnedited(labels: readonly string[], preset: readonly string[] | undefined): boolean {
  if (preset === undefined) return false;
  const cleaned = parseLabels(preset.join('\n'));
  return cleaned.length === labels.length && cleaned.every((label, i) => label === labels[i]);
}

/** Labels are one per line, so a newline inside one would split it: it becomes a space. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function trimmedOrNull(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Everything the app takes from its URL at start, checked and with defaults filled in. */
export interface AppParams {
  setup: SharedSetup;
  /** The model the URL asks for (the catalog's pinned revision unless it names one). */
  source: ModelSource;
  backend: BackendChoice;
  precision: Precision | 'auto';
  view: View;
  /** `?threads=N`: WASM threads, at most one per core; null = one per core. */
  threads: number | null;
  present: boolean;
  debug: boolean;
}

const BACKENDS: readonly string[] = ['auto', 'wasm', 'webgpu'];
const PRECISIONS: readonly string[] = ['auto', 'fp32', 'fp16', 'q8'];

export function readAppParams(params: URLSearchParams, bundledHost: string, cores: number): AppParams {
  const setup = readSetup(params);
  const model = setup.model ?? DEFAULT_MODEL_ID;
  const source: ModelSource = {
    id: model,
    host: setup.host ?? (model === BUNDLED_MODEL_ID ? bundledHost : HUB_HOST),
    revision: setup.revision ?? catalogEntry(model)?.revision ?? 'main',
  };
  const threads = Number(params.get('threads'));
  return {
    setup,
    source,
    backend: setup.backend !== null && BACKENDS.includes(setup.backend) ? (setup.backend as BackendChoice) : 'auto',
    precision: setup.precision !== null && PRECISIONS.includes(setup.precision) ? (setup.precision as Precision | 'auto') : 'auto',
    view: isView(setup.view) ? setup.view : 'images',
    // More threads than cores only compete with each other (and each is a worker with its own memory).
    threads: Number.isInteger(threads) && threads > 0 ? Math.min(threads, Math.max(1, cores)) : null,
    present: params.has('present'),
    debug: params.has('debug'),
  };
}
