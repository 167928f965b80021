import { StreamingIndicator } from '../_internal/streaming.js';

/** @internal Exact re-summation interval of the running sums. */
const RESYNC = 1024;

import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  nanArray,
  nonFinite,
  VALUES_NAMES,
} from '../_internal/validate.js';

/**
 * Slope of the least-squares line through the last `period` values, per bar:
 * with ages `a = 0` (newest) .. `p - 1`, `slope = (p * sum(a * x) - sum(a) * sum(x)) / (sum(a)^2 - p * sum(a^2))`.
 *
 * TA-Lib `LINEARREG_SLOPE` exact (within 1e-9; TA-Lib re-sums the window at every bar). Here the sums are
 * updated in O(1) (`sum(a x)` grows by `sum(x)` and loses `period * x[t-p]`) and re-summed exactly every
 * 1,024 values, which bounds their rounding drift. Warm-up: first value at index `period - 1`.
 *
 * @param values - input series, finite values only
 * @param period - integer >= 2 (default 14)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { linRegSlope } from '@rrr/indicators';
 *
 * linRegSlope([1, 3, 5, 7], 3); // Float64Array [NaN, NaN, 2, 2]
 * ```
 */
export function linRegSlope(values: ArrayLike<number>, period = 14): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('linRegSlope', 'period', period, 2);
  const columns = [values];
  const n = checkShapes('linRegSlope', VALUES_NAMES, columns, 'values', period - 1);
  const out = nanArray(n, period - 1);
  const sumX = period * (period - 1) * 0.5;
  const sumXSqr = (period * (period - 1) * (2 * period - 1)) / 6;
  const divisor = sumX * sumX - period * sumXSqr;
  let sumXY = 0;
  let sumY = 0;
  // values until the next exact resync ((t - period + 1) % RESYNC === 0), counted down
  let untilResync = 0;
  for (let t = period - 1; t < n; t++) {
    if (untilResync === 0) {
      untilResync = RESYNC;
      // exact window sums (TA-Lib's loop), every RESYNC values, bound the drift of the running sums
      sumXY = 0;
      sumY = 0;
      for (let a = period - 1; a >= 0; a--) {
        const v = values[t - a] as number;
        finite += v - v;
        sumY += v;
        sumXY += a * v;
      }
    } else {
      // every value is read once here or in the exact window sums above (the first window included)
      const y = values[t] as number;
      finite += y - y;
      const old = values[t - period] as number;
      sumXY = sumXY + sumY - period * old;
      sumY = sumY + y - old;
    }
    out[t] = (period * sumXY - sumX * sumY) / divisor;
    untilResync--;
  }
  if (finite !== 0) nonFinite('linRegSlope', VALUES_NAMES, columns);
  return out;
}

/**
 * Streaming {@link linRegSlope}: same numbers bit for bit, O(1) per update (O(period) once every 1,024 values).
 *
 * @example
 * ```ts
 * import { LinRegSlope } from '@rrr/indicators';
 *
 * const ind = new LinRegSlope(3);
 * for (const x of [1, 3, 5]) ind.update(x);
 * console.log(ind.value); // 2
 * ```
 */
export class LinRegSlope extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly period: number;
  private readonly ring: Float64Array;
  private readonly sumX: number;
  private readonly divisor: number;
  private lastX = 0;
  private sumXY = 0;
  private sumY = 0;
  private nSumXY = 0;
  private nSumY = 0;

  /** @param period - integer >= 2 (default 14) */
  constructor(period = 14) {
    super();
    checkPeriod('LinRegSlope', 'period', period, 2);
    this.period = period;
    this.ring = new Float64Array(period);
    this.sumX = period * (period - 1) * 0.5;
    const sumXSqr = (period * (period - 1) * (2 * period - 1)) / 6;
    this.divisor = this.sumX * this.sumX - period * sumXSqr;
    this.warmup = period - 1;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('LinRegSlope', 'input', x);
    this.lastX = x;
    const p = this.period;
    const n = this.committed;
    if (n < p - 1) return null;
    const ring = this.ring;
    let sumXY: number;
    let sumY: number;
    if ((n - p + 1) % RESYNC === 0) {
      sumXY = 0;
      sumY = 0;
      for (let a = p - 1; a >= 1; a--) {
        const v = ring[(n - a) % p] as number;
        sumY += v;
        sumXY += a * v;
      }
      sumY += x;
      sumXY += 0 * x;
    } else {
      const old = ring[(n - p) % p] as number;
      sumXY = this.sumXY + this.sumY - p * old;
      sumY = this.sumY + x - old;
    }
    this.nSumXY = sumXY;
    this.nSumY = sumY;
    return (p * sumXY - this.sumX * sumY) / this.divisor;
  }

  protected commit(): void {
    this.ring[this.committed % this.period] = this.lastX;
    this.sumXY = this.nSumXY;
    this.sumY = this.nSumY;
  }
}
