import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIndicatorError } from '../../src/errors.js';
import { SMA } from '../../src/indicators/index.js';
import type { OhlcvSeries } from '../../src/series/index.js';
import { seriesFromColumns } from '../../src/series/index.js';
import { loadSlice, SLICES } from '../helpers/fixtures.js';
import { checkContract } from './check-contract.js';
import { CONTRACT } from './registry.js';

/** A random but valid OHLCV series: a random walk with flat stretches, zero volumes and repeated extremes. */
const seriesArb = (minLength: number): fc.Arbitrary<OhlcvSeries> =>
  fc
    .array(
      fc.record({
        move: fc.oneof(fc.constant(0), fc.double({ min: -0.05, max: 0.05, noNaN: true })),
        up: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.03, noNaN: true })),
        down: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.03, noNaN: true })),
        volume: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e4, noNaN: true })),
        gapHours: fc.oneof(fc.constant(1), fc.constant(1), fc.constant(1), fc.integer({ min: 2, max: 30 })),
      }),
      { minLength, maxLength: minLength + 150 },
    )
    .map((rows) => {
      const n = rows.length;
      const cols = {
        timestamp: new Float64Array(n),
        open: new Float64Array(n),
        high: new Float64Array(n),
        low: new Float64Array(n),
        close: new Float64Array(n),
        volume: new Float64Array(n),
      };
      let price = 100;
      let t = Date.UTC(2024, 0, 31, 20);
      rows.forEach((r, i) => {
        const open = price;
        const close = Math.max(0.01, open * (1 + r.move));
        cols.timestamp[i] = t;
        cols.open[i] = open;
        cols.close[i] = close;
        cols.high[i] = Math.max(open, close) * (1 + r.up);
        cols.low[i] = Math.min(open, close) * (1 - r.down);
        cols.volume[i] = r.volume;
        price = close;
        t += r.gapHours * 3_600_000;
      });
      return seriesFromColumns(cols);
    });

describe.each(SLICES)('streaming equals batch bit for bit on real data: %s', (slice) => {
  const series = loadSlice(slice);
  it.each(CONTRACT.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
    checkContract(entry, series);
  });
});

describe('streaming equals batch bit for bit on random series (fast-check)', () => {
  it.each(CONTRACT.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
    fc.assert(
      fc.property(seriesArb(90), (series) => {
        checkContract(entry, series);
      }),
      { numRuns: 15, seed: 20240131 },
    );
  });
});

describe('replace()', () => {
  it('before any update is an error with code nothing_to_replace', () => {
    const sma = new SMA(3);
    try {
      sma.replace(1);
      expect.fail('replace() before update() must throw');
    } catch (error) {
      expect(isIndicatorError(error) && error.code).toBe('nothing_to_replace');
    }
  });

  it('changes only the last input: the window keeps the earlier ones', () => {
    const sma = new SMA(3);
    sma.update(1);
    sma.update(2);
    expect(sma.update(3)).toBe(2);
    expect(sma.replace(6)).toBe(3);
    expect(sma.replace(9)).toBe(4);
    expect(sma.update(12)).toBe((2 + 9 + 12) / 3);
    expect(sma.count).toBe(4);
  });
});
