/** The page: status on top, labels beside the gallery; drop or paste images anywhere. */
import { useEffect, useRef, useState } from 'react';
import { CameraPanel } from './camera/CameraPanel';
import { AddImages } from './components/AddImages';
import { Gallery } from './components/Gallery';
import { LabelEditor } from './components/LabelEditor';
import { StatusBar } from './components/StatusBar';
import { useImageInput } from './components/useImageInput';
import { defaultLabels } from './state/defaultLabels';
import { useGalleryStore } from './state/galleryStore';
import { useLabelStore } from './state/labelStore';
import { useModelStore } from './state/modelStore';

/** Typing is not interrupted by an encode per keystroke. */
const LABEL_DEBOUNCE_MS = 250;

type View = 'images' | 'camera';

export function App() {
  const dragging = useImageInput();
  const [view, setView] = useState<View>('images');
  useModelLifecycle();
  useLabelEncoding();
  return (
    <div className="app">
      <header>
        <h1>CLIP in your browser</h1>
        <p className="tagline">Zero-shot image classification: type labels, drop photos. Everything runs on this device.</p>
      </header>
      <StatusBar />
      <main>
        <LabelEditor />
        <div className="workspace">
          <div className="tabs" role="tablist" aria-label="Views">
            <button type="button" role="tab" aria-selected={view === 'images'} onClick={() => setView('images')}>Images</button>
            <button type="button" role="tab" aria-selected={view === 'camera'} onClick={() => setView('camera')}>Live camera</button>
          </div>
          {view === 'images' ? (
            <section className="images" aria-label="Images">
              <AddImages />
              <Gallery />
            </section>
          ) : (
            // Unmounting the camera view releases the camera.
            <CameraPanel />
          )}
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

/** Load the model on start; after any (re)load, redo the labels and the gallery with it. */
function useModelLifecycle() {
  const sourceId = useModelStore((s) => s.source.id);
  const generation = useModelStore((s) => s.generation);
  const lastDefaults = useRef<string | null>(null);

  useEffect(() => {
    void useModelStore.getState().load();
  }, []);

  useEffect(() => {
    // Fresh default labels for a new model, unless the user already typed their own.
    const { labelsText, setLabelsText } = useLabelStore.getState();
    if (!labelsText || labelsText === lastDefaults.current) {
      const text = defaultLabels(sourceId).join('\n');
      lastDefaults.current = text;
      setLabelsText(text);
    }
  }, [sourceId]);

  useEffect(() => {
    if (generation === 0) return;
    void useLabelStore.getState().encode();
    void useGalleryStore.getState().reencodeAll();
  }, [generation]);
}

function useLabelEncoding() {
  const labelsText = useLabelStore((s) => s.labelsText);
  const template = useLabelStore((s) => s.template);
  const ensemble = useLabelStore((s) => s.ensemble);
  const ready = useModelStore((s) => s.status === 'ready');
  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => void useLabelStore.getState().encode(), LABEL_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [labelsText, template, ensemble, ready]);
}
