import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIndicatorError } from '../errors.js';
import { RollingMinMax, rollingMinMax } from './rolling-min-max.js';
import { RollingZScore, rollingZScore } from './rolling-z-score.js';
import { zScoreWholeSeriesLookahead } from './whole-series.js';

/** Straightforward O(n * period) reference: population z-score of the window ending at i. */
function naiveZ(values: readonly number[], period: number): number[] {
  return values.map((x, i) => {
    if (i + 1 < period) return Number.NaN;
    const window = values.slice(i + 1 - period, i + 1);
    const mean = window.reduce((a, b) => a + b, 0) / period;
    const std = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / period);
    return std === 0 ? 0 : (x - mean) / std;
  });
}

function naiveMinMax(values: readonly number[], period: number): number[] {
  return values.map((x, i) => {
    if (i + 1 < period) return Number.NaN;
    const window = values.slice(i + 1 - period, i + 1);
    const min = Math.min(...window);
    const max = Math.max(...window);
    return max === min ? 0.5 : (x - min) / (max - min);
  });
}

// Prices and indicator values: cents between -10,000 and 10,000 (no subnormal magnitudes, where any
// variance formula underflows to 0).
const finiteSeries = fc.array(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => cents / 100),
  {
    minLength: 1,
    maxLength: 200,
  },
);

