import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barAt, seriesFromBars } from '../series/index.js';
import { resample } from './resample.js';
import { type ResampledBar, StreamingResampler } from './streaming-resampler.js';

const MINUTE = 60_000;

/** Random 1m bars on the minute grid with random gaps (minute offsets strictly increasing). */
const minuteBars = fc
  .uniqueArray(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 120 })
  .chain((minutes) =>
    fc.tuple(
      fc.constant([...minutes].sort((a, b) => a - b)),
      fc.array(
        fc.record({
          open: fc.integer({ min: 100, max: 200 }),
          close: fc.integer({ min: 100, max: 200 }),
          up: fc.integer({ min: 0, max: 10 }),
          down: fc.integer({ min: 0, max: 10 }),
          volume: fc.integer({ min: 0, max: 1000 }),
        }),
        { minLength: minutes.length, maxLength: minutes.length },
      ),
    ),
  )
  .map(([minutes, values]) =>
    minutes.map((minute, i) => {
      const v = values[i] ?? { open: 100, close: 100, up: 0, down: 0, volume: 0 };
      return {
        timestamp: 1_722_808_800_000 + minute * MINUTE,
        open: v.open,
        high: Math.max(v.open, v.close) + v.up,
        low: Math.min(v.open, v.close) - v.down,
        close: v.close,
        volume: v.volume,
      };
    }),
  );

describe('resample properties', () => {
  it('streaming equals batch, every source bar lands in exactly one bar, and no bar is invented', () => {
    fc.assert(
      fc.property(minuteBars, fc.constantFrom(2, 3, 5, 15, 60), (bars, multiple) => {
        const series = seriesFromBars(bars);
        const result = resample(series, { from: MINUTE, to: multiple * MINUTE });
        const streaming = new StreamingResampler({ from: MINUTE, to: multiple * MINUTE });
        const emitted: ResampledBar[] = [];
        for (const bar of bars) {
          const out = streaming.update(bar);
          if (out !== null) emitted.push(out);
        }
        const pending = streaming.pending;
        if (pending !== null) emitted.push(pending);
        expect(emitted.length).toBe(result.series.length);
        emitted.forEach((bar, i) => {
          expect(bar).toEqual({
            ...barAt(result.series, i),
            sourceBars: result.sourceBars[i],
            complete: result.complete[i] === 1,
          });
        });
        expect(Array.from(result.sourceBars).reduce((a, b) => a + b, 0)).toBe(bars.length);
        const buckets = new Set(bars.map((bar) => Math.floor(bar.timestamp / (multiple * MINUTE))));
        expect(result.series.length).toBe(buckets.size);
        const last = bars.at(-1)?.timestamp ?? 0;
        expect(result.lastPartial).toBe((last + MINUTE) % (multiple * MINUTE) !== 0);
      }),
      { numRuns: 150, seed: 1 },
    );
  });
});
