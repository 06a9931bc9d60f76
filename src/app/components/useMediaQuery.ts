/** Whether a CSS media query matches, kept up to date (e.g. the phone layout, a touch-first device). */
import { useSyncExternalStore } from 'react';

/** The phone layout's breakpoint, the same as the `max-width: 720px` rules in the CSS. */
export const PHONE_LAYOUT = '(max-width: 720px)';

/** A device whose main pointer is a finger (phones, tablets): rear camera first, bigger targets. */
export const TOUCH_FIRST = '(pointer: coarse)';

export function matchesMedia(query: string): boolean {
  return typeof matchMedia === 'function' && matchMedia(query).matches;
}

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof matchMedia !== 'function') return () => undefined;
      const list = matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => matchesMedia(query),
  );
}
