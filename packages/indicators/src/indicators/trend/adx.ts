import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteHead,
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  HLC_NAMES,
  isZero,
  nanArray,
  nonFinite,
} from '../_internal/validate.js';
import type { HighLowClose } from '../types.js';
import { trueRange } from '../volatility/atr.js';

/** Output of {@link adx}: three columns of the input's length. */
export interface AdxResult {
  /** Average directional index, 0..100; first value at index `2 * period - 1`. */
  readonly adx: Float64Array;
  /** +DI, 0..100; first value at index `period`. */
  readonly plusDI: Float64Array;
  /** -DI, 0..100; first value at index `period`. */
  readonly minusDI: Float64Array;
}

/** One streaming {@link ADX} value. */
export interface AdxValue {
  /** Average directional index, 0..100. */
  readonly adx: number;
  /** +DI, 0..100. */
  readonly plusDI: number;
  /** -DI, 0..100. */
  readonly minusDI: number;
}

/**
 * Average directional index with +DI / -DI (Wilder). Directional moves `up = high - prevHigh`,
 * `down = prevLow - low`; `+DM = up` when `up > down` and `up > 0`, `-DM = down` when `down > up` and
 * `down > 0`. +DM, -DM and the true range are summed over the first `period - 1` moves, then Wilder-smoothed
 * (`S = S - S / p + new`); `+DI = 100 * +DM / TR`, `-DI = 100 * -DM / TR` (0 when TR < 1e-8),
 * `DX = 100 * |+DI - -DI| / (+DI + -DI)`, ADX = mean of the first `period` DX values, then
 * `ADX = (ADX * (p - 1) + DX) / p`.
 *
 * TA-Lib `ADX`, `PLUS_DI` and `MINUS_DI` exact. Warm-up: DIs from index `period`, ADX from `2 * period - 1`.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param close - bar closes
 * @param period - integer >= 1 (default 14)
 * @returns `{ adx, plusDI, minusDI }`, NaN during each column's warm-up
 * @throws IndicatorError `invalid_period`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { adx } from '@rrr/indicators';
 *
 * const { adx: line, plusDI, minusDI } = adx([2, 3, 4, 5], [1, 2, 3, 4], [1.5, 2.5, 3.5, 4.5], 2);
 * console.log(line[3], plusDI[3], minusDI[3]); // 100 66.66666666666666 0
 * ```
 */
export function adx(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): AdxResult {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('adx', 'period', period);
  const columns = [high, low, close];
  const n = checkShapes('adx', HLC_NAMES, columns, 'close', 2 * period - 1);
  // the head is checked here, the rest inside the main loop
  checkFiniteHead('adx', HLC_NAMES, columns, period);
  const out = nanArray(n, 2 * period - 1);
  const plusDI = nanArray(n, period);
  const minusDI = nanArray(n, period);
  let prevHigh = high[0] as number;
  let prevLow = low[0] as number;
  let prevClose = close[0] as number;
  let pdm = 0;
  let mdm = 0;
  let tr = 0;
  for (let i = 1; i < period; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const diffP = h - prevHigh;
    prevHigh = h;
    const diffM = prevLow - l;
    prevLow = l;
    if (diffM > 0 && diffP < diffM) mdm += diffM;
    else if (diffP > 0 && diffP > diffM) pdm += diffP;
    tr += trueRange(h, l, prevClose);
    prevClose = close[i] as number;
  }
  let sumDx = 0;
  let adxValue = 0;
  const last = 2 * period - 1;
  const p1 = period - 1;
  // branch-free directional movement (which side moves more is a coin flip on market data): pick[1] and
  // pick[3] hold -DM and +DM, pick[0] and pick[2] stay 0, and the side that does not move receives 0
  // (a smoothed DM is never -0, so adding that 0 leaves it unchanged bit for bit)
  const pick = new Float64Array(4);
  for (let i = period; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    finite += h - h + (l - l) + (c - c);
    const diffP = h - prevHigh;
    prevHigh = h;
    const diffM = prevLow - l;
    prevLow = l;
    const minus = Number(diffM > 0) & Number(diffP < diffM);
    const plus = (minus ^ 1) & Number(diffP > 0) & Number(diffP > diffM);
    pick[1] = diffM;
    pick[3] = diffP;
    mdm = mdm - mdm / period + (pick[minus] as number);
    pdm = pdm - pdm / period + (pick[2 + plus] as number);
    tr = tr - tr / period + trueRange(h, l, prevClose);
    prevClose = c;
    let dx = Number.NaN;
    if (isZero(tr)) {
      plusDI[i] = 0;
      minusDI[i] = 0;
    } else {
      const mdi = 100 * (mdm / tr);
      const pdi = 100 * (pdm / tr);
      plusDI[i] = pdi;
      minusDI[i] = mdi;
      const s = mdi + pdi;
      if (!isZero(s)) dx = 100 * (Math.abs(mdi - pdi) / s);
    }
    if (i < last) {
      if (!Number.isNaN(dx)) sumDx += dx;
    } else if (i === last) {
      if (!Number.isNaN(dx)) sumDx += dx;
      adxValue = sumDx / period;
      out[i] = adxValue;
    } else {
      if (!Number.isNaN(dx)) adxValue = (adxValue * p1 + dx) / period;
      out[i] = adxValue;
    }
  }
  if (finite !== 0) nonFinite('adx', HLC_NAMES, columns);
  return { adx: out, plusDI, minusDI };
}

