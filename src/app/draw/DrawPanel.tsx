/**
 * The Draw view: a pad whose picture is classified live, added to the gallery with a true label
 * and a domain; the typographic attack beside it; and the generator of shifted test sets.
 */
import { memo, useId, useRef, useState } from 'react';
import { BUNDLED_MODEL_ID } from '../../clip/modelSource';
import { formatPercent } from '../components/format';
import { useModelStore } from '../state';
import { ShiftGenerator as ShiftGeneratorView } from '../shift/ShiftGenerator';
import { AddDrawing as AddDrawingView } from './AddDrawing';
import { DrawingPad } from './DrawingPad';
import { LiveDrawingLabels } from './LiveDrawingLabels';
import { PadActions as PadActionsView } from './PadActions';
import { usePadStore } from './padState';
import { isBlank } from './padHistory';
import { PadTools as PadToolsView } from './PadTools';
import { useDrawingScorer } from './scoring';
import type { LiveMode } from '../components/LiveModeSwitch';
import { TypographicAttack as TypographicAttackView } from './TypographicAttack';
import { useLiveDrawing } from './useLiveDrawing';
import './draw.css';

// The panel renders again with every stroke segment (the live labels follow the pad's revision);
// the parts that do not depend on it are memoised so a stroke does not re-render them.
const PadTools = memo(PadToolsView);
const PadActions = memo(PadActionsView);
const AddDrawing = memo(AddDrawingView);
const TypographicAttack = memo(TypographicAttackView);
const ShiftGenerator = memo(ShiftGeneratorView);

export function DrawPanel() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const revision = usePadStore((s) => s.revision);
  const blank = usePadStore((s) => isBlank(s.history.ops) && !s.stroking);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  const modelId = useModelStore((s) => s.active?.model.source.id ?? null);
  const live = useLiveDrawing(canvas, revision, blank, generation);
  const [mode, setMode] = useState<LiveMode>('zero-shot');
  const { score, probe, probeReady } = useDrawingScorer(mode);
  // A probe that no longer applies (another model, cleared) puts the pad back on zero-shot for good
  // (adjusted while rendering, as React advises for state that follows other state).
  const [hadProbe, setHadProbe] = useState(probeReady);
  if (hadProbe !== probeReady) {
    setHadProbe(probeReady);
    if (!probeReady) setMode('zero-shot');
  }
  const scores = live.frame ? score(live.frame) : null;
  const top = blank ? undefined : scores?.[0];
  const typographicId = useId();
  return (
    <section className="draw" aria-label="Drawing pad">
      <div className="draw-main">
        <div className="pad-column">
          <PadTools />
          <DrawingPad
            canvasRef={canvas}
            overlay={
              top && (
                <p className="pad-live" aria-hidden="true">
                  <span>{top.label}</span> <span>{formatPercent(top.probability)}</span>
                </p>
              )
            }
          />
          <PadActions />
          {modelId === BUNDLED_MODEL_ID && (
            <p className="hint pad-tip">
              The shapes model learned from filled shapes: draw an outline, then fill it with the Fill tool. An outline alone is a
              picture it never saw (a distribution shift), and it may well get it wrong.
            </p>
          )}
        </div>
        <div className="draw-side">
          <LiveDrawingLabels live={live} scores={scores} blank={blank} setMode={setMode} byProbe={probe} probeReady={probeReady} />
          <AddDrawing canvasRef={canvas} />
        </div>
      </div>
      <TypographicAttack headingId={typographicId} />
      <ShiftGenerator />
    </section>
  );
}
