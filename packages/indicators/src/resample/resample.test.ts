import { describe, expect, it } from 'vitest';
import { btc1d, btc1h, btc1m, btc5m } from '../../test/pipeline-fixtures.js';
import { isIndicatorError } from '../errors.js';
import type { OhlcvSeries } from '../series/index.js';
import { seriesFromColumns } from '../series/index.js';
import { resample } from './resample.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function expectSameBars(actual: OhlcvSeries, expected: OhlcvSeries, volumeTolerance: number): void {
  expect(actual.length).toBe(expected.length);
  expect(Array.from(actual.timestamp)).toEqual(Array.from(expected.timestamp));
  expect(Array.from(actual.open)).toEqual(Array.from(expected.open));
  expect(Array.from(actual.high)).toEqual(Array.from(expected.high));
  expect(Array.from(actual.low)).toEqual(Array.from(expected.low));
  expect(Array.from(actual.close)).toEqual(Array.from(expected.close));
  for (let i = 0; i < expected.length; i++) {
    expect(
      Math.abs((actual.volume[i] ?? 0) - (expected.volume[i] ?? 0)),
      `volume of bar ${i}`,
    ).toBeLessThanOrEqual(volumeTolerance);
  }
}

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isIndicatorError(error) ? error.code : 'not an IndicatorError';
  }
  return undefined;
}

describe('resample on real data', () => {
  it('reproduces the independently downloaded Binance 5m bars from 1m bars', () => {
    const result = resample(btc1m(), { from: '1m', to: '5m' });
    const reference = btc5m();
    // The 1m slice ends at 02:02, three minutes into the 02:00 bucket: that last bar is flagged partial.
    expect(result.series.length).toBe(reference.length + 1);
    expect(result.lastPartial).toBe(true);
    expect(result.sourceBars[reference.length]).toBe(3);
    expect(result.complete[reference.length]).toBe(0);
    expect(result.series.timestamp[reference.length]).toBe(Date.UTC(2024, 7, 6, 2, 0));
    const closed = resample(btc1m(), { from: '1m', to: '5m', partialLast: 'drop' });
    expect(closed.lastPartial).toBe(false);
    expect(Array.from(closed.sourceBars).every((count) => count === 5)).toBe(true);
    expectSameBars(closed.series, reference, 1e-9);
  });

  it('reproduces the daily file derived from hourly bars, exchange outages included', () => {
    const result = resample(btc1h(), { from: '1h', to: '1d' });
    // Volumes of the daily file are rounded to 8 decimals.
    expectSameBars(result.series, btc1d(), 5.01e-9);
    expect(result.lastPartial).toBe(false);
    const counts = new Map(Array.from(result.series.timestamp, (t, i) => [t, result.sourceBars[i]]));
    expect(counts.get(Date.UTC(2018, 0, 4))).toBe(23);
    expect(counts.get(Date.UTC(2018, 1, 8))).toBe(1);
    expect(counts.get(Date.UTC(2018, 1, 9))).toBe(14);
    expect(counts.get(Date.UTC(2018, 1, 10))).toBe(24);
    expect(result.barsPerBucket).toBe(24);
  });

  it('leaves gaps as gaps and reports incomplete buckets inside them', () => {
    const result = resample(btc1h(), { from: '1h', to: '4h' });
    const times = Array.from(result.series.timestamp);
    const before = times.indexOf(Date.UTC(2018, 1, 8, 0));
    // Binance was down from 2018-02-08 01:00 to 2018-02-09 10:00: the next bucket with data is 08:00 on the 9th.
    expect(times[before + 1]).toBe(Date.UTC(2018, 1, 9, 8));
    expect(result.sourceBars[before]).toBe(1);
    expect(result.sourceBars[before + 1]).toBe(2);
    expect(result.complete[before]).toBe(0);
    expect(times.every((t, i) => i === 0 || t - (times[i - 1] ?? 0) >= 4 * HOUR)).toBe(true);
    const dropped = resample(btc1h(), { from: '1h', to: '4h', incomplete: 'drop' });
    expect(Array.from(dropped.sourceBars).every((count) => count === 4)).toBe(true);
    expect(dropped.series.length).toBe(result.series.length - 3); // 2018-01-04 00:00, 02-08 00:00, 02-09 08:00
  });

  it('gives the same hours whether 1m bars go to 1h directly or through 5m and 15m', () => {
    const direct = resample(btc1m(), { from: '1m', to: '1h', partialLast: 'drop' }).series;
    const five = resample(btc1m(), { from: '1m', to: '5m' }).series;
    const fifteen = resample(five, { from: '5m', to: '15m' }).series;
    const viaSteps = resample(fifteen, { from: 60_000 * 15, to: HOUR, partialLast: 'drop' }).series;
    expect(direct.length).toBe(28);
    expectSameBars(viaSteps, direct, 1e-9);
    const fourHours = resample(btc1m(), { from: '1m', to: '4h' });
    // 22:00 on the 4th is not a 4h boundary: the first bucket (20:00-24:00) holds 120 of 240 minutes.
    expect(fourHours.series.timestamp[0]).toBe(Date.UTC(2024, 7, 4, 20));
    expect(fourHours.sourceBars[0]).toBe(120);
    expect(fourHours.lastPartial).toBe(true);
  });
});