describe('rollingZScore', () => {
  it('computes the population z-score of the trailing window', () => {
    const out = rollingZScore([1, 2, 3, 4, 10], 3);
    expect(Number.isNaN(out[0])).toBe(true);
    expect(Number.isNaN(out[1])).toBe(true);
    expect(out[2]).toBeCloseTo(1 / Math.sqrt(2 / 3), 14);
    expect(out[3]).toBeCloseTo(1 / Math.sqrt(2 / 3), 14);
    // window [3, 4, 10]: mean 17/3, population variance ((3-17/3)^2 + (4-17/3)^2 + (10-17/3)^2) / 3
    const mean = 17 / 3;
    const std = Math.sqrt(((3 - mean) ** 2 + (4 - mean) ** 2 + (10 - mean) ** 2) / 3);
    expect(out[4]).toBeCloseTo((10 - mean) / std, 12);
  });

  it('matches a naive recomputation on random data', () => {
    fc.assert(
      fc.property(finiteSeries, fc.integer({ min: 2, max: 30 }), (values, period) => {
        const fast = rollingZScore(values, period);
        const slow = naiveZ(values, period);
        for (let i = 0; i < values.length; i++) {
          const expected = slow[i] ?? Number.NaN;
          const actual = fast[i] ?? Number.NaN;
          if (Number.isNaN(expected)) expect(Number.isNaN(actual)).toBe(true);
          else expect(Math.abs(actual - expected)).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected)));
        }
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('is causal: changing future values never changes earlier outputs', () => {
    fc.assert(
      fc.property(finiteSeries, finiteSeries, fc.integer({ min: 2, max: 20 }), (past, future, period) => {
        const cut = past.length;
        const a = rollingZScore([...past, ...future], period);
        const b = rollingZScore([...past, ...future.map((x) => x * -3 + 7)], period);
        expect(Array.from(a.subarray(0, cut))).toEqual(Array.from(b.subarray(0, cut)));
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('returns exactly 0 once a different value has slid out of an otherwise flat window', () => {
    // The running sums keep rounding residue after the slide; without the exact recompute this gave -2.25e-8.
    const z = rollingZScore([8932.86, 5786.13, 5786.13, 5786.13, 5786.13], 4);
    expect(z[3]).toBeCloseTo(-1 / Math.sqrt(3), 12); // one value 3 spreads above three equal ones
    expect(z[4]).toBe(0);
    expect(rollingZScore([-2595.27, 3174.22, 3174.22, 3174.22], 3)[3]).toBe(0);
  });

  it('restarts the window after a NaN and returns 0 for a flat window', () => {
    const out = rollingZScore([1, 2, Number.NaN, 5, 5, 5, 6], 3);
    expect(Array.from(out.subarray(0, 5)).every(Number.isNaN)).toBe(true);
    expect(out[5]).toBe(0);
    expect(out[6]).toBeCloseTo((6 - 16 / 3) / Math.sqrt((2 * (5 - 16 / 3) ** 2 + (6 - 16 / 3) ** 2) / 3), 12);
  });

  it('streams the same bits as the batch function, including across exact recomputations', () => {
    const values = Array.from({ length: 500 }, (_, i) => 30_000 + 1000 * Math.sin(i / 7) + (i % 13));
    const batch = rollingZScore(values, 20);
    const stream = new RollingZScore(20);
    values.forEach((x, i) => {
      const z = stream.update(x);
      expect(z === null ? Number.NaN : z).toBe(batch[i]);
    });
    expect(stream.isStable).toBe(true);
    expect(stream.value).toBe(batch[499]);
  });

  it('rejects a period below 2 with a typed error', () => {
    expect(() => rollingZScore([1, 2, 3], 1)).toThrowError(/period must be an integer >= 2 \(got 1\)/);
    try {
      new RollingZScore(2.5);
      expect.unreachable('a fractional period must throw');
    } catch (error) {
      expect(isIndicatorError(error) && error.code).toBe('invalid_period');
    }
  });
});

describe('rollingMinMax', () => {
  it('scales into [0, 1] over the trailing window', () => {
    const out = rollingMinMax([10, 20, 15, 30, 30, 30], 3);
    expect(Array.from(out)).toEqual([Number.NaN, Number.NaN, 0.5, 1, 1, 0.5]);
  });

  it('matches a naive recomputation on random data', () => {
    fc.assert(
      fc.property(finiteSeries, fc.integer({ min: 1, max: 30 }), (values, period) => {
        expect(Array.from(rollingMinMax(values, period))).toEqual(naiveMinMax(values, period));
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('is causal: changing future values never changes earlier outputs', () => {
    fc.assert(
      fc.property(finiteSeries, finiteSeries, fc.integer({ min: 1, max: 20 }), (past, future, period) => {
        const cut = past.length;
        const a = rollingMinMax([...past, ...future], period);
        const b = rollingMinMax([...past, ...future.map((x) => 1e6 - x)], period);
        expect(Array.from(a.subarray(0, cut))).toEqual(Array.from(b.subarray(0, cut)));
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('streams the same values as the batch function and restarts after NaN', () => {
    const values = [3, 1, 4, 1, 5, Number.NaN, 9, 2, 6, 5, 3, 5];
    const batch = rollingMinMax(values, 3);
    const stream = new RollingMinMax(3);
    const streamed = values.map((x) => stream.update(x) ?? Number.NaN);
    expect(streamed).toEqual(Array.from(batch));
    expect(Array.from(batch.subarray(5, 8)).every(Number.isNaN)).toBe(true);
    expect(batch[8]).toBe((6 - 2) / (9 - 2));
  });

  it('rejects a period of 0', () => {
    expect(() => new RollingMinMax(0)).toThrowError(/period must be an integer >= 1 \(got 0\)/);
  });
});

describe('zScoreWholeSeriesLookahead', () => {
  it('uses the statistics of the whole column, so it is NOT causal', () => {
    const a = zScoreWholeSeriesLookahead([1, 2, 3]);
    const b = zScoreWholeSeriesLookahead([1, 2, 3, 100]);
    expect(a[0]).toBeCloseTo(-Math.sqrt(1.5), 14);
    expect(b[0]).not.toBeCloseTo(a[0] ?? 0, 3);
  });

  it('skips NaN in the statistics, keeps it in the output and maps a flat column to 0', () => {
    const out = zScoreWholeSeriesLookahead([Number.NaN, 1, 3]);
    expect(Array.from(out)).toEqual([Number.NaN, -1, 1]);
    expect(Array.from(zScoreWholeSeriesLookahead([0.1, 0.1, 0.1]))).toEqual([0, 0, 0]);
  });
});
