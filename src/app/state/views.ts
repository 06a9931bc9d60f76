/** The app's views (tabs). A new view is added here, and App.tsx renders it. */
export const VIEWS = [
  // In the order a lecture meets them: zero-shot on photos, the camera and drawings; what CLIP
  // learned; its training objective; then measuring it (prompts, probe, distribution shift).
  { id: 'images', name: 'Images' },
  { id: 'camera', name: 'Live camera' },
  { id: 'draw', name: 'Draw' },
  { id: 'insights', name: 'Insights' },
  { id: 'contrastive', name: 'Contrastive' },
  { id: 'evaluate', name: 'Evaluation' },
] as const;

export type View = (typeof VIEWS)[number]['id'];

export function isView(value: string | null | undefined): value is View {
  return VIEWS.some((v) => v.id === value);
}
