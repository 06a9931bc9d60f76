/** Names and domains for drawings added to the gallery. Pure. */

/** Domains offered for a drawing; any other word can be typed. */
export const DRAWING_DOMAINS = ['sketch', 'typographic', 'photo'] as const;

/** `drawing-3-red-circle.png`: numbered, with the true label when there is one (letters, digits, hyphens). */
export function drawingFileName(index: number, label: string | null): string {
  const slug = (label ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug ? `drawing-${index}-${slug}.png` : `drawing-${index}.png`;
}
