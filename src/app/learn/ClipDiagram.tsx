/**
 * How CLIP classifies, drawn by the app: (1) an image encoder and a text encoder turn the picture
 * and each label's sentence into vectors; (2) in one shared space, the label pointing closest to
 * the image wins (cosine similarity); (3) softmax over 100 × cosine turns the similarities into
 * percentages over the labels typed. Three panels that sit side by side, or stacked on a phone.
 */
import { softmax } from '../../clip/similarity';
import { CLIP_LOGIT_SCALE } from '../../clip/catalog';

/** Similarities of the size CLIP gives (about 0.2 to 0.35), and the percentages they make. */
const EXAMPLE = [
  { label: 'cat', cosine: 0.3 },
  { label: 'dog', cosine: 0.27 },
  { label: 'car', cosine: 0.25 },
];
const PERCENT = softmax(EXAMPLE.map((e) => e.cosine), CLIP_LOGIT_SCALE);

function Arrow({ x1, y1, x2, y2 }: { x1: number; y1: number; x2: number; y2: number }) {
  return <line x1={x1} y1={y1} x2={x2} y2={y2} className="diagram-arrow" markerEnd="url(#clip-diagram-head)" />;
}

function Vector({ x, y, kind }: { x: number; y: number; kind: 'image' | 'text' }) {
  return (
    <g className={`diagram-vector ${kind}`}>
      {Array.from({ length: 6 }, (_, i) => (
        <rect key={i} x={x + i * 10} y={y} width={9} height={9} rx={1.5} style={{ opacity: 0.45 + ((i * 37) % 55) / 100 }} />
      ))}
    </g>
  );
}

function Encoders() {
  return (
    <svg viewBox="0 0 340 200" role="img" aria-labelledby="clip-step1">
      <title id="clip-step1">An image encoder turns the picture into a vector; a text encoder turns each label’s sentence into a vector.</title>
      {/* The picture: a cat's face. */}
      <rect x={10} y={14} width={76} height={66} rx={6} className="diagram-photo" />
      <path d="M 32 62 L 30 34 L 42 44 L 54 44 L 66 34 L 64 62 Q 48 74 32 62 Z" className="diagram-cat" />
      <circle cx={41} cy={53} r={2.5} className="diagram-eye" />
      <circle cx={55} cy={53} r={2.5} className="diagram-eye" />
      <text x={48} y={96} className="diagram-small" textAnchor="middle">image</text>
      <Arrow x1={90} y1={47} x2={122} y2={47} />
      <rect x={126} y={27} width={110} height={40} rx={8} className="diagram-box image" />
      <text x={181} y={52} textAnchor="middle">Image encoder</text>
      <Arrow x1={240} y1={47} x2={262} y2={47} />
      <Vector x={266} y={43} kind="image" />

      {EXAMPLE.map((e, i) => (
        <text key={e.label} x={10} y={132 + i * 22} className="diagram-prompt">
          a photo of a {e.label}.
        </text>
      ))}
      <Arrow x1={119} y1={150} x2={137} y2={150} />
      <rect x={141} y={130} width={95} height={40} rx={8} className="diagram-box text" />
      <text x={188.5} y={155} textAnchor="middle">Text encoder</text>
      <Arrow x1={240} y1={150} x2={262} y2={150} />
      {EXAMPLE.map((e, i) => (
        <Vector key={e.label} x={266} y={128 + i * 16} kind="text" />
      ))}
      <text x={296} y={190} className="diagram-small" textAnchor="middle">vectors</text>
    </svg>
  );
}

/** Directions in the space (degrees, counter-clockwise from the right): the image near "cat". */
const DIRECTIONS = { image: 38, cat: 50, dog: 100, car: 160 } as const;

