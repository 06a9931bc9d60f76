/**
 * The camera stream: start/stop, which camera, and what went wrong. The camera is released when
 * stopped, when the tab is hidden (and taken again when it comes back), and when unmounted.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { CAMERA_DISCONNECTED, cameraErrorMessage, NO_CAMERA_API } from './cameraErrors';

export interface CameraState {
  stream: MediaStream | null;
  starting: boolean;
  error: string | null;
  devices: MediaDeviceInfo[];
  deviceId: string | null;
  start(deviceId?: string | null): Promise<void>;
  stop(): void;
}

export function useCamera(): CameraState {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  /** Set while the tab is hidden with the camera on, to take it again on return. */
  const resumeOnVisible = useRef(false);

  const release = useCallback(() => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setStream(null);
  }, []);

  const start = useCallback(
    async (wanted: string | null = null) => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setError(NO_CAMERA_API);
        return;
      }
      release();
      setStarting(true);
      setError(null);
      try {
        const video: MediaTrackConstraints = wanted ? { deviceId: { exact: wanted } } : { facingMode: 'environment' };
        const media = await navigator.mediaDevices.getUserMedia({ video: { ...video, width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
        const [track] = media.getVideoTracks();
        track.addEventListener('ended', () => {
          if (streamRef.current !== media) return;
          release();
          setError(CAMERA_DISCONNECTED);
        });
        streamRef.current = media;
        setStream(media);
        setDeviceId(track.getSettings().deviceId ?? wanted);
        // Labels of cameras are only visible once permission is granted.
        const all = await navigator.mediaDevices.enumerateDevices();
        setDevices(all.filter((d) => d.kind === 'videoinput'));
      } catch (e) {
        setError(cameraErrorMessage(e));
      } finally {
        setStarting(false);
      }
    },
    [release],
  );

  const stop = useCallback(() => {
    resumeOnVisible.current = false;
    release();
  }, [release]);

  useEffect(() => {
    const onVisibility = () => {
      if (document.hidden && streamRef.current) {
        resumeOnVisible.current = true;
        release();
      } else if (!document.hidden && resumeOnVisible.current) {
        resumeOnVisible.current = false;
        void start(deviceId);
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [deviceId, release, start]);

  useEffect(() => release, [release]);

  return { stream, starting, error, devices, deviceId, start, stop };
}
