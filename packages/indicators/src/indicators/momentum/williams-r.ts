import { MaxDeque } from '../_internal/cores.js';
import { rollingMaxMin } from '../_internal/kernels.js';
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
import { EXTREMES_CHUNK, percentR } from './stochastic.js';

/**
 * Williams %R: `-100 * (HH - close) / (HH - LL)` over the last `period` bars (0 when HH = LL); range -100..0.
 *
 * TA-Lib `WILLR` exact. Warm-up: first value at index `period - 1`.
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
 * import { williamsR } from '@rrr/indicators';
 *
 * williamsR([3, 4], [1, 2], [2, 3], 2)[1]; // -33.333333333333336
 * ```
 */
export function williamsR(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('williamsR', 'period', period);
  const columns = [high, low, close];
  const n = checkShapes('williamsR', HLC_NAMES, columns, 'close', period - 1);
  const out = nanArray(n, period - 1);
  // the closes before the first full window are not read below
  for (let i = 0; i < period - 1; i++) {
    const c = close[i] as number;
    finite += c - c;
  }
  // rolling extremes chunk by chunk into two small scratch columns, then %R
  const hh = new Float64Array(Math.min(EXTREMES_CHUNK, n));
  const ll = new Float64Array(hh.length);
  for (let from = period - 1; from < n; from += EXTREMES_CHUNK) {
    const to = Math.min(from + EXTREMES_CHUNK, n);
    finite += rollingMaxMin(high, low, from - period + 1, to, period, hh, ll, from);
    for (let i = from; i < to; i++) {
      const c = close[i] as number;
      finite += c - c;
      out[i] = percentR(c, hh[i - from] as number, ll[i - from] as number);
    }
  }
  if (finite !== 0) nonFinite('williamsR', HLC_NAMES, columns);
  return out;
}

/**
 * Streaming {@link williamsR}: same numbers bit for bit, O(1) amortized per update.
 *
 * @example
 * ```ts
 * import { WilliamsR } from '@rrr/indicators';
 *
 * const ind = new WilliamsR(2);
 * ind.update({ high: 3, low: 1, close: 2 });
 * console.log(ind.update({ high: 4, low: 2, close: 3 })); // -33.333333333333336
 * ```
 */
export class WilliamsR extends StreamingIndicator<HighLowClose, number> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly hh: MaxDeque;
  private readonly nll: MaxDeque;

  /** @param period - integer >= 1 (default 14) */
  constructor(period = 14) {
    super();
    checkPeriod('WilliamsR', 'period', period);
    this.hh = new MaxDeque(period);
    this.nll = new MaxDeque(period);
    this.warmup = period - 1;
  }

  protected compute(bar: HighLowClose): number | null {
    checkFiniteValue('WilliamsR', 'high', bar.high);
    checkFiniteValue('WilliamsR', 'low', bar.low);
    checkFiniteValue('WilliamsR', 'close', bar.close);
    const hh = this.hh.peek(bar.high);
    const ll = -this.nll.peek(-bar.low);
    return this.committed >= this.warmup ? percentR(bar.close, hh, ll) : null;
  }

  protected commit(): void {
    this.hh.commit();
    this.nll.commit();
  }
}
