import { describe, expect, it } from 'vitest';
import { btc1h, btc1m } from '../../test/pipeline-fixtures.js';
import { isIndicatorError } from '../errors.js';
import type { OhlcvSeries } from '../series/index.js';
import { barAt } from '../series/index.js';
import { resample } from './resample.js';
import { type ResampledBar, StreamingResampler } from './streaming-resampler.js';

const MINUTE = 60_000;

function stream(
  series: OhlcvSeries,
  from: string,
  to: string,
): { emitted: ResampledBar[]; pending: ResampledBar | null } {
  const resampler = new StreamingResampler({ from, to });
  const emitted: ResampledBar[] = [];
  for (let i = 0; i < series.length; i++) {
    const bar = resampler.update(barAt(series, i));
    if (bar !== null) emitted.push(bar);
  }
  return { emitted, pending: resampler.pending };
}

function batchBars(series: OhlcvSeries, from: string, to: string): ResampledBar[] {
  const result = resample(series, { from, to });
  return Array.from(result.series.timestamp, (_, i) => ({
    ...barAt(result.series, i),
    sourceBars: result.sourceBars[i] ?? 0,
    complete: result.complete[i] === 1,
  }));
}

describe('StreamingResampler', () => {
  it('emits exactly the batch bars on real 1m data; the open bucket stays pending', () => {
    for (const to of ['5m', '15m', '1h', '4h']) {
      const { emitted, pending } = stream(btc1m(), '1m', to);
      const batch = batchBars(btc1m(), '1m', to);
      expect([...emitted, pending]).toEqual(batch);
    }
  });

  it('skips empty buckets across real exchange outages instead of inventing bars', () => {
    const { emitted, pending } = stream(btc1h(), '1h', '1d');
    expect([...emitted, pending]).toEqual(batchBars(btc1h(), '1h', '1d'));
    const outage = emitted.find((bar) => bar.timestamp === Date.UTC(2018, 1, 8));
    expect(outage?.sourceBars).toBe(1);
    expect(outage?.complete).toBe(false);
  });

  it('emits a bucket only once it has closed', () => {
    const resampler = new StreamingResampler({ from: '1m', to: '5m' });
    const bar = (minute: number, price: number) => ({
      timestamp: minute * MINUTE,
      open: price,
      high: price + 1,
      low: price - 1,
      close: price,
      volume: 1,
    });
    expect(resampler.update(bar(0, 10))).toBeNull();
    expect(resampler.update(bar(4, 12))).toBeNull();
    expect(resampler.close(5 * MINUTE - 1)).toBeNull();
    expect(resampler.pending?.close).toBe(12);
    // the 00:07 bar opens a later bucket: the 00:00 bucket is complete in time, so it is emitted
    expect(resampler.update(bar(7, 20))).toEqual({
      timestamp: 0,
      open: 10,
      high: 13,
      low: 9,
      close: 12,
      volume: 2,
      sourceBars: 2,
      complete: false,
    });
    expect(resampler.close(10 * MINUTE)?.timestamp).toBe(5 * MINUTE);
    expect(resampler.pending).toBeNull();
    expect(resampler.close(20 * MINUTE)).toBeNull();
    expect(resampler.timeframeMs).toBe(5 * MINUTE);
  });

  it('rejects bars out of order or off the source grid', () => {
    const resampler = new StreamingResampler({ from: '1m', to: '5m' });
    const bar = { timestamp: 2 * MINUTE, open: 1, high: 1, low: 1, close: 1, volume: 1 };
    resampler.update(bar);
    try {
      resampler.update(bar);
      expect.unreachable('a repeated timestamp must throw');
    } catch (error) {
      expect(isIndicatorError(error) && error.code).toBe('invalid_series');
    }
    expect(() => resampler.update({ ...bar, timestamp: 3 * MINUTE + 1 })).toThrowError(
      /not on the 60000 ms grid/,
    );
  });
});
