import { InvalidParameterError } from '../../errors.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import { checkFiniteValue, checkShapes, nanArray, nonFinite } from '../_internal/validate.js';
import type { TimedHighLowCloseVolume } from '../types.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday: Monday-aligned weeks start 4 days after the epoch. */
const MONDAY_OFFSET_MS = 4 * DAY_MS;

const VWAP_COLUMNS = ['timestamp', 'high', 'low', 'close', 'volume'];

/** Session anchors accepted by {@link vwap}. */
export const VWAP_ANCHORS = {
  /** A new session each UTC day (shifted by `offsetMs`). */
  day: 'day',
  /** A new session each week, Monday 00:00 UTC (shifted by `offsetMs`). */
  week: 'week',
  /** A new session each calendar month, UTC (shifted by `offsetMs`). */
  month: 'month',
  /** One session over the whole input (cumulative VWAP). */
  none: 'none',
} as const;

/** One of the values of {@link VWAP_ANCHORS}. */
export type VwapAnchor = (typeof VWAP_ANCHORS)[keyof typeof VWAP_ANCHORS];

/** Options of {@link vwap} and {@link VWAP}. */
export interface VwapOptions {
  /** When the sums restart (default `'day'`). */
  readonly anchor?: VwapAnchor;
  /** Session start relative to UTC midnight / Monday / month start, in ms (default 0); e.g. `13.5 * 3_600_000` for a 13:30 UTC open. */
  readonly offsetMs?: number;
}

function resolve(fn: string, o: VwapOptions): { anchor: VwapAnchor; offset: number } {
  const anchor = o.anchor ?? 'day';
  if (!Object.hasOwn(VWAP_ANCHORS, anchor)) {
    throw new InvalidParameterError(
      'invalid_option',
      'anchor',
      `${fn}: anchor must be day, week, month or none (got ${String(anchor)})`,
    );
  }
  const offset = o.offsetMs ?? 0;
  if (!Number.isInteger(offset)) {
    throw new InvalidParameterError(
      'invalid_option',
      'offsetMs',
      `${fn}: offsetMs must be an integer (got ${String(offset)})`,
    );
  }
  return { anchor, offset };
}

/**
 * @internal Start (inclusive) and end (exclusive) of the session holding bar open time `t`, written into
 * `bounds`.
 */
function sessionBounds(anchor: VwapAnchor, offset: number, t: number, bounds: Float64Array): void {
  const s = t - offset;
  if (anchor === 'day' || anchor === 'week') {
    const len = anchor === 'day' ? DAY_MS : WEEK_MS;
    const base = anchor === 'day' ? 0 : MONDAY_OFFSET_MS;
    const start = Math.floor((s - base) / len) * len + base + offset;
    bounds[0] = start;
    bounds[1] = start + len;
  } else if (anchor === 'month') {
    const d = new Date(s);
    bounds[0] = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) + offset;
    bounds[1] = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) + offset;
  } else {
    bounds[0] = Number.NEGATIVE_INFINITY;
    bounds[1] = Number.POSITIVE_INFINITY;
  }
}

/**
 * Session-anchored volume-weighted average price: within each session,
 * `VWAP = sum(tp * volume) / sum(volume)` with `tp = (high + low + close) / 3`, restarting at the first bar
 * of each session. A bar belongs to the session of its open time (`timestamp`, ms UTC). While the session's
 * volume is still 0 the VWAP is that bar's typical price.
 *
 * Not in TA-Lib. Convention: typical-price VWAP anchored at the session start, as TradingView's
 * `ta.vwap` (anchor "Session"/"Week"/"Month"); with `anchor: 'none'` it is the cumulative VWAP of
 * technicalindicators' `VWAP`, which the tests cross-check. Warm-up: none, first value at index 0.
 *
 * @param timestamp - bar open times, ms since the epoch
 * @param high - bar highs
 * @param low - bar lows
 * @param close - bar closes
 * @param volume - bar volumes
 * @param options - `{ anchor = 'day', offsetMs = 0 }`
 * @returns a Float64Array of the input's length
 * @throws IndicatorError `invalid_option`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { vwap } from '@rrr/indicators';
 *
 * const day = 86_400_000;
 * vwap([0, 3_600_000, day], [3, 6, 9], [1, 4, 7], [2, 5, 8], [1, 3, 1]); // Float64Array [2, 4.25, 8]
 * ```
 */
