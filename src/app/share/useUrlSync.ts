/** Keeps the page URL in step with the setup, so copying the address bar shares it too. */
import { useEffect } from 'react';
import { BUNDLED_MODEL_ID, HUB_HOST } from '../../clip/modelSource';
import { bundledHost } from '../state/appParams';
import { useLabelStore } from '../state/labelStore';
import { parseLabels } from '../state/labels';
import { useModelStore } from '../state/modelStore';
import { writeSetup } from '../state/urlState';

/** The URL of the current setup (labels, template, preset, ensemble, model, backend). */
export function currentSetupUrl(): string {
  const { labelsText, template, preset, ensemble } = useLabelStore.getState();
  const { source, backendChoice } = useModelStore.getState();
  // Default hosts stay out of the link: the hub for hub models, the app itself for the bundled one.
  const defaultHost = source.id === BUNDLED_MODEL_ID ? bundledHost() : HUB_HOST;
  const params = writeSetup(
    {
      labels: parseLabels(labelsText),
      template,
      preset,
      ensemble,
      model: source.id,
      host: source.host === defaultHost ? null : source.host,
      backend: backendChoice,
    },
    new URLSearchParams(location.search),
  );
  const query = params.toString();
  return `${location.origin}${location.pathname}${query ? `?${query}` : ''}`;
}

export function useUrlSync(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const url = currentSetupUrl();
        if (url !== location.href) history.replaceState(history.state, '', url);
      }, 300);
    };
    const unsubscribeLabels = useLabelStore.subscribe(update);
    const unsubscribeModel = useModelStore.subscribe(update);
    return () => {
      clearTimeout(timer);
      unsubscribeLabels();
      unsubscribeModel();
    };
  }, []);
}
