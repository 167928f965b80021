import { InvalidParameterError } from '../../errors.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPositive,
  checkShapes,
  HL_NAMES,
  nanArray,
  nonFinite,
} from '../_internal/validate.js';
import type { HighLow } from '../types.js';

/** Options of {@link parabolicSar} and {@link ParabolicSAR}. */
export interface ParabolicSarOptions {
  /** Acceleration factor start and step, > 0 (default 0.02). */
  readonly acceleration?: number;
  /** Maximum acceleration factor, >= acceleration (default 0.2). */
  readonly maximum?: number;
}

function resolve(fn: string, o: ParabolicSarOptions): { step: number; max: number } {
  const step = checkPositive(fn, 'acceleration', o.acceleration ?? 0.02);
  const max = checkPositive(fn, 'maximum', o.maximum ?? 0.2);
  if (max < step) {
    throw new InvalidParameterError(
      'invalid_option',
      'maximum',
      `${fn}: maximum (${max}) must be >= acceleration (${step})`,
    );
  }
  return { step, max };
}

/** @internal Parabolic SAR state machine, TA-Lib's algorithm; batch and streaming both run it. */
class SarCore {
  private readonly step: number;
  private readonly max: number;
  n = 0;
  private isLong = true;
  private sar = 0;
  private ep = 0;
  private af = 0;
  private newHigh = 0;
  private newLow = 0;
  private nIsLong = true;
  private nSar = 0;
  private nEp = 0;
  private nAf = 0;
  private lastHigh = 0;
  private lastLow = 0;

  constructor(step: number, max: number) {
    this.step = step;
    this.max = max;
  }

  /** SAR for this bar (NaN for the first bar). */
  peek(high: number, low: number): number {
    this.lastHigh = high;
    this.lastLow = low;
    if (this.n === 0) return Number.NaN;
    let isLong = this.isLong;
    let sar = this.sar;
    let ep = this.ep;
    let af = this.af;
    let prevHigh = this.newHigh;
    let prevLow = this.newLow;
    if (this.n === 1) {
      // TA-Lib: direction from the -DM between the first two bars, first SAR from the first bar
      const diffM = this.newLow - low;
      const diffP = high - this.newHigh;
      isLong = !(diffM > 0 && diffP < diffM);
      if (isLong) {
        ep = high;
        sar = this.newLow;
      } else {
        ep = low;
        sar = this.newHigh;
      }
      af = this.step;
      prevHigh = high;
      prevLow = low;
    }
    let out: number;
    if (isLong) {
      if (low <= sar) {
        isLong = false;
        sar = ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < high) sar = high;
        out = sar;
        af = this.step;
        ep = low;
        sar = sar + af * (ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < high) sar = high;
      } else {
        out = sar;
        if (high > ep) {
          ep = high;
          af += this.step;
          if (af > this.max) af = this.max;
        }
        sar = sar + af * (ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > low) sar = low;
      }
    } else if (high >= sar) {
      isLong = true;
      sar = ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > low) sar = low;
      out = sar;
      af = this.step;
      ep = high;
      sar = sar + af * (ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > low) sar = low;
    } else {
      out = sar;
      if (low < ep) {
        ep = low;
        af += this.step;
        if (af > this.max) af = this.max;
      }
      sar = sar + af * (ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < high) sar = high;
    }
    this.nIsLong = isLong;
    this.nSar = sar;
    this.nEp = ep;
    this.nAf = af;
    return out;
  }

  commit(): void {
    if (this.n > 0) {
      this.isLong = this.nIsLong;
      this.sar = this.nSar;
      this.ep = this.nEp;
      this.af = this.nAf;
    }
    this.newHigh = this.lastHigh;
    this.newLow = this.lastLow;
    this.n++;
  }
}

