import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  HLC_NAMES,
  nanArray,
  nonFinite,
} from '../_internal/validate.js';
import type { HighLowClose } from '../types.js';

/** @internal True range against the previous close, compared in TA-Lib's order. */
export function trueRange(high: number, low: number, prevClose: number): number {
  let greatest = high - low;
  const v2 = Math.abs(prevClose - high);
  if (v2 > greatest) greatest = v2;
  const v3 = Math.abs(prevClose - low);
  if (v3 > greatest) greatest = v3;
  return greatest;
}

/** @internal TA-Lib ATR into `out`; first value at index `period`. */
export function atrInto(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  n: number,
  period: number,
  out: Float64Array,
  fn: string,
): void {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  if (period >= n) return;
  let sum = 0;
  for (let i = 1; i <= period; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const pc = close[i - 1] as number;
    finite += h - h + (l - l) + (pc - pc);
    sum += trueRange(h, l, pc);
  }
  let prev = sum / period;
  out[period] = prev;
  const p1 = period - 1;
  for (let i = period + 1; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const pc = close[i - 1] as number;
    finite += h - h + (l - l) + (pc - pc);
    prev *= p1;
    prev += trueRange(h, l, pc);
    prev /= period;
    out[i] = prev;
  }
  // the values the loops above do not read
  const h0 = high[0] as number;
  const l0 = low[0] as number;
  const cn = close[n - 1] as number;
  if (h0 - h0 + (l0 - l0) + (cn - cn) !== 0) nonFinite(fn, HLC_NAMES, [high, low, close]);
  if (finite !== 0) nonFinite(fn, HLC_NAMES, [high, low, close]);
}

/** @internal Streaming core of TA-Lib ATR (NaN while warming up). */
export class AtrCore {
  readonly period: number;
  n = 0;
  private prevClose = 0;
  private acc = 0;
  private nextAcc = 0;
  private lastClose = 0;

  constructor(period: number) {
    this.period = period;
  }

  peek(high: number, low: number, close: number): number {
    const n = this.n;
    const p = this.period;
    this.lastClose = close;
    if (n === 0) return Number.NaN;
    const tr = trueRange(high, low, this.prevClose);
    if (n < p) {
      this.nextAcc = this.acc + tr;
      return Number.NaN;
    }
    if (n === p) {
      this.nextAcc = (this.acc + tr) / p;
      return this.nextAcc;
    }
    let prev = this.acc * (p - 1);
    prev += tr;
    prev /= p;
    this.nextAcc = prev;
    return prev;
  }

  commit(): void {
    if (this.n > 0) this.acc = this.nextAcc;
    this.prevClose = this.lastClose;
    this.n++;
  }
}

/**
 * Average true range (Wilder): true range `TR = max(high - low, |high - prevClose|, |low - prevClose|)`
 * from the second bar on; `ATR[p] = mean(TR[1..p])`, then Wilder smoothing
 * `ATR[t] = (ATR[t-1] * (p - 1) + TR[t]) / p`.
 *
 * TA-Lib `ATR` exact. Warm-up: first value at index `period` (the first bar has no previous close).
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param close - bar closes
 * @param period - integer >= 1 (default 14)
 * @returns a Float64Array of the input's length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { atr } from '@rrr/indicators';
 *
 * atr([10, 12, 13], [8, 9, 11], [9, 11, 12], 2); // Float64Array [NaN, NaN, 2.5]
 * ```
 */
export function atr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): Float64Array {
  checkPeriod('atr', 'period', period);
  const n = checkShapes('atr', HLC_NAMES, [high, low, close], 'close', period);
  const out = nanArray(n, period);
  atrInto(high, low, close, n, period, out, 'atr');
  return out;
}

/**
 * Streaming {@link atr}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { ATR } from '@rrr/indicators';
 *
 * const ind = new ATR(2);
 * ind.update({ high: 10, low: 8, close: 9 });
 * ind.update({ high: 12, low: 9, close: 11 });
 * console.log(ind.update({ high: 13, low: 11, close: 12 })); // 2.5
 * ```
 */
export class ATR extends StreamingIndicator<HighLowClose, number> {
  /** Inputs before the first value: `period`. */
  readonly warmup: number;
  private readonly core: AtrCore;

  /** @param period - integer >= 1 (default 14) */
  constructor(period = 14) {
    super();
    checkPeriod('ATR', 'period', period);
    this.core = new AtrCore(period);
    this.warmup = period;
  }

  protected compute(bar: HighLowClose): number | null {
    checkFiniteValue('ATR', 'high', bar.high);
    checkFiniteValue('ATR', 'low', bar.low);
    checkFiniteValue('ATR', 'close', bar.close);
    const v = this.core.peek(bar.high, bar.low, bar.close);
    return !Number.isNaN(v) ? v : null;
  }

  protected commit(): void {
    this.core.commit();
  }
}