describe('resample rules', () => {
  const bars = seriesFromColumns({
    timestamp: [0, MINUTE, 2 * MINUTE, 5 * MINUTE, 9 * MINUTE, 10 * MINUTE],
    open: [10, 11, 12, 20, 30, 40],
    high: [11, 13, 12, 21, 31, 41],
    low: [9, 10, 11, 19, 29, 39],
    close: [11, 12, 11, 20, 30, 40],
    volume: [1, 2, 3, 4, 5, 6],
  });

  it('aggregates open first, high max, low min, close last, volume sum', () => {
    const { series, sourceBars, complete, lastPartial } = resample(bars, { from: '1m', to: '5m' });
    expect(Array.from(series.timestamp)).toEqual([0, 5 * MINUTE, 10 * MINUTE]);
    expect(Array.from(series.open)).toEqual([10, 20, 40]);
    expect(Array.from(series.high)).toEqual([13, 31, 41]);
    expect(Array.from(series.low)).toEqual([9, 19, 39]);
    expect(Array.from(series.close)).toEqual([11, 30, 40]);
    expect(Array.from(series.volume)).toEqual([6, 9, 6]);
    expect(Array.from(sourceBars)).toEqual([3, 2, 1]);
    expect(Array.from(complete)).toEqual([0, 0, 0]);
    expect(lastPartial).toBe(true);
  });

  it('treats a last bucket whose final source bar has closed as closed', () => {
    const closedLast = seriesFromColumns({
      timestamp: [5 * MINUTE, 9 * MINUTE],
      open: [1, 2],
      high: [1, 2],
      low: [1, 2],
      close: [1, 2],
      volume: [1, 1],
    });
    expect(resample(closedLast, { from: '1m', to: '5m' }).lastPartial).toBe(false);
  });

  it('shifts the grid with offset', () => {
    const { series } = resample(bars, { from: '1m', to: '5m', offset: 2 * MINUTE });
    expect(Array.from(series.timestamp)).toEqual([-3 * MINUTE, 2 * MINUTE, 7 * MINUTE]);
    expect(Array.from(series.volume)).toEqual([3, 7, 11]);
  });

  it('rejects a target that is not a multiple of the source, and bars off the source grid', () => {
    expect(errorCode(() => resample(bars, { from: '2m', to: '5m' }))).toBe('invalid_timeframe');
    expect(() => resample(bars, { from: '2m', to: '5m' })).toThrowError(/must be a whole multiple of from/);
    expect(errorCode(() => resample(bars, { from: 0, to: '5m' }))).toBe('invalid_timeframe');
    const offGrid = seriesFromColumns({
      timestamp: [0, 90_000],
      open: [1, 1],
      high: [1, 1],
      low: [1, 1],
      close: [1, 1],
      volume: [1, 1],
    });
    expect(errorCode(() => resample(offGrid, { from: '1m', to: '5m' }))).toBe('invalid_series');
    expect(() => resample(offGrid, { from: '1m', to: '5m' })).toThrowError(/bar 1: timestamp 90000/);
    expect(errorCode(() => resample(bars, { from: '1m', to: '5m', partialLast: 'skip' as 'drop' }))).toBe(
      'invalid_option',
    );
  });
});
