import { MaxDeque } from '../_internal/cores.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  HL_NAMES,
  nanArray,
  nonFinite,
} from '../_internal/validate.js';
import type { HighLow } from '../types.js';

/** Output of {@link aroon}: three columns of the input's length. */
export interface AroonResult {
  /** Aroon up, 0..100. */
  readonly up: Float64Array;
  /** Aroon down, 0..100. */
  readonly down: Float64Array;
  /** Aroon oscillator, up - down, -100..100. */
  readonly oscillator: Float64Array;
}

/** One streaming {@link Aroon} value. */
export interface AroonValue {
  /** Aroon up, 0..100. */
  readonly up: number;
  /** Aroon down, 0..100. */
  readonly down: number;
  /** Aroon oscillator, up - down. */
  readonly oscillator: number;
}

/**
 * Aroon (Chande): over the last `period + 1` bars, `up = 100 * (period - barsSinceHighestHigh) / period`,
 * `down = 100 * (period - barsSinceLowestLow) / period`, `oscillator = up - down` (computed as
 * `100 / period * (highIndex - lowIndex)`). On ties the most recent extreme counts.
 *
 * TA-Lib `AROON` and `AROONOSC` exact. Warm-up: first value at index `period`.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param period - integer >= 1 (default 14)
 * @returns `{ up, down, oscillator }`, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { aroon } from '@rrr/indicators';
 *
 * const { up, down, oscillator } = aroon([1, 3, 2], [0, 2, 1], 2);
 * console.log(up[2], down[2], oscillator[2]); // 50 0 50
 * ```
 */
export function aroon(high: ArrayLike<number>, low: ArrayLike<number>, period = 14): AroonResult {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('aroon', 'period', period);
  const columns = [high, low];
  const n = checkShapes('aroon', HL_NAMES, columns, 'high', period);
  const up = nanArray(n, period);
  const down = nanArray(n, period);
  const osc = nanArray(n, period);
  const factor = 100 / period;
  // TA-Lib's scheme: keep the index of each extreme, rescan the window only when it leaves
  let hi = -1;
  let hv = 0;
  let lo = -1;
  let lv = 0;
  for (let i = 0; i < n; i++) {
    const trail = i - period;
    const h = high[i] as number;
    if (hi < trail || hi < 0) {
      hi = Math.max(trail, 0);
      hv = high[hi] as number;
      for (let j = hi + 1; j <= i; j++) {
        const v = high[j] as number;
        if (v >= hv) {
          hv = v;
          hi = j;
        }
      }
    } else if (h >= hv) {
      hv = h;
      hi = i;
    }
    const l = low[i] as number;
    finite += h - h + (l - l);
    if (lo < trail || lo < 0) {
      lo = Math.max(trail, 0);
      lv = low[lo] as number;
      for (let j = lo + 1; j <= i; j++) {
        const v = low[j] as number;
        if (v <= lv) {
          lv = v;
          lo = j;
        }
      }
    } else if (l <= lv) {
      lv = l;
      lo = i;
    }
    if (i >= period) {
      up[i] = factor * (period - (i - hi));
      down[i] = factor * (period - (i - lo));
      osc[i] = factor * (hi - lo);
    }
  }
  if (finite !== 0) nonFinite('aroon', HL_NAMES, columns);
  return { up, down, oscillator: osc };
}

/**
 * Streaming {@link aroon}: same numbers bit for bit, O(1) amortized per update.
 *
 * @example
 * ```ts
 * import { Aroon } from '@rrr/indicators';
 *
 * const ind = new Aroon(2);
 * ind.update({ high: 1, low: 0 });
 * ind.update({ high: 3, low: 2 });
 * console.log(ind.update({ high: 2, low: 1 })); // { up: 50, down: 0, oscillator: 50 }
 * ```
 */
export class Aroon extends StreamingIndicator<HighLow, AroonValue> {
  /** Inputs before the first value: `period`. */
  readonly warmup: number;
  private readonly period: number;
  private readonly factor: number;
  private readonly hh: MaxDeque;
  private readonly nll: MaxDeque;

  /** @param period - integer >= 1 (default 14) */
  constructor(period = 14) {
    super();
    checkPeriod('Aroon', 'period', period);
    this.period = period;
    this.factor = 100 / period;
    this.hh = new MaxDeque(period + 1);
    this.nll = new MaxDeque(period + 1);
    this.warmup = period;
  }

  protected compute(bar: HighLow): AroonValue | null {
    checkFiniteValue('Aroon', 'high', bar.high);
    checkFiniteValue('Aroon', 'low', bar.low);
    this.hh.peek(bar.high);
    this.nll.peek(-bar.low);
    const i = this.committed;
    if (i < this.period) return null;
    const hi = this.hh.peekIndex;
    const lo = this.nll.peekIndex;
    const f = this.factor;
    const p = this.period;
    return { up: f * (p - (i - hi)), down: f * (p - (i - lo)), oscillator: f * (hi - lo) };
  }

  protected commit(): void {
    this.hh.commit();
    this.nll.commit();
  }
}
