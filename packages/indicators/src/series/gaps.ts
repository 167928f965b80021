import { InvalidSeriesError } from '../errors.js';
import type { OhlcvSeries } from './types.js';

/** A run of missing bars between two consecutive rows of a series. */
export interface Gap {
  /** Row index of the bar right after the gap. */
  readonly index: number;
  /** Open time of the first missing bar (previous bar's open time + timeframe). */
  readonly from: number;
  /** Open time of the bar after the gap (`series.timestamp[index]`). */
  readonly to: number;
  /** Number of grid bars missing: open times `previous + k * timeframe` (k >= 1) strictly before `to`. */
  readonly missing: number;
}

/**
 * Finds the gaps of a series against its timeframe: every pair of consecutive bars more than one timeframe
 * apart. Bars less than one timeframe apart are not reported (they are off-grid, not missing).
 *
 * @param series - the series
 * @param timeframeMs - bar length in ms (e.g. `parseTimeframe('1h')`)
 * @returns the gaps in time order (empty when there is none)
 * @throws InvalidSeriesError `invalid_timeframe` when `timeframeMs` is not a positive integer
 *
 * @example
 * ```ts
 * import { findGaps, seriesFromColumns } from '@rrr/indicators';
 *
 * const one = [1, 1, 1];
 * const series = seriesFromColumns({ timestamp: [0, 60_000, 240_000], open: one, high: one, low: one, close: one, volume: one });
 * findGaps(series, 60_000); // [{ index: 2, from: 120000, to: 240000, missing: 2 }]
 * ```
 */
export function findGaps(series: OhlcvSeries, timeframeMs: number): Gap[] {
  if (!Number.isInteger(timeframeMs) || timeframeMs <= 0) {
    throw new InvalidSeriesError(
      'invalid_timeframe',
      -1,
      'timeframeMs',
      `findGaps: timeframeMs must be a positive integer (got ${String(timeframeMs)})`,
    );
  }
  const t = series.timestamp;
  const gaps: Gap[] = [];
  for (let i = 1; i < series.length; i++) {
    const prev = t[i - 1] as number;
    const cur = t[i] as number;
    const delta = cur - prev;
    if (delta > timeframeMs) {
      const missing = Math.floor(delta / timeframeMs) - (delta % timeframeMs === 0 ? 1 : 0);
      gaps.push({ index: i, from: prev + timeframeMs, to: cur, missing });
    }
  }
  return gaps;
}
