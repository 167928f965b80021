import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  HLC_NAMES,
  isZero,
  nanArray,
} from '../_internal/validate.js';
import type { HighLowClose } from '../types.js';
import { AtrCore, atrInto } from './atr.js';

/**
 * Normalized average true range in percent of the close: `NATR = ATR / close * 100` (0 when the close is
 * below 1e-8 in magnitude), with {@link atr}'s Wilder ATR.
 *
 * TA-Lib `NATR` exact. Warm-up: first value at index `period`.
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
 * import { natr } from '@rrr/indicators';
 *
 * natr([10, 12, 13], [8, 9, 11], [9, 11, 12.5], 2)[2]; // 20
 * ```
 */
export function natr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): Float64Array {
  checkPeriod('natr', 'period', period);
  const n = checkShapes('natr', HLC_NAMES, [high, low, close], 'close', period);
  const out = nanArray(n, period);
  atrInto(high, low, close, n, period, out, 'natr');
  for (let i = period; i < n; i++) {
    const c = close[i] as number;
    out[i] = isZero(c) ? 0 : ((out[i] as number) / c) * 100;
  }
  return out;
}

/**
 * Streaming {@link natr}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { NATR } from '@rrr/indicators';
 *
 * const ind = new NATR(2);
 * ind.update({ high: 10, low: 8, close: 9 });
 * ind.update({ high: 12, low: 9, close: 11 });
 * console.log(ind.update({ high: 13, low: 11, close: 12.5 })); // 20
 * ```
 */
export class NATR extends StreamingIndicator<HighLowClose, number> {
  /** Inputs before the first value: `period`. */
  readonly warmup: number;
  private readonly core: AtrCore;

  /** @param period - integer >= 1 (default 14) */
  constructor(period = 14) {
    super();
    checkPeriod('NATR', 'period', period);
    this.core = new AtrCore(period);
    this.warmup = period;
  }

  protected compute(bar: HighLowClose): number | null {
    checkFiniteValue('NATR', 'high', bar.high);
    checkFiniteValue('NATR', 'low', bar.low);
    checkFiniteValue('NATR', 'close', bar.close);
    const v = this.core.peek(bar.high, bar.low, bar.close);
    if (Number.isNaN(v)) return null;
    return isZero(bar.close) ? 0 : (v / bar.close) * 100;
  }

  protected commit(): void {
    this.core.commit();
  }
}

/**
 * @internal NATR from an ATR column of the same period (the numbers of `natr(high, low, close, period)`:
 * the same division of the same ATR values), for inputs already validated by `atr`.
 */
export function natrFromAtr(atrColumn: Float64Array, close: ArrayLike<number>, period: number): Float64Array {
  const n = atrColumn.length;
  const out = nanArray(n, period);
  for (let i = period; i < n; i++) {
    const c = close[i] as number;
    out[i] = isZero(c) ? 0 : ((atrColumn[i] as number) / c) * 100;
  }
  return out;
}
