/** The page: status on top, labels beside the current view; drop or paste images anywhere. */
import { lazy, Suspense, useEffect } from 'react';
import { CameraPanel } from './camera/CameraPanel';
import { ErrorBoundary } from './components/ErrorBoundary';
import { AddImages } from './gallery/AddImages';
import { Gallery } from './gallery/Gallery';
import { useImageInput } from './gallery/useImageInput';
import { LabelEditor } from './labels/LabelEditor';
import { StatusBar } from './models/StatusBar';
import { ShareButton } from './share/ShareButton';
import { useUrlSync } from './share/useUrlSync';
import { appState, useUiStore } from './state';
import { VIEWS, type View } from './state/views';
import { UpdatePrompt } from './update/UpdatePrompt';

// Loaded when first opened: the first paint does not wait for it (and a tab open across a deploy
// must still be able to load it: src/sw/buildCache.ts).
const InsightsPanel = lazy(() => import('./insights/InsightsPanel').then((m) => ({ default: m.InsightsPanel })));

export function App() {
  const dragging = useImageInput();
  const view = useUiStore((s) => s.view);
  const presenting = useUiStore((s) => s.presenting);
  const { setView, setPresenting } = appState.ui.getState();
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
      <UpdatePrompt />
      <ErrorBoundary name="the model status">
        <StatusBar />
      </ErrorBoundary>
      <main>
        <ErrorBoundary name="the label editor">
          <LabelEditor />
        </ErrorBoundary>
        <div className="workspace">
          <div className="tabs" role="tablist" aria-label="Views">
            {VIEWS.map((v) => (
              <button key={v.id} type="button" role="tab" aria-selected={view === v.id} onClick={() => setView(v.id)}>
                {v.name}
              </button>
            ))}
          </div>
          {/* Keyed by view: a view that failed gets a fresh start when the user comes back to it. */}
          <ErrorBoundary key={view} name={`the ${VIEWS.find((v) => v.id === view)?.name ?? view} view`}>
            <CurrentView view={view} />
          </ErrorBoundary>
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

function CurrentView({ view }: { view: View }) {
  switch (view) {
    case 'images':
      return (
        <section className="images" aria-label="Images">
          <AddImages />
          <Gallery />
        </section>
      );
    case 'camera':
      // Unmounting the camera view releases the camera.
      return <CameraPanel />;
    case 'insights':
      return (
        <Suspense fallback={<p className="hint" role="status">Loading insights…</p>}>
          <InsightsPanel />
        </Suspense>
      );
  }
}

/** Escape leaves presentation mode. */
function usePresentationKeys() {
  const presenting = useUiStore((s) => s.presenting);
  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') appState.ui.getState().setPresenting(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting]);
}
