/** What to tell a person when the camera cannot be used, from the browser's error. */
export function cameraErrorMessage(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was denied. Allow the camera for this site in the browser’s settings, then press Start camera again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Plug one in (or choose another) and press Start camera again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is busy or could not start: close other apps that use it and try again.';
    default:
      return `The camera could not be started: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export const CAMERA_DISCONNECTED = 'The camera stopped sending pictures (was it unplugged?). Press Start camera to try again.';
export const NO_CAMERA_API = 'This browser cannot use a camera here (it needs a secure https:// page).';
