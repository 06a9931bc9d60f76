/**
 * "Seeing what CLIP learned": the similarity matrix, text → image search and the embedding map,
 * as sub-tabs (arrow keys, Home and End move between them, as in the WAI-ARIA tabs pattern).
 */
import { useId, useRef, type KeyboardEvent } from 'react';
import { EmbeddingMap } from './EmbeddingMap';
import { useInsightsStore, type InsightsTab } from './insightsStore';
import { SimilarityMatrix } from './SimilarityMatrix';
import { TextSearch } from './TextSearch';

const TABS: { id: InsightsTab; name: string }[] = [
  { id: 'matrix', name: 'Matrix' },
  { id: 'search', name: 'Search' },
  { id: 'map', name: 'Map' },
];

export function InsightsPanel() {
  const tab = useInsightsStore((s) => s.tab);
  const setTab = useInsightsStore((s) => s.setTab);
  const buttons = useRef(new Map<InsightsTab, HTMLButtonElement>());
  const id = useId();

  const onKeyDown = (e: KeyboardEvent) => {
    const current = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight' ? (current + 1) % TABS.length
      : e.key === 'ArrowLeft' ? (current - 1 + TABS.length) % TABS.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? TABS.length - 1
      : -1;
    const target = TABS[next]; // undefined for other keys (-1)
    if (!target) return;
    e.preventDefault();
    setTab(target.id);
    buttons.current.get(target.id)?.focus();
  };

  return (
    <section className="insights" aria-label="Insights">
      <div className="tabs insights-tabs" role="tablist" aria-label="Insights views" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(element) => {
              if (element) buttons.current.set(t.id, element);
              else buttons.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${id}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.name}
          </button>
        ))}
      </div>
      <div className="insights-view" role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`}>
        {tab === 'matrix' && <SimilarityMatrix />}
        {tab === 'search' && <TextSearch />}
        {tab === 'map' && <EmbeddingMap />}
      </div>
    </section>
  );
}
