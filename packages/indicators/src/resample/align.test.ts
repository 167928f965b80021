import { describe, expect, it } from 'vitest';
import { btc1m } from '../../test/pipeline-fixtures.js';
import { isIndicatorError } from '../errors.js';
import { barAt, seriesFromColumns } from '../series/index.js';
import { alignToLowerTimeframe } from './align.js';
import { resample } from './resample.js';
import { StreamingResampler } from './streaming-resampler.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('alignToLowerTimeframe', () => {
  it('shows an hourly value to 5m bars only from the bar that closes with the hour', () => {
    const lowerTimestamps = Array.from({ length: 36 }, (_, i) => i * 5 * MINUTE);
    const aligned = alignToLowerTimeframe({
      values: [1, 2, 3],
      higherTimestamps: [0, HOUR, 2 * HOUR],
      higherTimeframe: '1h',
      lowerTimestamps,
      lowerTimeframe: '5m',
    });
    expect(Array.from(aligned.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(aligned[11]).toBe(1); // 00:55 bar closes at 01:00 together with the 00:00 hour
    expect(aligned[22]).toBe(1); // 01:50 bar closes at 01:55: the 01:00 hour is still open
    expect(aligned[23]).toBe(2);
    expect(aligned[34]).toBe(2); // 02:50 bar closes at 02:55
    expect(aligned[35]).toBe(3); // 02:55 bar closes at 03:00 together with the 02:00 hour
  });

  it('carries the last closed value across a gap of the higher series', () => {
    const aligned = alignToLowerTimeframe({
      values: [7, 9],
      higherTimestamps: [0, 3 * HOUR],
      higherTimeframe: HOUR,
      lowerTimestamps: [HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR],
      lowerTimeframe: HOUR,
    });
    expect(Array.from(aligned)).toEqual([7, 7, 9, 9]);
  });

  it('has no look-ahead on real data: equals what a live resampler knew when each 1m bar closed', () => {
    const minutes = btc1m();
    const hourly = resample(minutes, { from: '1m', to: '1h' }).series;
    const aligned = alignToLowerTimeframe({
      values: hourly.close,
      higherTimestamps: hourly.timestamp,
      higherTimeframe: '1h',
      lowerTimestamps: minutes.timestamp,
      lowerTimeframe: '1m',
    });
    const live = new StreamingResampler({ from: '1m', to: '1h' });
    let lastClosedHour = Number.NaN;
    for (let i = 0; i < minutes.length; i++) {
      const bar = barAt(minutes, i);
      const emitted = live.update(bar);
      if (emitted !== null) lastClosedHour = emitted.close;
      const atClose = live.close(bar.timestamp + MINUTE);
      if (atClose !== null) lastClosedHour = atClose.close;
      expect(aligned[i], `1m bar ${i}`).toBe(lastClosedHour);
    }
  });

  it('does not change earlier values when later lower-timeframe bars change', () => {
    const minutes = btc1m();
    const cut = 700;
    const shocked = seriesFromColumns({
      timestamp: minutes.timestamp,
      open: minutes.open.map((x, i) => (i >= cut ? x * 2 : x)),
      high: minutes.high.map((x, i) => (i >= cut ? x * 2 : x)),
      low: minutes.low.map((x, i) => (i >= cut ? x * 2 : x)),
      close: minutes.close.map((x, i) => (i >= cut ? x * 2 : x)),
      volume: minutes.volume,
    });
    const alignedClose = (series: typeof minutes) => {
      const hourly = resample(series, { from: '1m', to: '1h' }).series;
      return alignToLowerTimeframe({
        values: hourly.high,
        higherTimestamps: hourly.timestamp,
        higherTimeframe: '1h',
        lowerTimestamps: series.timestamp,
        lowerTimeframe: '1m',
      });
    };
    const a = alignedClose(minutes);
    const b = alignedClose(shocked);
    expect(Array.from(a.subarray(0, cut))).toEqual(Array.from(b.subarray(0, cut)));
    expect(Array.from(a.subarray(cut))).not.toEqual(Array.from(b.subarray(cut)));
  });

  it('rejects mismatched lengths and unordered lower timestamps', () => {
    const base = { higherTimeframe: '1h', lowerTimeframe: '5m', lowerTimestamps: [0, 300_000] };
    try {
      alignToLowerTimeframe({ ...base, values: [1, 2], higherTimestamps: [0] });
      expect.unreachable('mismatched lengths must throw');
    } catch (error) {
      expect(isIndicatorError(error) && error.code).toBe('length_mismatch');
    }
    expect(() =>
      alignToLowerTimeframe({ ...base, values: [1], higherTimestamps: [0], lowerTimestamps: [300_000, 0] }),
    ).toThrowError(/lowerTimestamps\[1\] must be after lowerTimestamps\[0\]/);
  });
});
