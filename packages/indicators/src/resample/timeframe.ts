import { InvalidParameterError, InvalidSeriesError } from '../errors.js';
import { parseTimeframe } from '../series/index.js';

/**
 * A bar duration: milliseconds, or a timeframe string understood by `parseTimeframe` (`'1m'`, `'5m'`,
 * `'1h'`, `'4h'`, `'1d'`, ...; any `<count><s|m|h|d|w>`).
 */
export type TimeframeInput = number | string;

/**
 * Converts a {@link TimeframeInput} to a positive integer number of milliseconds.
 *
 * @internal
 */
export function timeframeMs(field: string, timeframe: TimeframeInput): number {
  const ms = typeof timeframe === 'string' ? parseTimeframe(timeframe) : timeframe;
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new InvalidSeriesError(
      'invalid_timeframe',
      -1,
      field,
      `${field} must be a positive integer of milliseconds or a timeframe string (got ${String(timeframe)})`,
    );
  }
  return ms;
}

/**
 * Start of the epoch-aligned bucket of length `bucketMs` (shifted by `offsetMs`) containing `time`.
 *
 * @internal
 */
export function bucketStart(time: number, bucketMs: number, offsetMs: number): number {
  return Math.floor((time - offsetMs) / bucketMs) * bucketMs + offsetMs;
}

/**
 * Validated source/target durations of a resampling.
 *
 * @internal
 */
export interface ResamplePlan {
  readonly sourceMs: number;
  readonly targetMs: number;
  readonly offsetMs: number;
  /** Source bars in a complete bucket. */
  readonly perBucket: number;
}

/**
 * Checks that the target is a whole multiple of the source timeframe.
 *
 * @internal
 */
export function resamplePlan(
  from: TimeframeInput,
  to: TimeframeInput,
  offset: number | undefined,
): ResamplePlan {
  const sourceMs = timeframeMs('from', from);
  const targetMs = timeframeMs('to', to);
  if (targetMs % sourceMs !== 0) {
    throw new InvalidSeriesError(
      'invalid_timeframe',
      -1,
      'to',
      `to (${String(to)} = ${targetMs} ms) must be a whole multiple of from (${String(from)} = ${sourceMs} ms)`,
    );
  }
  const offsetMs = offset ?? 0;
  if (!Number.isInteger(offsetMs)) {
    throw new InvalidParameterError(
      'invalid_option',
      'offset',
      `offset must be an integer of milliseconds (got ${String(offset)})`,
    );
  }
  return { sourceMs, targetMs, offsetMs, perBucket: targetMs / sourceMs };
}

/**
 * Throws unless a source bar starts on the source timeframe grid (so it lies inside exactly one bucket).
 *
 * @internal
 */
export function checkAligned(time: number, plan: ResamplePlan, row: number): void {
  if (bucketStart(time, plan.sourceMs, plan.offsetMs) !== time) {
    throw new InvalidSeriesError(
      'invalid_series',
      row,
      'timestamp',
      `${row < 0 ? 'bar' : `bar ${row}`}: timestamp ${time} (${new Date(time).toISOString()}) is not on the ${plan.sourceMs} ms grid of the source timeframe`,
    );
  }
}
