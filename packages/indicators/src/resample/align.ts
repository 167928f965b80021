import { InvalidInputError, InvalidSeriesError } from '../errors.js';
import { type TimeframeInput, timeframeMs } from './timeframe.js';

/** Input of {@link alignToLowerTimeframe}. */
export interface AlignOptions {
  /** A column computed on the higher timeframe (one value per higher bar). */
  readonly values: ArrayLike<number>;
  /** Open times of the higher-timeframe bars, ascending. */
  readonly higherTimestamps: ArrayLike<number>;
  /** Higher timeframe (`'1h'` or `3_600_000`). */
  readonly higherTimeframe: TimeframeInput;
  /** Open times of the lower-timeframe bars, ascending. */
  readonly lowerTimestamps: ArrayLike<number>;
  /** Lower timeframe (`'5m'` or `300_000`). */
  readonly lowerTimeframe: TimeframeInput;
}

/**
 * Maps a higher-timeframe column onto lower-timeframe bars without look-ahead.
 *
 * A bar's values are known only when it closes (open time + timeframe). Lower bar `i`, known at
 * `lowerTimestamps[i] + lowerTimeframe`, receives the value of the latest higher bar `j` with
 * `higherTimestamps[j] + higherTimeframe <= lowerTimestamps[i] + lowerTimeframe`, or NaN if none has closed
 * yet. So the 10:00 hourly value reaches the 10:55 five-minute bar (both close at 11:00) but not the 10:50
 * one. After a gap in the higher series the last closed value is carried.
 *
 * @param options - the higher column with its timestamps and timeframe, and the lower timestamps and timeframe
 * @returns a column with one value per lower bar
 * @example
 * ```ts
 * import { alignToLowerTimeframe } from '@rrr/indicators';
 *
 * const hour = 3_600_000;
 * const fiveMinutes = 300_000;
 * const lowerTimestamps = Array.from({ length: 24 }, (_, i) => i * fiveMinutes); // 00:00 .. 01:55
 * const aligned = alignToLowerTimeframe({
 *   values: [1, 2],
 *   higherTimestamps: [0, hour],
 *   higherTimeframe: '1h',
 *   lowerTimestamps,
 *   lowerTimeframe: '5m',
 * });
 * // aligned[0..10] = NaN, aligned[11..22] = 1 (the 00:00 hour is known at 01:00), aligned[23] = 2
 * ```
 */
export function alignToLowerTimeframe(options: AlignOptions): Float64Array {
  const { values, higherTimestamps, lowerTimestamps } = options;
  const higherMs = timeframeMs('higherTimeframe', options.higherTimeframe);
  const lowerMs = timeframeMs('lowerTimeframe', options.lowerTimeframe);
  if (values.length !== higherTimestamps.length) {
    throw new InvalidInputError(
      'length_mismatch',
      'values',
      `values.length (${values.length}) must equal higherTimestamps.length (${higherTimestamps.length})`,
    );
  }
  const n = lowerTimestamps.length;
  const m = higherTimestamps.length;
  const out = new Float64Array(n);
  let j = -1;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const knownAt = (lowerTimestamps[i] ?? Number.NaN) + lowerMs;
    if (!(knownAt > previous)) {
      throw new InvalidSeriesError(
        'invalid_series',
        i,
        'lowerTimestamps',
        `lowerTimestamps[${i}] must be after lowerTimestamps[${i - 1}]`,
      );
    }
    previous = knownAt;
    while (j + 1 < m && (higherTimestamps[j + 1] ?? Number.POSITIVE_INFINITY) + higherMs <= knownAt) j += 1;
    out[i] = j < 0 ? Number.NaN : (values[j] ?? Number.NaN);
  }
  return out;
}
