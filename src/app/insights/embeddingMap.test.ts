import { describe, expect, it } from 'vitest';
import { pca2d } from '../../clip';
import { DEFAULT_LAYOUT, layoutFor, layoutPoints, modalityCosines, projectTogether } from './embeddingMap';
import { flatten, unitVectors } from './testVectors';

const dim = 32;
/** Two modalities, as in CLIP: each clustered around its own direction. */
const imageCentre = Array.from({ length: dim }, (_, k) => (k === 0 ? 1.5 : 0));
const labelCentre = Array.from({ length: dim }, (_, k) => (k === 1 ? 1.5 : 0));
const images = unitVectors(6, dim, 11, imageCentre, 0.6);
const labelRows = unitVectors(9, dim, 12, labelCentre, 0.6);
const labels = flatten(labelRows);

describe('projectTogether', () => {
  const projection = projectTogether(images, labels, 9, dim);

  it('gives one point per image, then one per label, with their indices', () => {
    expect(projection.points).toHaveLength(15);
    expect(projection.points.slice(0, 6).every((p, i) => p.kind === 'image' && p.index === i)).toBe(true);
    expect(projection.points.slice(6).every((p, i) => p.kind === 'label' && p.index === i)).toBe(true);
  });

  it('is pca2d of the images and labels stacked', () => {
    const expected = pca2d(flatten([...images, ...labelRows]), 15, dim);
    expect(projection.explained).toEqual(expected.explained);
    projection.points.forEach((p, i) => {
      expect(p.x).toBe(expected.points[i * 2]);
      expect(p.y).toBe(expected.points[i * 2 + 1]);
    });
  });

  it('separates the two modalities along the first axis (the modality gap)', () => {
    const imageXs = projection.points.filter((p) => p.kind === 'image').map((p) => p.x);
    const labelXs = projection.points.filter((p) => p.kind === 'label').map((p) => p.x);
    const apart = Math.max(...imageXs) < Math.min(...labelXs) || Math.max(...labelXs) < Math.min(...imageXs);
    expect(apart).toBe(true);
    expect(projection.explained[0]).toBeGreaterThan(0.3);
    expect(projection.explained[0]).toBeGreaterThanOrEqual(projection.explained[1]);
  });

  it('may use only the first labels of a longer matrix, and checks the shape', () => {
    expect(projectTogether(images, labels, 4, dim).points).toHaveLength(10);
    expect(() => projectTogether(images, labels, 10, dim)).toThrow();
  });

  it('gives finite zeros for a single point', () => {
    const single = projectTogether([images[0]!], new Float32Array(0), 0, dim);
    expect(single.points).toEqual([{ kind: 'image', index: 0, x: 0, y: 0 }]);
    expect(single.explained).toEqual([0, 0]);
  });
});

describe('layoutPoints', () => {
  const points = [
    { x: -2, y: 1 },
    { x: 4, y: -1 },
    { x: 0, y: 0.5 },
  ];
  const { padding } = DEFAULT_LAYOUT;

  it('keeps every point inside the padded area', () => {
    const layout = layoutPoints(points);
    expect(layout.width).toBe(640);
    for (const p of points) {
      const v = layout.toView(p.x, p.y);
      expect(v.x).toBeGreaterThanOrEqual(padding.left - 1e-9);
      expect(v.x).toBeLessThanOrEqual(layout.width - padding.right + 1e-9);
      expect(v.y).toBeGreaterThanOrEqual(padding.top - 1e-9);
      expect(v.y).toBeLessThanOrEqual(layout.height - padding.bottom + 1e-9);
    }
  });

  it('uses the same scale on both axes and puts larger y higher up', () => {
    const layout = layoutPoints(points);
    const a = layout.toView(-2, 1);
    const b = layout.toView(4, -1);
    expect(b.x - a.x).toBeCloseTo(6 * layout.scale, 9);
    expect(b.y - a.y).toBeCloseTo(2 * layout.scale, 9);
    expect(a.y).toBeLessThan(b.y);
  });

  it('fills the width for a wide cloud and limits the height for a tall one', () => {
    const wide = layoutPoints(points);
    expect(wide.toView(4, 0).x - wide.toView(-2, 0).x).toBeCloseTo(640 - padding.left - padding.right, 9);
    expect(wide.height).toBe(DEFAULT_LAYOUT.minHeight);
    const tall = layoutPoints([{ x: 0, y: 0 }, { x: 1, y: 100 }]);
    expect(tall.height).toBe(DEFAULT_LAYOUT.maxHeight);
    expect(tall.toView(0, 0).y - tall.toView(0, 100).y).toBeCloseTo(DEFAULT_LAYOUT.maxHeight - padding.top - padding.bottom, 9);
  });

  it('centres a single point or none, without NaN', () => {
    for (const list of [[{ x: 3, y: 3 }], []]) {
      const layout = layoutPoints(list);
      const v = layout.toView(3, 3);
      expect(Number.isFinite(v.x) && Number.isFinite(v.y)).toBe(true);
      expect(layout.scale).toBe(1);
    }
    const one = layoutPoints([{ x: 3, y: 3 }]);
    expect(one.toView(3, 3).x).toBeCloseTo(padding.left + (640 - padding.left - padding.right) / 2, 9);
  });
});

describe('modalityCosines', () => {
  const brute = (a: Float32Array[], b: Float32Array[], same: boolean) => {
    let sum = 0;
    let n = 0;
    a.forEach((x, i) =>
      b.forEach((y, j) => {
        if (same && i === j) return;
        sum += x.reduce((s, v, k) => s + v * y[k]!, 0);
        n++;
      }),
    );
    return sum / n;
  };

  it('agrees with the mean over all pairs', () => {
    const stats = modalityCosines(flatten(images), 6, labels, 9, dim);
    expect(stats.imageImage).toBeCloseTo(brute(images, images, true), 6);
    expect(stats.labelLabel).toBeCloseTo(brute(labelRows, labelRows, true), 6);
    expect(stats.imageLabel).toBeCloseTo(brute(images, labelRows, false), 6);
    // The gap: each modality is closer to itself than to the other.
    expect(stats.imageLabel!).toBeLessThan(stats.imageImage!);
    expect(stats.imageLabel!).toBeLessThan(stats.labelLabel!);
  });

  it('is null where there are no pairs', () => {
    const image = images[0]!;
    const label = labelRows[0]!;
    expect(modalityCosines(image, 1, new Float32Array(0), 0, dim)).toEqual({ imageImage: null, labelLabel: null, imageLabel: null });
    const one = modalityCosines(image, 1, label, 1, dim);
    expect(one.imageLabel).toBeCloseTo(image.reduce((s, v, k) => s + v * label[k]!, 0), 6);
  });
});

describe('layoutFor', () => {
  it('follows the available width within 300..900, with room for names only when shown', () => {
    expect(layoutFor(640, true)).toEqual({ ...DEFAULT_LAYOUT, padding: { ...DEFAULT_LAYOUT.padding, right: 110 } });
    expect(layoutFor(0, true).width).toBe(DEFAULT_LAYOUT.width);
    const phone = layoutFor(330, true);
    expect(phone.width).toBe(330);
    expect(phone.padding.right).toBe(73);
    expect(phone.maxHeight).toBe(330);
    expect(layoutFor(100, false)).toMatchObject({ width: 300, padding: { right: 24 }, maxHeight: 300 });
    expect(layoutFor(5000, false).width).toBe(900);
  });
});
