import { InvalidParameterError } from '../errors.js';
import type { OhlcvSeries } from '../series/index.js';
import { seriesFromColumns } from '../series/index.js';
import { bucketStart, checkAligned, resamplePlan, type TimeframeInput } from './timeframe.js';

/** What to do with a bucket that is not complete. */
export const INCOMPLETE_BUCKET_POLICIES = ['keep', 'drop'] as const;
/** `'keep'` (default) or `'drop'`; see {@link ResampleOptions}. */
export type IncompleteBucketPolicy = (typeof INCOMPLETE_BUCKET_POLICIES)[number];

/** Options of {@link resample}. */
export interface ResampleOptions {
  /** Timeframe of the input bars (`'1m'` or `60_000`). Every input timestamp must lie on this grid. */
  readonly from: TimeframeInput;
  /** Target timeframe; must be a whole multiple of `from` (`'5m'`, `'15m'`, `'1h'`, `'4h'`, `'1d'`, ...). */
  readonly to: TimeframeInput;
  /**
   * Shift of the bucket grid in ms (default 0: buckets start at multiples of `to` since the Unix epoch, so
   * `'1d'` buckets start at 00:00 UTC). Example: weekly buckets starting Monday 00:00 UTC need
   * `offset: 4 * 86_400_000`, as 1970-01-01 was a Thursday.
   */
  readonly offset?: number;
  /**
   * The last bucket when the data ends before that bucket closes (its bar can still change):
   * `'keep'` (default, flagged by {@link ResampleResult.lastPartial}) or `'drop'`.
   */
  readonly partialLast?: IncompleteBucketPolicy;
  /**
   * A closed bucket with fewer source bars than `to / from` (a gap inside it, or data starting in its
   * middle): `'keep'` (default; aggregates the bars that exist, as exchanges do for days with an outage)
   * or `'drop'`. Either way the count is reported in {@link ResampleResult.sourceBars}.
   */
  readonly incomplete?: IncompleteBucketPolicy;
}

/** Output of {@link resample}. */
export interface ResampleResult {
  /** The aggregated bars, stamped with their bucket's open time. Empty buckets (gaps) have no bar. */
  readonly series: OhlcvSeries;
  /** Number of source bars aggregated into each output bar. */
  readonly sourceBars: Uint32Array;
  /** 1 where the bucket holds every expected source bar (`to / from` of them), else 0. */
  readonly complete: Uint8Array;
  /** Source bars a complete bucket holds (`to / from`). */
  readonly barsPerBucket: number;
  /**
   * True when the last output bar belongs to a bucket that had not closed when the data ended: its values
   * are provisional. Always false with `partialLast: 'drop'`.
   */
  readonly lastPartial: boolean;
}

const parsePolicy = (field: string, value: unknown): IncompleteBucketPolicy => {
  if (value === undefined) return 'keep';
  if (value === 'keep' || value === 'drop') return value;
  throw new InvalidParameterError(
    'invalid_option',
    field,
    `${field} must be "keep" or "drop" (got ${String(value)})`,
  );
};

/**
 * Aggregates bars into a higher timeframe on an epoch-aligned bucket grid: open = first open, high = max
 * high, low = min low, close = last close, volume = sum of volumes; the bar is stamped with the bucket's open
 * time.
 *
 * Gaps stay gaps: a bucket without source bars produces no bar (nothing is invented or forward-filled).
 * Buckets with missing source bars are kept (or dropped with `incomplete: 'drop'`) and reported through
 * `sourceBars` / `complete`; the last bucket is flagged `lastPartial` when the data ends before it closes,
 * i.e. when its last source bar closes before the bucket does.
 *
 * @param series - source bars, in time order, each on the `from` grid
 * @param options - source and target timeframes and the policies for incomplete buckets
 * @returns the resampled series with per-bar source counts
 * @example
 * ```ts
 * import { resample, seriesFromColumns } from '@rrr/indicators';
 *
 * const minute = 60_000;
 * const oneMinute = seriesFromColumns({
 *   timestamp: [0, minute, 2 * minute, 5 * minute],
 *   open: [10, 11, 12, 20],
 *   high: [11, 13, 12, 21],
 *   low: [9, 10, 11, 19],
 *   close: [11, 12, 11, 20],
 *   volume: [1, 2, 3, 4],
 * });
 * const { series, sourceBars, lastPartial } = resample(oneMinute, { from: '1m', to: '5m' });
 * // series.open = [10, 20], high = [13, 21], low = [9, 19], close = [11, 20], volume = [6, 4]
 * // sourceBars = [3, 1]; lastPartial = true (the 00:05 bucket closes at 00:10)
 * ```
 */
export function resample(series: OhlcvSeries, options: ResampleOptions): ResampleResult {
  const plan = resamplePlan(options.from, options.to, options.offset);
  const partialLast = parsePolicy('partialLast', options.partialLast);
  const incomplete = parsePolicy('incomplete', options.incomplete);
  const { timestamp, open, high, low, close, volume } = series;
  const n = series.length;

  const outTime: number[] = [];
  const outOpen: number[] = [];
  const outHigh: number[] = [];
  const outLow: number[] = [];
  const outClose: number[] = [];
  const outVolume: number[] = [];
  const counts: number[] = [];
  let lastPartial = false;

  let i = 0;
  while (i < n) {
    const first = timestamp[i] ?? 0;
    checkAligned(first, plan, i);
    const start = bucketStart(first, plan.targetMs, plan.offsetMs);
    const end = start + plan.targetMs;
    let h = high[i] ?? Number.NaN;
    let l = low[i] ?? Number.NaN;
    let v = volume[i] ?? Number.NaN;
    let j = i + 1;
    for (; j < n; j++) {
      const t = timestamp[j] ?? 0;
      if (t >= end) break;
      checkAligned(t, plan, j);
      const hj = high[j] ?? Number.NaN;
      const lj = low[j] ?? Number.NaN;
      if (hj > h) h = hj;
      if (lj < l) l = lj;
      v += volume[j] ?? Number.NaN;
    }
    const count = j - i;
    const lastTime = timestamp[j - 1] ?? 0;
    const isLast = j === n;
    const open_ = open[i] ?? Number.NaN;
    const close_ = close[j - 1] ?? Number.NaN;
    i = j;
    if (isLast && lastTime + plan.sourceMs < end) {
      if (partialLast === 'drop') break;
      lastPartial = true;
    } else if (count < plan.perBucket && incomplete === 'drop') {
      continue;
    }
    outTime.push(start);
    outOpen.push(open_);
    outHigh.push(h);
    outLow.push(l);
    outClose.push(close_);
    outVolume.push(v);
    counts.push(count);
  }

  const sourceBars = Uint32Array.from(counts);
  return {
    series: seriesFromColumns({
      timestamp: outTime,
      open: outOpen,
      high: outHigh,
      low: outLow,
      close: outClose,
      volume: outVolume,
    }),
    sourceBars,
    complete: Uint8Array.from(counts, (c) => (c === plan.perBucket ? 1 : 0)),
    barsPerBucket: plan.perBucket,
    lastPartial,
  };
}
