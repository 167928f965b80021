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

/**
 * Commodity channel index (Lambert): typical price `tp = (high + low + close) / 3`,
 * `CCI = (tp - SMA(tp)) / (0.015 * meanDeviation(tp))` over `period` bars, where the mean deviation is the
 * mean absolute deviation from that SMA (not the standard deviation). 0 when the numerator or the
 * deviation is 0. The SMA is a running sum (as {@link sma}); TA-Lib re-sums the window, a difference in the
 * last bits only.
 *
 * TA-Lib `CCI` exact. The mean deviation needs the whole window, so each value costs O(period) (as in
 * TA-Lib). Warm-up: first value at index `period - 1`.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param close - bar closes
 * @param period - integer >= 1 (default 20)
 * @returns a Float64Array of the input's length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { cci } from '@rrr/indicators';
 *
 * cci([2, 3, 4], [0, 1, 2], [1, 2, 3], 3)[2]; // 100.00000000000001
 * ```
 */
export function cci(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 20,
): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('cci', 'period', period);
  const columns = [high, low, close];
  const n = checkShapes('cci', HLC_NAMES, columns, 'close', period - 1);
  const out = nanArray(n, period - 1);
  // typical prices of the window, doubled so that the window is always one contiguous run
  // tp[s] and tp[s + period] both hold the bar with slot s; the window ending at slot s is tp[s+1..s+period]
  const tp = new Float64Array(2 * period);
  let slot = period - 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    finite += h - h + (l - l) + (c - c);
    const last = (h + l + c) / 3;
    slot = slot + 1 === period ? 0 : slot + 1;
    tp[slot] = last;
    tp[slot + period] = last;
    sum += last;
    if (i < period - 1) continue;
    const avg = sum / period;
    // the oldest of the window: slot + 1 (mod period)
    const from = slot + 1;
    sum -= tp[from] as number;
    const to = from + period - 1;
    // mean deviation with four interleaved partial sums (window position k goes to sum k % 4)
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let j = from;
    for (; j + 3 <= to; j += 4) {
      d0 += Math.abs((tp[j] as number) - avg);
      d1 += Math.abs((tp[j + 1] as number) - avg);
      d2 += Math.abs((tp[j + 2] as number) - avg);
      d3 += Math.abs((tp[j + 3] as number) - avg);
    }
    if (j <= to) d0 += Math.abs((tp[j++] as number) - avg);
    if (j <= to) d1 += Math.abs((tp[j++] as number) - avg);
    if (j <= to) d2 += Math.abs((tp[j] as number) - avg);
    const dev = d0 + d1 + (d2 + d3);
    const num = last - avg;
    out[i] = num !== 0 && dev !== 0 ? num / (0.015 * (dev / period)) : 0;
  }
  if (finite !== 0) nonFinite('cci', HLC_NAMES, columns);
  return out;
}

/**
 * Streaming {@link cci}: same numbers bit for bit; O(period) per update because of the mean deviation.
 *
 * @example
 * ```ts
 * import { CCI } from '@rrr/indicators';
 *
 * const ind = new CCI(3);
 * ind.update({ high: 2, low: 0, close: 1 });
 * ind.update({ high: 3, low: 1, close: 2 });
 * console.log(ind.update({ high: 4, low: 2, close: 3 })); // 100.00000000000001
 * ```
 */
export class CCI extends StreamingIndicator<HighLowClose, number> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly period: number;
  private readonly ring: Float64Array;
  private sum = 0;
  private nextSum = 0;
  private lastTp = 0;

  /** @param period - integer >= 1 (default 20) */
  constructor(period = 20) {
    super();
    checkPeriod('CCI', 'period', period);
    this.period = period;
    this.ring = new Float64Array(period);
    this.warmup = period - 1;
  }

  protected compute(bar: HighLowClose): number | null {
    checkFiniteValue('CCI', 'high', bar.high);
    checkFiniteValue('CCI', 'low', bar.low);
    checkFiniteValue('CCI', 'close', bar.close);
    const tp = (bar.high + bar.low + bar.close) / 3;
    this.lastTp = tp;
    const n = this.committed;
    const p = this.period;
    const sum = this.sum + tp;
    if (n < p - 1) {
      this.nextSum = sum;
      return null;
    }
    const ring = this.ring;
    const avg = sum / p;
    this.nextSum = sum - (p === 1 ? tp : (ring[(n + 1) % p] as number));
    // same four interleaved partial sums as the batch loop (window position k goes to sum k % 4)
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let k = 0;
    for (let j = n - p + 1; j <= n; j++, k++) {
      const a = Math.abs((j === n ? tp : (ring[j % p] as number)) - avg);
      const r = k & 3;
      if (r === 0) d0 += a;
      else if (r === 1) d1 += a;
      else if (r === 2) d2 += a;
      else d3 += a;
    }
    const dev = d0 + d1 + (d2 + d3);
    const num = tp - avg;
    return num !== 0 && dev !== 0 ? num / (0.015 * (dev / p)) : 0;
  }

  protected commit(): void {
    this.ring[this.committed % this.period] = this.lastTp;
    this.sum = this.nextSum;
  }
}
