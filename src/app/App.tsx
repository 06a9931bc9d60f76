/** The page: status on top, labels beside the current view; drop or paste images anywhere. */
import { lazy, Suspense, useRef } from 'react';
import { CameraPanel } from './camera/CameraPanel';
import { ContrastivePanel } from './contrastive/ContrastivePanel';
import { ErrorBoundary } from './components/ErrorBoundary';
import { DrawPanel } from './draw/DrawPanel';
import { AddImages } from './gallery/AddImages';
import { Gallery } from './gallery/Gallery';
import { useImageInput } from './gallery/useImageInput';
import { EvaluationPanel } from './evaluate/EvaluationPanel';
import { LabelEditor } from './labels/LabelEditor';
import { LabelsFold } from './labels/LabelsFold';
import { ImageFitChoice } from './modelInput/ImageFitChoice';
import { StatusBar } from './models/StatusBar';
import { PresentButton } from './present/PresentButton';
import { WhatIsClip, WhatIsClipButton } from './learn/WhatIsClip';
import { InsecureBanner } from './room/InsecureBanner';
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
  const { setView } = appState.ui.getState();
  const root = useRef<HTMLDivElement>(null);
  useUrlSync();
  return (
    <div ref={root} className={`app${presenting ? ' presenting' : ''}`}>
      <header>
        <div className="titles">
          <h1>CLIP in your browser</h1>
          <p className="tagline">Zero-shot image classification: type labels, drop photos. Everything runs on this device.</p>
        </div>
        <div className="toolbar">
          <WhatIsClipButton />
          <ShareButton />
          <PresentButton root={root} />
        </div>
      </header>
      <InsecureBanner />
      <UpdatePrompt />
      <ErrorBoundary name="the model status">
        <StatusBar />
      </ErrorBoundary>
      <ErrorBoundary name="the introduction">
        <WhatIsClip />
      </ErrorBoundary>
      <main>
        <ErrorBoundary name="the label editor">
          <LabelsFold>
            <LabelEditor />
          </LabelsFold>
        </ErrorBoundary>
        <div className="workspace">
          <div className="tabs" role="tablist" aria-label="Views">
            {VIEWS.map((v) => (
              <button
                key={v.id}
                type="button"
                role="tab"
                aria-selected={view === v.id}
                onClick={(e) => {
                  setView(v.id);
                  // On a phone the row scrolls: bring a half-hidden tab clear of its faded edge (styles.css).
                  e.currentTarget.scrollIntoView({ block: 'nearest', inline: 'nearest' });
                }}
              >
                {v.name}
              </button>
            ))}
          </div>
          {/* The view's own box: it scrolls on its own in projector mode, where the page does not. */}
          <div className="view">
            {/* Keyed by view: a view that failed gets a fresh start when the user comes back to it. */}
            <ErrorBoundary key={view} name={`the ${VIEWS.find((v) => v.id === view)?.name ?? view} view`}>
              <CurrentView view={view} />
            </ErrorBoundary>
          </div>
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
          <ImageFitChoice />
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
    case 'evaluate':
      return <EvaluationPanel />;
    case 'contrastive':
      return <ContrastivePanel />;
    case 'draw':
      return <DrawPanel />;
  }
}
