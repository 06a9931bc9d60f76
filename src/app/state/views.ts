/** The app's views (tabs). A new view is added here, and App.tsx renders it. */
export const VIEWS = [
  { id: 'images', name: 'Images' },
  { id: 'camera', name: 'Live camera' },
  { id: 'insights', name: 'Insights' },
  { id: 'contrastive', name: 'Contrastive' },
  { id: 'draw', name: 'Draw' },
] as const;

export type View = (typeof VIEWS)[number]['id'];

export function isView(value: string | null | undefined): value is View {
  return VIEWS.some((v) => v.id === value);
}
