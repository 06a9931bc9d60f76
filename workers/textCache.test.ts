import { describe, expect, it } from 'vitest';
import { TextEmbeddingCache } from './textCache';

const vec = (x: number) => new Float32Array([x]);

describe('TextEmbeddingCache', () => {
  it('keeps at most `limit` texts, dropping the least recently used; a read counts as a use', () => {
    const cache = new TextEmbeddingCache(3);
    cache.set('a', vec(1), false);
    cache.set('b', vec(2), true);
    cache.set('c', vec(3), false);
    expect(cache.get('a')).toEqual({ embedding: vec(1), truncated: false }); // a is now the most recent
    cache.set('d', vec(4), false);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.embedding).toEqual(vec(1));
    expect(cache.get('c')?.embedding).toEqual(vec(3));
    expect(cache.get('d')?.embedding).toEqual(vec(4));
  });

  it('replaces an entry without evicting another', () => {
    const cache = new TextEmbeddingCache(2);
    cache.set('a', vec(1), false);
    cache.set('b', vec(2), false);
    cache.set('a', vec(5), true);
    expect(cache.get('a')).toEqual({ embedding: vec(5), truncated: true });
    expect(cache.get('b')?.embedding).toEqual(vec(2));
  });
});
