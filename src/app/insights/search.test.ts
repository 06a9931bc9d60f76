import { describe, expect, it } from 'vitest';
import { rankBySimilarity } from './search';
import { unitVectors } from './testVectors';

interface Item {
  name: string;
  embedding?: Float32Array;
}

describe('rankBySimilarity', () => {
  const [first, ...others] = unitVectors(5, 8, 3);
  const query = first!;
  const items: Item[] = others.map((embedding, i) => ({ name: `img${i}`, embedding }));

  it('ranks by cosine, highest first, with the cosine of each', () => {
    const ranked = rankBySimilarity(query, items, (item) => item.embedding);
    expect(ranked).toHaveLength(4);
    const cosines = ranked.map((r) => r.cosine);
    expect([...cosines].sort((a, b) => b - a)).toEqual(cosines);
    for (const r of ranked) expect(r.cosine).toBeCloseTo(r.item.embedding!.reduce((s, v, k) => s + v * query[k]!, 0), 6);
  });

  it('puts the query itself first with cosine 1', () => {
    const ranked = rankBySimilarity(query, [...items, { name: 'same', embedding: query }], (item) => item.embedding);
    expect(ranked[0]?.item.name).toBe('same');
    expect(ranked[0]?.cosine).toBeCloseTo(1, 6);
  });

  it('keeps the given order on ties and leaves out items without a matching embedding', () => {
    const twin = Float32Array.from(query);
    const list: Item[] = [
      { name: 'pending' },
      { name: 'a', embedding: twin },
      { name: 'other model', embedding: new Float32Array(4) },
      { name: 'b', embedding: twin },
    ];
    expect(rankBySimilarity(query, list, (item) => item.embedding).map((r) => r.item.name)).toEqual(['a', 'b']);
    expect(rankBySimilarity(new Float32Array(0), list, (item) => item.embedding)).toEqual([]);
    expect(rankBySimilarity(query, [], (item: Item) => item.embedding)).toEqual([]);
  });
});