export function vwap(
  timestamp: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  options: VwapOptions = {},
): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  const { anchor, offset } = resolve('vwap', options);
  const columns = [timestamp, high, low, close, volume];
  const n = checkShapes('vwap', VWAP_COLUMNS, columns, 'close', 0);
  const out = nanArray(n, 0);
  const bounds = new Float64Array(2);
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let pv = 0;
  let vol = 0;
  for (let i = 0; i < n; i++) {
    const t = timestamp[i] as number;
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    const v = volume[i] as number;
    finite += t - t + (h - h) + (l - l) + (c - c) + (v - v);
    if (t >= end || t < start) {
      sessionBounds(anchor, offset, t, bounds);
      start = bounds[0] as number;
      end = bounds[1] as number;
      pv = 0;
      vol = 0;
    }
    const tp = (h + l + c) / 3;
    pv += tp * v;
    vol += v;
    out[i] = vol !== 0 ? pv / vol : tp;
  }
  if (finite !== 0) nonFinite('vwap', VWAP_COLUMNS, columns);
  return out;
}

/**
 * Streaming {@link vwap}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { VWAP } from '@rrr/indicators';
 *
 * const ind = new VWAP({ anchor: 'day' });
 * ind.update({ timestamp: 0, high: 3, low: 1, close: 2, volume: 1 });
 * console.log(ind.update({ timestamp: 3_600_000, high: 6, low: 4, close: 5, volume: 3 })); // 4.25
 * ```
 */
export class VWAP extends StreamingIndicator<TimedHighLowCloseVolume, number> {
  /** Inputs before the first value: 0. */
  readonly warmup = 0;
  private readonly anchor: VwapAnchor;
  private readonly offset: number;
  private readonly bounds = new Float64Array(2);
  private start = Number.POSITIVE_INFINITY;
  private end = Number.NEGATIVE_INFINITY;
  private nStart = Number.POSITIVE_INFINITY;
  private nEnd = Number.NEGATIVE_INFINITY;
  private pv = 0;
  private vol = 0;
  private nPv = 0;
  private nVol = 0;

  /** @param options - `{ anchor = 'day', offsetMs = 0 }` */
  constructor(options: VwapOptions = {}) {
    super();
    const { anchor, offset } = resolve('VWAP', options);
    this.anchor = anchor;
    this.offset = offset;
  }

  protected compute(bar: TimedHighLowCloseVolume): number {
    checkFiniteValue('VWAP', 'timestamp', bar.timestamp);
    checkFiniteValue('VWAP', 'high', bar.high);
    checkFiniteValue('VWAP', 'low', bar.low);
    checkFiniteValue('VWAP', 'close', bar.close);
    checkFiniteValue('VWAP', 'volume', bar.volume);
    const t = bar.timestamp;
    let pv = this.pv;
    let vol = this.vol;
    let start = this.start;
    let end = this.end;
    if (t >= end || t < start) {
      sessionBounds(this.anchor, this.offset, t, this.bounds);
      start = this.bounds[0] as number;
      end = this.bounds[1] as number;
      pv = 0;
      vol = 0;
    }
    this.nStart = start;
    this.nEnd = end;
    const tp = (bar.high + bar.low + bar.close) / 3;
    pv += tp * bar.volume;
    vol += bar.volume;
    this.nPv = pv;
    this.nVol = vol;
    return vol !== 0 ? pv / vol : tp;
  }

  protected commit(): void {
    this.start = this.nStart;
    this.end = this.nEnd;
    this.pv = this.nPv;
    this.vol = this.nVol;
  }
}
