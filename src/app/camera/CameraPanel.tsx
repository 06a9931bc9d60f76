/**
 * Live webcam labelling: the video with its top labels beside it (below it on a phone), frames per
 * second and latency, and the outline of what the model sees of each frame.
 */
import { useEffect, useRef, useState } from 'react';
import { useGalleryStore, useLabelStore, useModelStore, useUiStore } from '../state';
import { ScoreBars } from '../components/ScoreBars';
import { matchesMedia, PHONE_LAYOUT, TOUCH_FIRST, useMediaQuery } from '../components/useMediaQuery';
import { CropOutline } from '../modelInput/CropOutline';
import { ImageFitChoice } from '../modelInput/ImageFitChoice';
import { defaultMirror } from './facing';
import { useCurrentProbe } from '../state/currentProbe';
import { CameraProbe, type LiveMode } from './CameraProbe';
import './cameraProbe.css';
import { useCamera } from './useCamera';
import { useLiveLabels } from './useLiveLabels';

export function CameraPanel() {
  const camera = useCamera();
  const video = useRef<HTMLVideoElement>(null);
  const section = useRef<HTMLElement>(null);
  const touchFirst = useMediaQuery(TOUCH_FIRST);
  // Mirroring follows the way the camera faces, until the user sets it (for this camera, or, set
  // before any camera started, for the first one); choosing another camera goes back to its default.
  const [mirrorChoice, setMirrorChoice] = useState<{ deviceId: string | null; mirrored: boolean } | null>(null);
  const facing = camera.stream?.getVideoTracks()[0]?.getSettings().facingMode;
  const chosen = mirrorChoice && (mirrorChoice.deviceId === null || mirrorChoice.deviceId === camera.deviceId) ? mirrorChoice.mirrored : null;
  const mirrored = chosen ?? defaultMirror(facing, touchFirst);
  const [frameSize, setFrameSize] = useState({ width: 0, height: 0 });
  const [frozen, setFrozen] = useState(false);
  const labels = useLabelStore((s) => s.encoded);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  const addImages = useGalleryStore((s) => s.addImages);
  const probe = useCurrentProbe();
  const [mode, setMode] = useState<LiveMode>('zero-shot');
  // A probe that no longer applies (another model, cleared) puts the camera back on zero-shot for
  // good (adjusted while rendering, as React advises for state that follows other state).
  const [hadProbe, setHadProbe] = useState(probe !== null);
  if (hadProbe !== (probe !== null)) {
    setHadProbe(probe !== null);
    if (!probe) setMode('zero-shot');
  }
  const [snapshotAs, setSnapshotAs] = useState('');
  const presenting = useUiStore((s) => s.presenting);
  const live = useLiveLabels(video, Boolean(camera.stream) && generation !== null && !frozen, labels, generation, mode === 'probe' ? probe : null);
  const labelNames = labels?.labels ?? [];

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = camera.stream;
    if (camera.stream) void element.play().catch(() => undefined);
    // On a phone the video and its labels are taller than what is left of the screen below the
    // status: bring the camera's controls, video and labels into view together.
    if (camera.stream && matchesMedia(PHONE_LAYOUT)) section.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    setFrozen(false);
  }, [camera.stream]);

  const freeze = () => {
    const element = video.current;
    if (!element) return;
    if (frozen) void element.play();
    else element.pause();
    setFrozen(!frozen);
  };

  const snapshot = async () => {
    const element = video.current;
    if (!element || element.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = element.videoWidth;
    canvas.height = element.videoHeight;
    canvas.getContext('2d')?.drawImage(element, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return;
    const file = new File([blob], `snapshot-${new Date().toTimeString().slice(0, 8).replace(/:/g, '')}.png`, { type: 'image/png' });
    // "Snapshot as …": the picture arrives with its true label, ready for evaluation.
    const truth = snapshotAs && labelNames.includes(snapshotAs) ? { label: snapshotAs, from: 'capture' as const } : null;
    void addImages([{ file, origin: 'camera', truth }]);
  };

  const on = Boolean(camera.stream);
  return (
    <section ref={section} className="camera" aria-label="Camera">
      <div className="camera-controls">
        {on ? (
          <button type="button" onClick={camera.stop}>Stop camera</button>
        ) : (
          <button type="button" className="primary" disabled={camera.starting} onClick={() => void camera.start(camera.deviceId)}>
            {camera.starting ? 'Starting…' : 'Start camera'}
          </button>
        )}
        {camera.devices.length > 1 && (
          <label>
            Camera{' '}
            <select
              value={camera.deviceId ?? ''}
              onChange={(e) => {
                setMirrorChoice(null);
                void camera.start(e.target.value);
              }}
            >
              {camera.devices.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>{d.label || `Camera ${i + 1}`}</option>
              ))}
            </select>
          </label>
        )}
        <label className="toggle">
          <input type="checkbox" checked={mirrored} onChange={(e) => setMirrorChoice({ deviceId: camera.deviceId, mirrored: e.target.checked })} /> Mirror
        </label>
        {on && (
          <>
            <button type="button" onClick={freeze} aria-pressed={frozen}>{frozen ? 'Resume' : 'Freeze'}</button>
            <button type="button" onClick={() => void snapshot()}>Add snapshot to gallery</button>
            <label>
              as{' '}
              <select value={labelNames.includes(snapshotAs) ? snapshotAs : ''} onChange={(e) => setSnapshotAs(e.target.value)} aria-label="True label of the snapshot">
                <option value="">(no label)</option>
                {labelNames.map((l) => (
                  <option key={l} value={l}>{l}</option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      {camera.error && <p className="error" role="alert" data-testid="camera-error">{camera.error}</p>}
      <div className={`camera-stage${on ? '' : ' off'}`}>
        <div className="camera-view">
          <video
            ref={video}
            muted
            playsInline
            className={mirrored ? 'mirrored' : undefined}
            aria-label="Camera picture"
            onLoadedMetadata={(e) => setFrameSize({ width: e.currentTarget.videoWidth, height: e.currentTarget.videoHeight })}
            onResize={(e) => setFrameSize({ width: e.currentTarget.videoWidth, height: e.currentTarget.videoHeight })}
          />
          {on && <CropOutline width={frameSize.width} height={frameSize.height} mirrored={mirrored} />}
        </div>
        {on && (
          <div className="live-side">
            <div className="live-labels" data-testid="live-labels" aria-live="off">
              {mode === 'probe' && probe && <p className="live-mode-badge" data-testid="live-mode">Linear probe</p>}
              {live.scores ? <ScoreBars scores={live.scores} /> : <p>{labels || (mode === 'probe' && probe) ? 'Waiting for the first frame…' : 'Add labels to see live results.'}</p>}
              <p className="live-stats" data-testid="live-stats">
                {live.fps.toFixed(1)} fps · {Math.round(live.latencyMs)} ms per frame{frozen ? ' · frozen' : ''}
              </p>
            </div>
            <ImageFitChoice />
          </div>
        )}
      </div>
      {live.error && <p className="error" role="alert">{live.error}</p>}
      {/* On the projector the video keeps the screen: the probe's controls fold (one tree either way, so nothing is remounted). */}
      <details className="camera-probe-fold" open={!presenting}>
        <summary>Linear probe{mode === 'probe' && probe ? ' (in use)' : ''}</summary>
        <CameraProbe labels={labels} frame={live.frame} mode={mode === 'probe' && probe ? 'probe' : 'zero-shot'} setMode={setMode} probeReady={probe !== null} cameraOn={on} />
      </details>
    </section>
  );
}
