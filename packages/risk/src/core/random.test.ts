import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';

describe('createRandom (xoshiro128** seeded by splitmix32)', () => {
  it('matches the C reference implementation for seed 42', () => {
    // Outputs of the reference C code (xoshiro128** by Blackman & Vigna, state from splitmix32(42)),
    // compiled with gcc and printed as unsigned 32-bit integers.
    const rng = createRandom(42);
    expect([1, 2, 3, 4, 5].map(() => rng.nextUint32())).toEqual([
      2837322924, 544945897, 479756282, 3500138142, 339756180,
    ]);
  });

  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws integers in range with roughly uniform frequencies', () => {
    const rng = createRandom(123);
    const counts = new Array<number>(10).fill(0);
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const k = rng.nextInt(10);
      expect(k >= 0 && k < 10).toBe(true);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const expected = n / 10;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: P(chi2 > 27.88) = 0.001.
    expect(chi2).toBeLessThan(27.88);
  });

  it('rejects a non-integer seed and an invalid range', () => {
    expect(() => createRandom(1.5)).toThrow(/seed/);
    expect(() => createRandom(1).nextInt(0)).toThrow(/n must be/);
  });
});
