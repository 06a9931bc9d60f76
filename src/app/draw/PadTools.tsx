/** Tool, colour and size of the pad, and the word the text tool writes. All buttons work from the keyboard. */
import { useId } from 'react';
import { padStore, usePadStore } from './padState';
import { PAD_SIZE, PALETTE, SIZES, type PadTool } from './padStore';

const TOOLS: { id: PadTool; name: string; title: string }[] = [
  { id: 'brush', name: 'Brush', title: 'Draw lines' },
  { id: 'fill', name: 'Fill', title: 'Fill the area you tap, up to the lines around it' },
  { id: 'eraser', name: 'Eraser', title: 'Erase ink (a background photo shows again)' },
  { id: 'text', name: 'Text', title: 'Write a word where you tap' },
];

export function PadTools() {
  const tool = usePadStore((s) => s.tool);
  const colour = usePadStore((s) => s.colour);
  const size = usePadStore((s) => s.size);
  const text = usePadStore((s) => s.text);
  const { setTool, setColour, setSize, setText, add } = padStore.getState();
  const textId = useId();
  const custom = !PALETTE.some((p) => p.value === colour);

  const placeCentred = () => {
    const word = text.trim();
    if (!word) return;
    const { colour, size } = padStore.getState();
    add({ kind: 'text', text: word, x: PAD_SIZE / 2, y: PAD_SIZE / 2, colour, size: SIZES.find((s) => s.id === size)!.text });
  };

  return (
    <div className="pad-tools">
      <div className="tool-group" role="group" aria-label="Tool">
        {TOOLS.map((t) => (
          <button key={t.id} type="button" aria-pressed={tool === t.id} title={t.title} onClick={() => setTool(t.id)}>
            {t.name}
          </button>
        ))}
      </div>
      <div className="tool-group swatches" role="group" aria-label="Colour">
        {PALETTE.map((p) => (
          <button
            key={p.value}
            type="button"
            className="swatch"
            aria-pressed={colour === p.value && tool !== 'eraser'}
            aria-label={p.name}
            title={p.name}
            style={{ background: p.value }}
            onClick={() => setColour(p.value)}
          />
        ))}
        <label className={`swatch custom${custom ? ' chosen' : ''}`} title="Another colour">
          <span className="visually-hidden">Another colour</span>
          <input type="color" value={colour} onChange={(e) => setColour(e.target.value)} />
        </label>
      </div>
      <div className="tool-group" role="group" aria-label="Size">
        {SIZES.map((s) => (
          <button key={s.id} type="button" className="size" aria-pressed={size === s.id} aria-label={`${s.name} brush`} title={`${s.name} (${s.brush} px)`} onClick={() => setSize(s.id)}>
            <span aria-hidden="true" className="size-dot" style={{ width: Math.max(4, s.brush / 2.5), height: Math.max(4, s.brush / 2.5) }} />
          </button>
        ))}
      </div>
      {tool === 'text' && (
        <div className="text-tool">
          <label htmlFor={textId}>Word to write</label>
          <input
            id={textId}
            type="text"
            value={text}
            maxLength={40}
            placeholder="e.g. iPod"
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') placeCentred();
            }}
          />
          <button type="button" onClick={placeCentred} disabled={!text.trim()}>
            Write in the middle
          </button>
          <span className="hint">or tap the pad where it should go</span>
        </div>
      )}
    </div>
  );
}
