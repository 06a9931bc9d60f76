/**
 * Which way a camera faces, and whether to mirror it. A mirror view is natural for a camera that
 * faces you (a selfie, a laptop's webcam: you move left, the picture moves left) and wrong for one
 * that faces away (text on a card would read backwards).
 */

/** The camera to ask for first: the rear one on a phone or tablet (pointing at things), else the user's. */
export function preferredFacing(touchFirst: boolean): 'environment' | 'user' {
  return touchFirst ? 'environment' : 'user';
}

/**
 * Mirror by the facing mode the track reports; when it reports none (many webcams, fake devices),
 * guess from the device: a laptop's camera faces the user, a phone's default (rear) one does not.
 */
export function defaultMirror(facingMode: string | undefined, touchFirst: boolean): boolean {
  if (facingMode === 'user') return true;
  if (facingMode) return false; // environment, left, right: facing away from the user
  return !touchFirst;
}