function Space() {
  const cx = 120;
  const cy = 104;
  const r = 78;
  const at = (degrees: number, radius = r) => ({ x: cx + radius * Math.cos((degrees * Math.PI) / 180), y: cy - radius * Math.sin((degrees * Math.PI) / 180) });
  const image = at(DIRECTIONS.image);
  const arc = [at(DIRECTIONS.image, 30), at(DIRECTIONS.cat, 30)];
  return (
    <svg viewBox="0 0 240 200" role="img" aria-labelledby="clip-step2">
      <title id="clip-step2">In one shared space, the image’s vector points closest to the sentence “a photo of a cat.”: the smaller the angle, the higher the cosine similarity.</title>
      <circle cx={cx} cy={cy} r={r} className="diagram-space" />
      {EXAMPLE.map((e) => {
        const degrees = DIRECTIONS[e.label as keyof typeof DIRECTIONS];
        const dot = at(degrees);
        const tip = at(degrees, r - 7); // the arrow stops short of its dot
        const label = at(degrees, r + 10);
        const cos = Math.cos((degrees * Math.PI) / 180);
        const anchor = cos < -0.3 ? 'end' : cos > 0.3 ? 'start' : 'middle';
        return (
          <g key={e.label}>
            <Arrow x1={cx} y1={cy} x2={tip.x} y2={tip.y} />
            <circle cx={dot.x} cy={dot.y} r={5} className="diagram-dot text" />
            <text x={label.x} y={label.y + (anchor === 'middle' ? -2 : 4)} textAnchor={anchor} className="diagram-small">{e.label}</text>
          </g>
        );
      })}
      <line x1={cx} y1={cy} x2={image.x} y2={image.y} className="diagram-image-ray" />
      <rect x={image.x - 5} y={image.y - 5} width={10} height={10} className="diagram-dot image" />
      <path d={`M ${arc[0]!.x} ${arc[0]!.y} A 30 30 0 0 0 ${arc[1]!.x} ${arc[1]!.y}`} className="diagram-angle" />
      <text x={cx + 24} y={cy - 32} className="diagram-small">θ</text>
      <circle cx={cx} cy={cy} r={2.5} className="diagram-origin" />
      <text x={cx} y={196} textAnchor="middle" className="diagram-small">similarity = cos θ</text>
    </svg>
  );
}

function Percentages() {
  return (
    <svg viewBox="0 0 240 200" role="img" aria-labelledby="clip-step3">
      <title id="clip-step3">
        {`Softmax over 100 × cosine similarity: ${EXAMPLE.map((e, i) => `${e.label} ${e.cosine.toFixed(2)} gives ${Math.round((PERCENT[i] ?? 0) * 100)}%`).join(', ')}. The percentages add up to 100% over the labels typed.`}
      </title>
      <text x={10} y={22} className="diagram-small">label</text>
      <text x={100} y={22} className="diagram-small" textAnchor="end">cos θ</text>
      <text x={230} y={22} className="diagram-small" textAnchor="end">softmax</text>
      {EXAMPLE.map((e, i) => {
        const p = PERCENT[i] ?? 0;
        const y = 50 + i * 46;
        return (
          <g key={e.label}>
            <text x={10} y={y}>{e.label}</text>
            <text x={100} y={y} textAnchor="end" className="diagram-number">{e.cosine.toFixed(2)}</text>
            <text x={230} y={y} textAnchor="end" className="diagram-number">{(p * 100).toFixed(p < 0.1 ? 1 : 0)}%</text>
            <rect x={10} y={y + 8} width={220} height={10} rx={5} className="diagram-track" />
            <rect x={10} y={y + 8} width={Math.max(2, 220 * p)} height={10} rx={5} className="diagram-bar" />
          </g>
        );
      })}
      <text x={120} y={194} textAnchor="middle" className="diagram-small">adds up to 100% over your labels</text>
    </svg>
  );
}

export function ClipDiagram() {
  return (
    <figure className="clip-diagram" aria-label="How CLIP classifies an image">
      {/* The arrow head every panel's arrows use. */}
      <svg width="0" height="0" className="diagram-defs" aria-hidden="true">
        <defs>
          <marker id="clip-diagram-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="diagram-head" />
          </marker>
        </defs>
      </svg>
      <div className="diagram-steps">
        <div className="diagram-step">
          <h4>1. Encode</h4>
          <Encoders />
        </div>
        <span className="diagram-then" aria-hidden="true" />
        <div className="diagram-step">
          <h4>2. Compare in one space</h4>
          <Space />
        </div>
        <span className="diagram-then" aria-hidden="true" />
        <div className="diagram-step">
          <h4>3. Softmax over the labels</h4>
          <Percentages />
        </div>
      </div>
      <figcaption>
        CLIP’s similarities are small and close together (about 0.2 to 0.35); multiplying them by 100 (the temperature CLIP
        learned) before the softmax spreads them into clear percentages.
      </figcaption>
    </figure>
  );
}