/**
 * Streaming {@link adx}: same numbers bit for bit, O(1) per update. The value (all three fields) appears
 * with the first ADX, after `2 * period - 1` inputs.
 *
 * @example
 * ```ts
 * import { ADX } from '@rrr/indicators';
 *
 * const ind = new ADX(2);
 * for (const i of [1, 2, 3, 4]) ind.update({ high: i + 1, low: i, close: i + 0.5 });
 * console.log(ind.value); // { adx: 100, plusDI: 66.66666666666666, minusDI: 0 }
 * ```
 */
export class ADX extends StreamingIndicator<HighLowClose, AdxValue> {
  /** Inputs before the first value: `2 * period - 1`. */
  readonly warmup: number;
  private readonly period: number;
  private prevHigh = 0;
  private prevLow = 0;
  private prevClose = 0;
  private pdm = 0;
  private mdm = 0;
  private tr = 0;
  private sumDx = 0;
  private adx = 0;
  private nPdm = 0;
  private nMdm = 0;
  private nTr = 0;
  private nSumDx = 0;
  private nAdx = 0;
  private last: HighLowClose = { high: 0, low: 0, close: 0 };

  /** @param period - integer >= 1 (default 14) */
  constructor(period = 14) {
    super();
    checkPeriod('ADX', 'period', period);
    this.period = period;
    this.warmup = 2 * period - 1;
  }

  protected compute(bar: HighLowClose): AdxValue | null {
    const h = bar.high;
    const l = bar.low;
    checkFiniteValue('ADX', 'high', h);
    checkFiniteValue('ADX', 'low', l);
    checkFiniteValue('ADX', 'close', bar.close);
    this.last = bar;
    const n = this.committed;
    const p = this.period;
    if (n === 0) return null;
    const diffP = h - this.prevHigh;
    const diffM = this.prevLow - l;
    let mdm = this.mdm;
    let pdm = this.pdm;
    const trNow = trueRange(h, l, this.prevClose);
    if (n < p) {
      if (diffM > 0 && diffP < diffM) mdm += diffM;
      else if (diffP > 0 && diffP > diffM) pdm += diffP;
      this.nMdm = mdm;
      this.nPdm = pdm;
      this.nTr = this.tr + trNow;
      return null;
    }
    mdm -= mdm / p;
    pdm -= pdm / p;
    if (diffM > 0 && diffP < diffM) mdm += diffM;
    else if (diffP > 0 && diffP > diffM) pdm += diffP;
    const tr = this.tr - this.tr / p + trNow;
    this.nMdm = mdm;
    this.nPdm = pdm;
    this.nTr = tr;
    let dx = Number.NaN;
    let pdi = 0;
    let mdi = 0;
    if (!isZero(tr)) {
      mdi = 100 * (mdm / tr);
      pdi = 100 * (pdm / tr);
      const s = mdi + pdi;
      if (!isZero(s)) dx = 100 * (Math.abs(mdi - pdi) / s);
    }
    const last = 2 * p - 1;
    let sumDx = this.sumDx;
    if (n <= last && !Number.isNaN(dx)) sumDx += dx;
    this.nSumDx = sumDx;
    if (n < last) return null;
    let adxValue: number;
    if (n === last) adxValue = sumDx / p;
    else adxValue = !Number.isNaN(dx) ? (this.adx * (p - 1) + dx) / p : this.adx;
    this.nAdx = adxValue;
    return { adx: adxValue, plusDI: pdi, minusDI: mdi };
  }

  protected commit(): void {
    const bar = this.last;
    if (this.committed > 0) {
      this.pdm = this.nPdm;
      this.mdm = this.nMdm;
      this.tr = this.nTr;
      this.sumDx = this.nSumDx;
      this.adx = this.nAdx;
    }
    this.prevHigh = bar.high;
    this.prevLow = bar.low;
    this.prevClose = bar.close;
  }
}
