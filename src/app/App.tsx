/** The page: status on top, labels beside the current view; drop or paste images anywhere. */
import { useEffect, useRef } from 'react';
import { CameraPanel } from './camera/CameraPanel';
import { AddImages } from './components/AddImages';
import { Gallery } from './components/Gallery';
import { LabelEditor } from './components/LabelEditor';
import { StatusBar } from './components/StatusBar';
import { useImageInput } from './components/useImageInput';
import { InsightsPanel } from './insights/InsightsPanel';
import { ShareButton } from './share/ShareButton';
import { useUrlSync } from './share/useUrlSync';
import { defaultLabels } from './state/defaultLabels';
import { useGalleryStore } from './state/galleryStore';
import { useLabelStore } from './state/labelStore';
import { useModelStore } from './state/modelStore';
import { useUiStore, type View } from './state/uiStore';

/** Typing is not interrupted by an encode per keystroke. */
const LABEL_DEBOUNCE_MS = 250;

const VIEWS: { id: View; name: string }[] = [
  { id: 'images', name: 'Images' },
  { id: 'camera', name: 'Live camera' },
  { id: 'insights', name: 'Insights' },
];

export function App() {
  const dragging = useImageInput();
  const { view, setView, presenting, setPresenting } = useUiStore();
  useModelLifecycle();
  useLabelEncoding();
  useUrlSync();
  usePresentationKeys();
  return (
    <div className={`app${presenting ? ' presenting' : ''}`}>
      <header>
        <div className="titles">
          <h1>CLIP in your browser</h1>
          <p className="tagline">Zero-shot image classification: type labels, drop photos. Everything runs on this device.</p>
        </div>
        <div className="toolbar">
          <ShareButton />
          <button type="button" aria-pressed={presenting} onClick={() => setPresenting(!presenting)}>
            {presenting ? 'Exit presentation' : 'Present'}
          </button>
        </div>
      </header>
      <StatusBar />
      <main>
        <LabelEditor />
        <div className="workspace">
          <div className="tabs" role="tablist" aria-label="Views">
            {VIEWS.map((v) => (
              <button key={v.id} type="button" role="tab" aria-selected={view === v.id} onClick={() => setView(v.id)}>
                {v.name}
              </button>
            ))}
          </div>
          {view === 'images' && (
            <section className="images" aria-label="Images">
              <AddImages />
              <Gallery />
            </section>
          )}
          {/* Unmounting the camera view releases the camera. */}
          {view === 'camera' && <CameraPanel />}
          {view === 'insights' && <InsightsPanel />}
        </div>
      </main>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop images to classify them</p>
        </div>
      )}
    </div>
  );
}

/** Load the model on start; after any (re)load, redo the gallery with it. */
function useModelLifecycle() {
  const sourceId = useModelStore((s) => s.source.id);
  const generation = useModelStore((s) => s.generation);
  const lastDefaults = useRef<string | null>(null);

  useEffect(() => {
    void useModelStore.getState().load();
  }, []);

  useEffect(() => {
    // Fresh default labels for a new model, unless the user already has their own.
    const { labelsText, setLabelsText } = useLabelStore.getState();
    if (!labelsText || labelsText === lastDefaults.current) {
      const text = defaultLabels(sourceId).join('\n');
      lastDefaults.current = text;
      setLabelsText(text);
    }
  }, [sourceId]);

  useEffect(() => {
    // Labels are re-encoded by useLabelEncoding when the model becomes ready.
    if (generation > 0) void useGalleryStore.getState().reencodeAll();
  }, [generation]);
}

function useLabelEncoding() {
  const labelsText = useLabelStore((s) => s.labelsText);
  const template = useLabelStore((s) => s.template);
  const ensemble = useLabelStore((s) => s.ensemble);
  const ready = useModelStore((s) => s.status === 'ready');
  const encodedWhileReady = useRef(false);
  useEffect(() => {
    if (!ready) {
      encodedWhileReady.current = false;
      return;
    }
    // Typing is debounced; a model that just became ready encodes at once (first result sooner).
    const delay = encodedWhileReady.current ? LABEL_DEBOUNCE_MS : 0;
    encodedWhileReady.current = true;
    const timer = setTimeout(() => void useLabelStore.getState().encode(), delay);
    return () => clearTimeout(timer);
  }, [labelsText, template, ensemble, ready]);
}

/** Escape leaves presentation mode. */
function usePresentationKeys() {
  const presenting = useUiStore((s) => s.presenting);
  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useUiStore.getState().setPresenting(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting]);
}
