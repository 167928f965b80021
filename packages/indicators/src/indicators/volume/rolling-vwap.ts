import { StreamingIndicator } from '../_internal/streaming.js';
import { checkFiniteValue, checkPeriod, checkShapes, nanArray, nonFinite } from '../_internal/validate.js';
import type { HighLowCloseVolume } from '../types.js';

const RVWAP_COLUMNS = ['high', 'low', 'close', 'volume'];

/**
 * Rolling VWAP over the last `period` bars: `sum(tp * volume) / sum(volume)` with
 * `tp = (high + low + close) / 3`, from running sums (reset to exact zeros whenever the window holds only
 * zero-volume bars, which also clears rounding drift). When the window's volume is zero the value is the
 * current typical price.
 *
 * Not in TA-Lib. Convention: the volume-weighted moving average of the typical price (trading-signals
 * `VWAP` is cumulative; this equals @ixjb94/indicators' `vwma` fed with typical prices, which the tests
 * cross-check). Warm-up: first value at index `period - 1`.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param close - bar closes
 * @param volume - bar volumes
 * @param period - integer >= 1 (default 20)
 * @returns a Float64Array of the input's length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { rollingVwap } from '@rrr/indicators';
 *
 * rollingVwap([3, 6, 9], [1, 4, 7], [2, 5, 8], [1, 3, 1], 2); // Float64Array [NaN, 4.25, 5.75]
 * ```
 */
export function rollingVwap(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period = 20,
): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('rollingVwap', 'period', period);
  const columns = [high, low, close, volume];
  const n = checkShapes('rollingVwap', RVWAP_COLUMNS, columns, 'close', period - 1);
  const out = nanArray(n, period - 1);
  // price * volume of the last `period` bars (slot i % period)
  const pvs = new Float64Array(period);
  let slot = 0;
  let pv = 0;
  let vol = 0;
  let nonZero = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    const v = volume[i] as number;
    finite += h - h + (l - l) + (c - c) + (v - v);
    const tp = (h + l + c) / 3;
    const x = tp * v;
    pvs[slot] = x;
    slot = slot + 1 === period ? 0 : slot + 1;
    pv += x;
    vol += v;
    if (v !== 0) nonZero++;
    if (i >= period - 1) {
      out[i] = nonZero !== 0 && vol > 0 ? pv / vol : tp;
      const j = i - period + 1;
      const oldV = volume[j] as number;
      // slot now holds bar j = i - period + 1 (the oldest of the window)
      pv -= pvs[slot] as number;
      vol -= oldV;
      if (oldV !== 0) nonZero--;
      if (nonZero === 0) {
        pv = 0;
        vol = 0;
      }
    }
  }
  if (finite !== 0) nonFinite('rollingVwap', RVWAP_COLUMNS, columns);
  return out;
}

/**
 * Streaming {@link rollingVwap}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { RollingVWAP } from '@rrr/indicators';
 *
 * const ind = new RollingVWAP(2);
 * ind.update({ high: 3, low: 1, close: 2, volume: 1 });
 * console.log(ind.update({ high: 6, low: 4, close: 5, volume: 3 })); // 4.25
 * ```
 */
export class RollingVWAP extends StreamingIndicator<HighLowCloseVolume, number> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly period: number;
  private readonly pvRing: Float64Array;
  private readonly volRing: Float64Array;
  private pv = 0;
  private vol = 0;
  private nonZero = 0;
  private nPv = 0;
  private nVol = 0;
  private nNonZero = 0;
  private lastPv = 0;
  private lastVol = 0;

  /** @param period - integer >= 1 (default 20) */
  constructor(period = 20) {
    super();
    checkPeriod('RollingVWAP', 'period', period);
    this.period = period;
    this.pvRing = new Float64Array(period);
    this.volRing = new Float64Array(period);
    this.warmup = period - 1;
  }

  protected compute(bar: HighLowCloseVolume): number | null {
    checkFiniteValue('RollingVWAP', 'high', bar.high);
    checkFiniteValue('RollingVWAP', 'low', bar.low);
    checkFiniteValue('RollingVWAP', 'close', bar.close);
    checkFiniteValue('RollingVWAP', 'volume', bar.volume);
    const tp = (bar.high + bar.low + bar.close) / 3;
    const v = bar.volume;
    const x = tp * v;
    this.lastPv = x;
    this.lastVol = v;
    let pv = this.pv + x;
    let vol = this.vol + v;
    let nonZero = this.nonZero + (v !== 0 ? 1 : 0);
    const p = this.period;
    const n = this.committed;
    if (n < p - 1) {
      this.nPv = pv;
      this.nVol = vol;
      this.nNonZero = nonZero;
      return null;
    }
    const out = nonZero !== 0 && vol > 0 ? pv / vol : tp;
    const slot = (n + 1) % p;
    const oldPv = p === 1 ? x : (this.pvRing[slot] as number);
    const oldV = p === 1 ? v : (this.volRing[slot] as number);
    pv -= oldPv;
    vol -= oldV;
    if (oldV !== 0) nonZero--;
    if (nonZero === 0) {
      pv = 0;
      vol = 0;
    }
    this.nPv = pv;
    this.nVol = vol;
    this.nNonZero = nonZero;
    return out;
  }

  protected commit(): void {
    const slot = this.committed % this.period;
    this.pvRing[slot] = this.lastPv;
    this.volRing[slot] = this.lastVol;
    this.pv = this.nPv;
    this.vol = this.nVol;
    this.nonZero = this.nNonZero;
  }
}
