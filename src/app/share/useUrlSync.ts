/** Keeps the page URL in step with the setup, so copying the address bar shares it too. */
import { useEffect } from 'react';
import { BUNDLED_MODEL_ID, HUB_HOST } from '../../clip/modelSource';
import { defaultLabels } from '../labels/defaultLabels';
import { parseLabels } from '../labels/labels';
import { bundledHost } from '../models/sources';
import { appState } from '../state';
import { shareableSetup, writeSetup, type SharedSetup } from '../state/urlParams';
import { labelsToShare } from './shareTarget';

/**
 * The URL of the current setup: labels, template, preset, ensemble, the model in use, backend,
 * view. `forSharing`: a link for others, which leaves out a model host that is neither the hub nor
 * this app (see `shareableSetup`).
 */
export function currentSetupUrl({ forSharing = false } = {}): string {
  const { labelsText, template, preset, ensemble } = appState.labels.getState();
  const model = appState.model.getState();
  // The model in use: a switch that is loading or failed is not shared until it works.
  const request = model.active?.request ?? model.pending?.request ?? model.failure?.request ?? appState.initialRequest;
  const { source } = request;
  // Default hosts stay out of the link: the hub for hub models, the app itself for the bundled one.
  const defaultHost = source.id === BUNDLED_MODEL_ID ? bundledHost() : HUB_HOST;
  const setup: SharedSetup = {
    labels: labelsToShare(parseLabels(labelsText), preset, defaultLabels(source.id)),
    template,
    preset,
    ensemble,
    model: source.id,
    host: source.host === defaultHost ? null : source.host,
    revision: source.revision,
    precision: request.precision ?? null,
    backend: request.backend,
    view: appState.ui.getState().view,
  };
  const params = writeSetup(forSharing ? shareableSetup(setup, location.href) : setup, new URLSearchParams(location.search));
  const query = params.toString();
  return `${location.origin}${location.pathname}${query ? `?${query}` : ''}`;
}

export function useUrlSync(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      clearTimeout(timer);
      const url = currentSetupUrl();
      if (url !== location.href) history.replaceState(history.state, '', url);
    };
    // Typing changes the labels at every key: written after a pause. A view or model change is
    // written at once, so a reload right after it keeps it.
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(write, 300);
    };
    const unsubscribe = [
      appState.labels.subscribe(later),
      // Not at every download progress tick: only when the model asked for or in use changes.
      appState.model.subscribe((now, before) => {
        if (now.active !== before.active || now.pending?.request !== before.pending?.request || now.failure !== before.failure) write();
      }),
      appState.ui.subscribe(write),
    ];
    return () => {
      clearTimeout(timer);
      unsubscribe.forEach((u) => u());
    };
  }, []);
}