/**
 * Parabolic SAR (Wilder), stop-and-reverse level for each bar. Each bar the SAR moves toward the extreme
 * point `ep` by `af * (ep - SAR)`; `af` starts at `acceleration`, grows by it at each new extreme up to
 * `maximum`; the SAR never enters the previous or current bar's range; a touch reverses the trend and the
 * SAR jumps to the old extreme.
 *
 * TA-Lib `SAR` exact, including its start: the trend of the second bar is short when the first two bars
 * show a positive -DM, long otherwise, with the first bar's low (long) or high (short) as the first SAR.
 * Warm-up: first value at index 1.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param options - `{ acceleration = 0.02, maximum = 0.2 }`
 * @returns a Float64Array of the input's length, NaN at index 0
 * @throws IndicatorError `invalid_option`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { parabolicSar } from '@rrr/indicators';
 *
 * parabolicSar([10, 11, 12], [9, 10, 11]); // Float64Array [NaN, 9, 9.04]
 * ```
 */
export function parabolicSar(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  options: ParabolicSarOptions = {},
): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  const { step, max } = resolve('parabolicSar', options);
  const columns = [high, low];
  const n = checkShapes('parabolicSar', HL_NAMES, columns, 'high', 1);
  const out = nanArray(n, 1);
  // same state machine as SarCore, with the state in locals (the streaming class runs SarCore)
  const h0 = high[0] as number;
  const l0 = low[0] as number;
  const h1 = high[1] as number;
  const l1 = low[1] as number;
  if (h0 - h0 + (l0 - l0) !== 0) nonFinite('parabolicSar', HL_NAMES, columns);
  const diffM = l0 - l1;
  const diffP = h1 - h0;
  let isLong = !(diffM > 0 && diffP < diffM);
  let ep = isLong ? h1 : l1;
  let sar = isLong ? l0 : h0;
  let af = step;
  let newHigh = h1;
  let newLow = l1;
  for (let i = 1; i < n; i++) {
    const prevHigh = newHigh;
    const prevLow = newLow;
    newHigh = high[i] as number;
    newLow = low[i] as number;
    finite += newHigh - newHigh + (newLow - newLow);
    if (isLong) {
      if (newLow <= sar) {
        isLong = false;
        sar = ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        out[i] = sar;
        af = step;
        ep = newLow;
        sar = sar + af * (ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        out[i] = sar;
        if (newHigh > ep) {
          ep = newHigh;
          af += step;
          if (af > max) af = max;
        }
        sar = sar + af * (ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      isLong = true;
      sar = ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      out[i] = sar;
      af = step;
      ep = newHigh;
      sar = sar + af * (ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      out[i] = sar;
      if (newLow < ep) {
        ep = newLow;
        af += step;
        if (af > max) af = max;
      }
      sar = sar + af * (ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
  }
  if (finite !== 0) nonFinite('parabolicSar', HL_NAMES, columns);
  return out;
}

/**
 * Streaming {@link parabolicSar}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { ParabolicSAR } from '@rrr/indicators';
 *
 * const ind = new ParabolicSAR();
 * ind.update({ high: 10, low: 9 });
 * console.log(ind.update({ high: 11, low: 10 })); // 9
 * ```
 */
export class ParabolicSAR extends StreamingIndicator<HighLow, number> {
  /** Inputs before the first value: 1. */
  readonly warmup = 1;
  private readonly core: SarCore;

  /** @param options - `{ acceleration = 0.02, maximum = 0.2 }` */
  constructor(options: ParabolicSarOptions = {}) {
    super();
    const { step, max } = resolve('ParabolicSAR', options);
    this.core = new SarCore(step, max);
  }

  protected compute(bar: HighLow): number | null {
    checkFiniteValue('ParabolicSAR', 'high', bar.high);
    checkFiniteValue('ParabolicSAR', 'low', bar.low);
    const v = this.core.peek(bar.high, bar.low);
    return !Number.isNaN(v) ? v : null;
  }

  protected commit(): void {
    this.core.commit();
  }
}
