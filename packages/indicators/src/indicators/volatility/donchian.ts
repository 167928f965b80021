import { MaxDeque } from '../_internal/cores.js';
import { rollingMaxMin } from '../_internal/kernels.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  HL_NAMES,
  nanArray,
  nonFinite,
} from '../_internal/validate.js';
import { EXTREMES_CHUNK } from '../momentum/stochastic.js';
import type { HighLow } from '../types.js';
import type { ChannelResult, ChannelValue } from './keltner.js';

/**
 * Donchian Channels (Richard Donchian): `upper = max(high)`, `lower = min(low)` over the last `period` bars
 * including the current one, `middle = (upper + lower) / 2`.
 *
 * Not in TA-Lib (its `MAX`/`MIN` give the same bands). Convention: the window includes the current bar, as
 * in TradingView `ta.donchian` and trading-signals `DC`, which the tests cross-check. For breakout rules
 * compare a close with the previous bar's bands. Warm-up: first value at index `period - 1`.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param period - integer >= 1 (default 20)
 * @returns `{ upper, middle, lower }`, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { donchian } from '@rrr/indicators';
 *
 * const { upper, middle, lower } = donchian([3, 5, 4], [1, 2, 2], 2);
 * console.log(upper[2], middle[2], lower[2]); // 5 3.5 2
 * ```
 */
export function donchian(high: ArrayLike<number>, low: ArrayLike<number>, period = 20): ChannelResult {
  checkPeriod('donchian', 'period', period);
  const n = checkShapes('donchian', HL_NAMES, [high, low], 'high', period - 1);
  const upper = nanArray(n, period - 1);
  const lower = nanArray(n, period - 1);
  const middle = nanArray(n, period - 1);
  // rolling extremes chunk by chunk into two small scratch columns, then the three bands in one pass
  let finite = 0;
  const hh = new Float64Array(Math.min(EXTREMES_CHUNK, n));
  const ll = new Float64Array(hh.length);
  for (let from = period - 1; from < n; from += EXTREMES_CHUNK) {
    const to = Math.min(from + EXTREMES_CHUNK, n);
    finite += rollingMaxMin(high, low, from - period + 1, to, period, hh, ll, from);
    for (let i = from; i < to; i++) {
      const up = hh[i - from] as number;
      const lo = ll[i - from] as number;
      upper[i] = up;
      lower[i] = lo;
      middle[i] = (up + lo) / 2;
    }
  }
  if (finite !== 0) nonFinite('donchian', HL_NAMES, [high, low]);
  return { upper, middle, lower };
}

/**
 * Streaming {@link donchian}: same numbers bit for bit, O(1) amortized per update.
 *
 * @example
 * ```ts
 * import { Donchian } from '@rrr/indicators';
 *
 * const ind = new Donchian(2);
 * ind.update({ high: 3, low: 1 });
 * console.log(ind.update({ high: 5, low: 2 })); // { upper: 5, middle: 3, lower: 1 }
 * ```
 */
export class Donchian extends StreamingIndicator<HighLow, ChannelValue> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly hh: MaxDeque;
  private readonly nll: MaxDeque;

  /** @param period - integer >= 1 (default 20) */
  constructor(period = 20) {
    super();
    checkPeriod('Donchian', 'period', period);
    this.hh = new MaxDeque(period);
    this.nll = new MaxDeque(period);
    this.warmup = period - 1;
  }

  protected compute(bar: HighLow): ChannelValue | null {
    checkFiniteValue('Donchian', 'high', bar.high);
    checkFiniteValue('Donchian', 'low', bar.low);
    const upper = this.hh.peek(bar.high);
    const lower = -this.nll.peek(-bar.low);
    if (this.committed < this.warmup) return null;
    return { upper, middle: (upper + lower) / 2, lower };
  }

  protected commit(): void {
    this.hh.commit();
    this.nll.commit();
  }
}
