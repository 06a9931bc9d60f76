/** Turning the label editor's text into labels and prompts. Pure functions, tested in Node. */
export const DEFAULT_TEMPLATE = 'a photo of a {}.';

/** One label per line; blank lines and duplicates dropped, order kept. */
export function parseLabels(text: string): string[] {
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const label = line.trim().replace(/\s+/g, ' ');
    if (label && !seen.has(label)) {
      seen.add(label);
      labels.push(label);
    }
  }
  return labels;
}

/** The prompt for a label: `{}` replaced by it; a template without `{}` gets the label appended. */
export function applyTemplate(template: string, label: string): string {
  const trimmed = template.trim();
  if (!trimmed) return label;
  return trimmed.includes('{}') ? trimmed.split('{}').join(label) : `${trimmed} ${label}`;
}
