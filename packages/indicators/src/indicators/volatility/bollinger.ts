import { MomentsCore } from '../_internal/cores.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkPositive,
  checkShapes,
  nanArray,
  nonFinite,
  VALUES_NAMES,
} from '../_internal/validate.js';
import { sqrtOrZero } from './std-dev.js';

/** Options of {@link bollinger} and {@link Bollinger}. */
export interface BollingerOptions {
  /** SMA / deviation window, integer >= 1 (default 20). */
  readonly period?: number;
  /** Band distance in population standard deviations, > 0 (default 2). */
  readonly stdDev?: number;
}

/** Output of {@link bollinger}: five columns of the input's length. */
export interface BollingerResult {
  /** middle + stdDev * sd. */
  readonly upper: Float64Array;
  /** SMA of the input. */
  readonly middle: Float64Array;
  /** middle - stdDev * sd. */
  readonly lower: Float64Array;
  /** `(x - lower) / (upper - lower)`; 0.5 when the bands coincide. */
  readonly percentB: Float64Array;
  /** `(upper - lower) / middle`; 0 when the middle is 0. */
  readonly bandwidth: Float64Array;
}

/** One streaming {@link Bollinger} value. */
export interface BollingerValue {
  /** middle + stdDev * sd. */
  readonly upper: number;
  /** SMA of the input. */
  readonly middle: number;
  /** middle - stdDev * sd. */
  readonly lower: number;
  /** `(x - lower) / (upper - lower)`; 0.5 when the bands coincide. */
  readonly percentB: number;
  /** `(upper - lower) / middle`; 0 when the middle is 0. */
  readonly bandwidth: number;
}

/** @internal Validated Bollinger options (`invalid_period` / `invalid_option` naming the option). */
export function resolveBollinger(fn: string, o: BollingerOptions): { period: number; mult: number } {
  return {
    period: checkPeriod(fn, 'period', o.period ?? 20),
    mult: checkPositive(fn, 'stdDev', o.stdDev ?? 2),
  };
}

/**
 * Bollinger Bands: `middle = SMA(x, period)`, `sd` = population standard deviation around that SMA
 * (`sqrt(mean(x^2) - middle^2)`, 0 below a variance of 1e-8), `upper/lower = middle +/- stdDev * sd`,
 * `%B = (x - lower) / (upper - lower)` (0.5 for zero width) and `bandwidth = (upper - lower) / middle`.
 *
 * TA-Lib `BBANDS` (SMA, equal up/down deviations) exact for upper, middle and lower; %B and bandwidth
 * follow Bollinger's definitions. Warm-up: first value at index `period - 1`.
 *
 * @param values - input series, finite values only
 * @param options - `{ period = 20, stdDev = 2 }`
 * @returns `{ upper, middle, lower, percentB, bandwidth }`, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `invalid_option`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { bollinger } from '@rrr/indicators';
 *
 * const { upper, middle, lower } = bollinger([1, 3], { period: 2, stdDev: 2 });
 * console.log(upper[1], middle[1], lower[1]); // 4 2 0
 * ```
 */
export function bollinger(values: ArrayLike<number>, options: BollingerOptions = {}): BollingerResult {
  const { period, mult } = resolveBollinger('bollinger', options);
  const columns = [values];
  const n = checkShapes('bollinger', VALUES_NAMES, columns, 'values', period - 1);
  const first = period - 1;
  const bands: BollingerResult = {
    upper: nanArray(n, first),
    middle: nanArray(n, first),
    lower: nanArray(n, first),
    percentB: nanArray(n, first),
    bandwidth: nanArray(n, first),
  };
  if (bollingerInto(values, n, period, mult, bands, null, null) !== 0) {
    nonFinite('bollinger', VALUES_NAMES, columns);
  }
  return bands;
}

/**
 * @internal The Bollinger loop over `values[0..n)` into the five columns of `bands` (from index
 * `period - 1`). With `sma` set, the middle band also goes there (the numbers of `sma(values, period)`:
 * the same running sum); with `sd` set, the population standard deviation (the numbers of
 * `stdDev(values, period)`: the same variance). Returns the finiteness sum of the inputs (0 when they are
 * all finite: `v - v` is 0 for a finite v and NaN otherwise).
 */
export function bollingerInto(
  values: ArrayLike<number>,
  n: number,
  period: number,
  mult: number,
  bands: BollingerResult,
  sma: Float64Array | null,
  sd: Float64Array | null,
): number {
  let finite = 0;
  const { upper, middle, lower, percentB, bandwidth } = bands;
  let t1 = 0;
  let t2 = 0;
  for (let i = 0; i < period - 1; i++) {
    const x = values[i] as number;
    finite += x - x;
    t1 += x;
    t2 += x * x;
  }
  for (let i = period - 1; i < n; i++) {
    const x = values[i] as number;
    finite += x - x;
    t1 += x;
    t2 += x * x;
    const mid = t1 / period;
    let m2 = t2 / period;
    const old = values[i - period + 1] as number;
    t1 -= old;
    t2 -= old * old;
    m2 -= mid * mid;
    const sigma = sqrtOrZero(m2);
    const dev = sigma * mult;
    const up = mid + dev;
    const lo = mid - dev;
    upper[i] = up;
    middle[i] = mid;
    lower[i] = lo;
    if (sma !== null) sma[i] = mid;
    if (sd !== null) sd[i] = sigma;
    const width = up - lo;
    percentB[i] = width !== 0 ? (x - lo) / width : 0.5;
    bandwidth[i] = mid !== 0 ? width / mid : 0;
  }
  return finite;
}

/**
 * Streaming {@link bollinger}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { Bollinger } from '@rrr/indicators';
 *
 * const ind = new Bollinger({ period: 2 });
 * ind.update(1);
 * console.log(ind.update(3)); // { upper: 4, middle: 2, lower: 0, percentB: 0.75, bandwidth: 2 }
 * ```
 */
export class Bollinger extends StreamingIndicator<number, BollingerValue> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly mult: number;
  private readonly moments: MomentsCore;

  /** @param options - `{ period = 20, stdDev = 2 }` */
  constructor(options: BollingerOptions = {}) {
    super();
    const { period, mult } = resolveBollinger('Bollinger', options);
    this.mult = mult;
    this.moments = new MomentsCore(period);
    this.warmup = period - 1;
  }

  protected compute(x: number): BollingerValue | null {
    checkFiniteValue('Bollinger', 'input', x);
    const variance = this.moments.peek(x);
    if (Number.isNaN(variance)) return null;
    const mid = this.moments.mean;
    const dev = sqrtOrZero(variance) * this.mult;
    const upper = mid + dev;
    const lower = mid - dev;
    const width = upper - lower;
    return {
      upper,
      middle: mid,
      lower,
      percentB: width !== 0 ? (x - lower) / width : 0.5,
      bandwidth: mid !== 0 ? width / mid : 0,
    };
  }

  protected commit(): void {
    this.moments.commit();
  }
}
