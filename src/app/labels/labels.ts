/** Turning the label editor's text into labels and prompts. Pure functions, tested in Node. */
export const DEFAULT_TEMPLATE = 'a photo of a {}.';

/** One label per line; blank lines and duplicates dropped, order kept. */
export function parseLabels(text: string): string[] {
  return [...new Set(labelLines(text))];
}

/** Labels written more than once (each used once), in the order they first repeat. */
export function repeatedLabels(text: string): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const label of labelLines(text)) {
    if (seen.has(label)) repeated.add(label);
    seen.add(label);
  }
  return [...repeated];
}

function labelLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((label) => label !== '');
}

/**
 * Limits on what is encoded, so neither a pasted list nor a link can make the page build
 * gigabytes of prompt strings or run the text encoder for hours. They are far above what a lesson
 * uses: ImageNet's 1000 classes, CLIP's 77-token context (a few hundred characters).
 */
export const MAX_LABELS = 2000;
export const MAX_LABEL_LENGTH = 300;
export const MAX_TEMPLATE_LENGTH = 300;
/** A prompt is cut here: CLIP reads 77 tokens, far fewer characters (a template can repeat `{}`). */
export const MAX_PROMPT_LENGTH = 1000;

export type LimitProblem =
  | { kind: 'too-many-labels'; count: number }
  | { kind: 'long-labels'; count: number }
  | { kind: 'long-template'; length: number };

export interface WithinLimits {
  /** The labels that are encoded: the first MAX_LABELS, each cut to MAX_LABEL_LENGTH characters. */
  labels: string[];
  /** The template that is used, cut to MAX_TEMPLATE_LENGTH characters. */
  template: string;
  problems: LimitProblem[];
}

/** What is encoded of these labels and this template, and what was cut. The input is not changed. */
export function withinLimits(labels: readonly string[], template: string): WithinLimits {
  const problems: LimitProblem[] = [];
  if (labels.length > MAX_LABELS) problems.push({ kind: 'too-many-labels', count: labels.length });
  const first = labels.slice(0, MAX_LABELS);
  const long = first.filter((label) => label.length > MAX_LABEL_LENGTH).length;
  if (long > 0) problems.push({ kind: 'long-labels', count: long });
  const trimmed = template.trim();
  if (trimmed.length > MAX_TEMPLATE_LENGTH) problems.push({ kind: 'long-template', length: trimmed.length });
  // Two long labels alike in their first characters become one label.
  const cut = long > 0 ? [...new Set(first.map((label) => label.slice(0, MAX_LABEL_LENGTH).trim()))] : first;
  return { labels: cut, template: trimmed.slice(0, MAX_TEMPLATE_LENGTH), problems };
}

/** A sentence for the label editor. */
export function limitMessage(problem: LimitProblem): string {
  switch (problem.kind) {
    case 'too-many-labels':
      return `${problem.count.toLocaleString('en')} labels: only the first ${MAX_LABELS.toLocaleString('en')} are used.`;
    case 'long-labels':
      return `${problem.count} label${problem.count === 1 ? ' is' : 's are'} longer than ${MAX_LABEL_LENGTH} characters: only the first ${MAX_LABEL_LENGTH} characters are used.`;
    case 'long-template':
      return `The template has ${problem.length.toLocaleString('en')} characters: only the first ${MAX_TEMPLATE_LENGTH} are used.`;
  }
}

/** The prompt for a label: `{}` replaced by it; a template without `{}` gets the label appended. */
export function applyTemplate(template: string, label: string): string {
  const trimmed = template.trim();
  if (!trimmed) return label;
  const prompt = trimmed.includes('{}') ? trimmed.split('{}').join(label) : `${trimmed} ${label}`;
  return prompt.length > MAX_PROMPT_LENGTH ? prompt.slice(0, MAX_PROMPT_LENGTH) : prompt;
}
