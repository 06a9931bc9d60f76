/** Live webcam labelling: the video with its top labels, frames per second and latency. */
import { useEffect, useRef, useState } from 'react';
import { useGalleryStore, useLabelStore, useModelStore } from '../state';
import { ScoreBars } from '../components/ScoreBars';
import { useCurrentProbe } from '../state/currentProbe';
import { CameraProbe, type LiveMode } from './CameraProbe';
import './cameraProbe.css';
import { useCamera } from './useCamera';
import { useLiveLabels } from './useLiveLabels';

export function CameraPanel() {
  const camera = useCamera();
  const video = useRef<HTMLVideoElement>(null);
  const [mirrored, setMirrored] = useState(true);
  const [frozen, setFrozen] = useState(false);
  const labels = useLabelStore((s) => s.encoded);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  const addImages = useGalleryStore((s) => s.addImages);
  const probe = useCurrentProbe();
  const [mode, setMode] = useState<LiveMode>('zero-shot');
  const [snapshotAs, setSnapshotAs] = useState('');
  const live = useLiveLabels(video, Boolean(camera.stream) && generation !== null && !frozen, labels, generation, mode === 'probe' ? probe : null);
  const labelNames = labels?.labels ?? [];

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = camera.stream;
    if (camera.stream) void element.play().catch(() => undefined);
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
    <section className="camera" aria-label="Camera">
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
            <select value={camera.deviceId ?? ''} onChange={(e) => void camera.start(e.target.value)}>
              {camera.devices.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>{d.label || `Camera ${i + 1}`}</option>
              ))}
            </select>
          </label>
        )}
        <label className="toggle">
          <input type="checkbox" checked={mirrored} onChange={(e) => setMirrored(e.target.checked)} /> Mirror
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
      <div className={`camera-view${on ? '' : ' off'}`}>
        <video ref={video} muted playsInline className={mirrored ? 'mirrored' : undefined} aria-label="Camera picture" />
        {on && (
          <div className="live-labels" data-testid="live-labels" aria-live="off">
            {mode === 'probe' && probe && <p className="live-mode-badge" data-testid="live-mode">Linear probe</p>}
            {live.scores ? <ScoreBars scores={live.scores} /> : <p>{labels || (mode === 'probe' && probe) ? 'Waiting for the first frame…' : 'Add labels to see live results.'}</p>}
            <p className="live-stats" data-testid="live-stats">
              {live.fps.toFixed(1)} fps · {Math.round(live.latencyMs)} ms per frame{frozen ? ' · frozen' : ''}
            </p>
          </div>
        )}
      </div>
      {live.error && <p className="error" role="alert">{live.error}</p>}
      <CameraProbe labels={labels} frame={live.frame} mode={mode === 'probe' && probe ? 'probe' : 'zero-shot'} setMode={setMode} probeReady={probe !== null} cameraOn={on} />
    </section>
  );
}
