import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  isZero,
  nanArray,
  nonFinite,
  VALUES_NAMES,
} from '../_internal/validate.js';

/** @internal `100 * gain / (gain + loss)`, 0 when the sum is below 1e-8 (TA-Lib). */
function ratio(gain: number, loss: number): number {
  const s = gain + loss;
  return isZero(s) ? 0 : 100 * (gain / s);
}

/**
 * @internal RSI into `out` over `x[start..n)`; first value at `start + period`. With `fn` set, every value
 * read is checked for finiteness (`nonFinite` naming `values`).
 */
export function rsiInto(
  x: ArrayLike<number>,
  start: number,
  n: number,
  period: number,
  out: Float64Array,
  fn = '',
): void {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  if (start + period >= n) return;
  const check = fn !== '';
  let prevValue = x[start] as number;
  if (check && prevValue - prevValue !== 0) nonFinite(fn, VALUES_NAMES, [x]);
  let gain = 0;
  let loss = 0;
  for (let i = start + 1; i <= start + period; i++) {
    const v = x[i] as number;
    finite += v - v;
    const d = v - prevValue;
    prevValue = v;
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= period;
  gain /= period;
  out[start + period] = ratio(gain, loss);
  const p1 = period - 1;
  // branch-free split of d into its gain and loss parts (the sign of d is a coin flip on market data):
  // pick[1] is d, pick[0] stays 0, so the part that d does not go to receives 0 (gain + 0 and loss - 0 are
  // gain and loss bit for bit: neither is ever -0), the same numbers as the two-way branch
  const pick = new Float64Array(2);
  for (let i = start + period + 1; i < n; i++) {
    const v = x[i] as number;
    finite += v - v;
    const d = v - prevValue;
    prevValue = v;
    pick[1] = d;
    const up = pick[Number(d >= 0)] as number;
    loss = (loss * p1 - (d - up)) / period;
    gain = (gain * p1 + up) / period;
    out[i] = ratio(gain, loss);
  }
  if (check && finite !== 0) nonFinite(fn, VALUES_NAMES, [x]);
}

/** @internal Streaming core of RSI (NaN while warming up). */
export class RsiCore {
  readonly period: number;
  n = 0;
  private gain = 0;
  private loss = 0;
  private prevValue = 0;
  private nextGain = 0;
  private nextLoss = 0;
  private lastX = 0;

  constructor(period: number) {
    this.period = period;
  }

  peek(x: number): number {
    const n = this.n;
    const p = this.period;
    this.lastX = x;
    if (n === 0) return Number.NaN;
    const d = x - this.prevValue;
    let gain = this.gain;
    let loss = this.loss;
    if (n > p) {
      loss *= p - 1;
      gain *= p - 1;
    }
    if (d < 0) loss -= d;
    else gain += d;
    if (n < p) {
      this.nextGain = gain;
      this.nextLoss = loss;
      return Number.NaN;
    }
    loss /= p;
    gain /= p;
    this.nextGain = gain;
    this.nextLoss = loss;
    return ratio(gain, loss);
  }

  commit(): void {
    if (this.n > 0) {
      this.gain = this.nextGain;
      this.loss = this.nextLoss;
    }
    this.prevValue = this.lastX;
    this.n++;
  }
}

/**
 * Relative strength index (Wilder): average gain `G` and loss `L` over `period` changes,
 * `RSI = 100 * G / (G + L)`. The first averages are plain means of the first `period` changes, then
 * Wilder smoothing `G[t] = (G[t-1] * (p - 1) + gain[t]) / p`. RSI is 0 when `G + L` is below 1e-8.
 *
 * TA-Lib `RSI` exact. Warm-up: first value at index `period`.
 *
 * @param values - input series, finite values only
 * @param period - integer >= 1 (default 14)
 * @returns a Float64Array of the same length in [0, 100], NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { rsi } from '@rrr/indicators';
 *
 * rsi([1, 2, 1, 2], 2); // Float64Array [NaN, NaN, 50, 75]
 * ```
 */
export function rsi(values: ArrayLike<number>, period = 14): Float64Array {
  checkPeriod('rsi', 'period', period);
  const n = checkShapes('rsi', VALUES_NAMES, [values], 'values', period);
  const out = nanArray(n, period);
  // rsiInto checks the finiteness of every input on its way
  rsiInto(values, 0, n, period, out, 'rsi');
  return out;
}

/**
 * Streaming {@link rsi}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { RSI } from '@rrr/indicators';
 *
 * const ind = new RSI(2);
 * for (const x of [1, 2, 1, 2]) ind.update(x);
 * console.log(ind.value); // 75
 * ```
 */
export class RSI extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `period`. */
  readonly warmup: number;
  private readonly core: RsiCore;

  /** @param period - integer >= 1 (default 14) */
  constructor(period = 14) {
    super();
    checkPeriod('RSI', 'period', period);
    this.core = new RsiCore(period);
    this.warmup = period;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('RSI', 'input', x);
    const v = this.core.peek(x);
    return !Number.isNaN(v) ? v : null;
  }

  protected commit(): void {
    this.core.commit();
  }
}
