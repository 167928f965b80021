import { describe, expect, it } from 'vitest';
import { erfc, median, normalQuantile, sampleStdev } from './stats.js';

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.01, -2.3263478740408408],
    [1e-6, -4.753424308822899],
  ])('Φ⁻¹(%d) = %d (published values)', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });

  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(/p must be in/);
    expect(() => normalQuantile(1)).toThrow(/p must be in/);
    expect(() => normalQuantile(Number.NaN)).toThrow(/p must be in/);
  });
});

describe('helpers', () => {
  it('erfc matches published values', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(erfc(2.5)).toBeCloseTo(0.000406952017444959, 17);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 14);
  });

  it('median and sample stdev', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(sampleStdev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });
});
