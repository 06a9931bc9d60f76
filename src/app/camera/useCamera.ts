/**
 * The camera stream: start/stop, which camera, and what went wrong. The camera is released when
 * stopped, when the tab is hidden (and taken again when it comes back), and when unmounted.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { matchesMedia, TOUCH_FIRST } from '../components/useMediaQuery';
import { CAMERA_DISCONNECTED, cameraErrorMessage, NO_CAMERA_API } from './cameraErrors';
import { preferredFacing } from './facing';

export interface CameraState {
  stream: MediaStream | null;
  starting: boolean;
  error: string | null;
  devices: MediaDeviceInfo[];
  deviceId: string | null;
  start: (deviceId?: string | null) => Promise<void>;
  stop: () => void;
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

  /**
   * Bumped by every start and release: a getUserMedia that answers after the camera view closed,
   * or after another camera was asked for, finds its attempt outdated and stops its own stream
   * (otherwise the camera stays on with nothing showing it).
   */
  const attempt = useRef(0);

  const release = useCallback(() => {
    attempt.current++; // a start still waiting for getUserMedia is outdated now
    setStarting(false);
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
      const mine = ++attempt.current;
      setStarting(true);
      setError(null);
      try {
        // No camera chosen yet: the rear one on a phone, the user-facing one on a laptop (a preference, not a requirement).
        const video: MediaTrackConstraints = wanted ? { deviceId: { exact: wanted } } : { facingMode: preferredFacing(matchesMedia(TOUCH_FIRST)) };
        const media = await navigator.mediaDevices.getUserMedia({ video: { ...video, width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
        if (mine !== attempt.current) {
          media.getTracks().forEach((track) => track.stop());
          return;
        }
        const [track] = media.getVideoTracks();
        if (!track) {
          // Not expected of a getUserMedia that asked for video; said as "no camera" if it happens.
          media.getTracks().forEach((t) => t.stop());
          throw new DOMException('The camera stream has no video track', 'NotFoundError');
        }
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
        if (mine === attempt.current) setDevices(all.filter((d) => d.kind === 'videoinput'));
      } catch (e) {
        if (mine === attempt.current) setError(cameraErrorMessage(e));
      } finally {
        if (mine === attempt.current) setStarting(false);
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
