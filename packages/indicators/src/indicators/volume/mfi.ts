import { StreamingIndicator } from '../_internal/streaming.js';
import { checkFiniteValue, checkPeriod, checkShapes, nanArray, nonFinite } from '../_internal/validate.js';
import type { HighLowCloseVolume } from '../types.js';

const MFI_COLUMNS = ['high', 'low', 'close', 'volume'];

/**
 * Money flow index (Quong and Soudack): typical price `tp = (high + low + close) / 3`, money flow
 * `tp * volume`, positive when tp rose from the previous bar, negative when it fell (neither when equal);
 * `MFI = 100 * positive / (positive + negative)` summed over `period` bars, 0 when that total is below 1.
 *
 * TA-Lib `MFI` exact, including the "total below 1 gives 0" rule. Warm-up: first value at index `period`.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param close - bar closes
 * @param volume - bar volumes
 * @param period - integer >= 1 (default 14)
 * @returns a Float64Array of the input's length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { mfi } from '@rrr/indicators';
 *
 * mfi([2, 3, 2], [0, 1, 0], [1, 2, 1], [10, 10, 10], 2)[2]; // 66.66666666666666
 * ```
 */
export function mfi(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period = 14,
): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('mfi', 'period', period);
  const columns = [high, low, close, volume];
  const n = checkShapes('mfi', MFI_COLUMNS, columns, 'close', period);
  // index 0 is only partly read by the loop (its volume not at all): check it here
  const h0 = high[0] as number;
  const l0 = low[0] as number;
  const c0 = close[0] as number;
  const v0 = volume[0] as number;
  if (h0 - h0 + (l0 - l0) + (c0 - c0) + (v0 - v0) !== 0) nonFinite('mfi', MFI_COLUMNS, columns);
  const out = nanArray(n, period);
  const posRing = new Float64Array(period);
  const negRing = new Float64Array(period);
  // branch-free choice of the flow (the sign of d is a coin flip on market data): pick[1] is the money
  // flow, pick[0] stays 0; adding or subtracting that 0 leaves a sum unchanged, bit for bit
  const pick = new Float64Array(2);
  let pos = 0;
  let neg = 0;
  let prevTp = (h0 + l0 + c0) / 3;
  let slot = -1;
  for (let i = 1; i < n; i++) {
    slot = slot + 1 === period ? 0 : slot + 1;
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    const v = volume[i] as number;
    finite += h - h + (l - l) + (c - c) + (v - v);
    const tp = (h + l + c) / 3;
    const d = tp - prevTp;
    prevTp = tp;
    pick[1] = tp * v;
    const pf = pick[Number(d > 0)] as number;
    const nf = pick[Number(d < 0)] as number;
    // the rings hold 0 before their first write: nothing leaves the sums during the first period bars
    pos = pos - (posRing[slot] as number) + pf;
    neg = neg - (negRing[slot] as number) + nf;
    posRing[slot] = pf;
    negRing[slot] = nf;
    if (i >= period) {
      const total = pos + neg;
      out[i] = total < 1 ? 0 : 100 * (pos / total);
    }
  }
  if (finite !== 0) nonFinite('mfi', MFI_COLUMNS, columns);
  return out;
}

/**
 * Streaming {@link mfi}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { MFI } from '@rrr/indicators';
 *
 * const ind = new MFI(2);
 * ind.update({ high: 2, low: 0, close: 1, volume: 10 });
 * ind.update({ high: 3, low: 1, close: 2, volume: 10 });
 * console.log(ind.update({ high: 2, low: 0, close: 1, volume: 10 })); // 66.66666666666666
 * ```
 */
export class MFI extends StreamingIndicator<HighLowCloseVolume, number> {
  /** Inputs before the first value: `period`. */
  readonly warmup: number;
  private readonly period: number;
  private readonly posRing: Float64Array;
  private readonly negRing: Float64Array;
  private pos = 0;
  private neg = 0;
  private prevTp = 0;
  private nPos = 0;
  private nNeg = 0;
  private nPosFlow = 0;
  private nNegFlow = 0;
  private lastTp = 0;

  /** @param period - integer >= 1 (default 14) */
  constructor(period = 14) {
    super();
    checkPeriod('MFI', 'period', period);
    this.period = period;
    this.posRing = new Float64Array(period);
    this.negRing = new Float64Array(period);
    this.warmup = period;
  }

  protected compute(bar: HighLowCloseVolume): number | null {
    checkFiniteValue('MFI', 'high', bar.high);
    checkFiniteValue('MFI', 'low', bar.low);
    checkFiniteValue('MFI', 'close', bar.close);
    checkFiniteValue('MFI', 'volume', bar.volume);
    const tp = (bar.high + bar.low + bar.close) / 3;
    this.lastTp = tp;
    const i = this.committed;
    if (i === 0) return null;
    const p = this.period;
    const slot = (i - 1) % p;
    let pos = this.pos;
    let neg = this.neg;
    if (i > p) {
      pos -= this.posRing[slot] as number;
      neg -= this.negRing[slot] as number;
    }
    const d = tp - this.prevTp;
    const mf = tp * bar.volume;
    let pf = 0;
    let nf = 0;
    if (d < 0) {
      nf = mf;
      neg += mf;
    } else if (d > 0) {
      pf = mf;
      pos += mf;
    }
    this.nPos = pos;
    this.nNeg = neg;
    this.nPosFlow = pf;
    this.nNegFlow = nf;
    if (i < p) return null;
    const total = pos + neg;
    return total < 1 ? 0 : 100 * (pos / total);
  }

  protected commit(): void {
    const i = this.committed;
    if (i > 0) {
      const slot = (i - 1) % this.period;
      this.posRing[slot] = this.nPosFlow;
      this.negRing[slot] = this.nNegFlow;
      this.pos = this.nPos;
      this.neg = this.nNeg;
    }
    this.prevTp = this.lastTp;
  }
}
