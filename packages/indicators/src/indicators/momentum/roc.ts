import { Ring } from '../_internal/cores.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteHead,
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  nanArray,
  nonFinite,
  VALUES_NAMES,
} from '../_internal/validate.js';

/**
 * Rate of change in percent: `ROC[t] = (x[t] / x[t-p] - 1) * 100`, 0 when `x[t-p]` is 0.
 *
 * TA-Lib `ROC` exact. Warm-up: first value at index `period`.
 *
 * @param values - input series, finite values only
 * @param period - integer >= 1 (default 10)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { roc } from '@rrr/indicators';
 *
 * roc([100, 110, 99], 1); // Float64Array [NaN, 10.000000000000009, -9.999999999999998]
 * ```
 */
export function roc(values: ArrayLike<number>, period = 10): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('roc', 'period', period);
  const columns = [values];
  const n = checkShapes('roc', VALUES_NAMES, columns, 'values', period);
  checkFiniteHead('roc', VALUES_NAMES, columns, period);
  const out = nanArray(n, period);
  for (let i = period; i < n; i++) {
    const x = values[i] as number;
    finite += x - x;
    const prev = values[i - period] as number;
    out[i] = prev !== 0 ? (x / prev - 1) * 100 : 0;
  }
  if (finite !== 0) nonFinite('roc', VALUES_NAMES, columns);
  return out;
}

/**
 * Streaming {@link roc}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { ROC } from '@rrr/indicators';
 *
 * const ind = new ROC(1);
 * ind.update(100);
 * console.log(ind.update(110)); // 10.000000000000009
 * ```
 */
export class ROC extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `period`. */
  readonly warmup: number;
  private readonly period: number;
  private readonly ring: Ring;
  private lastX = 0;

  /** @param period - integer >= 1 (default 10) */
  constructor(period = 10) {
    super();
    checkPeriod('ROC', 'period', period);
    this.period = period;
    this.ring = new Ring(period);
    this.warmup = period;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('ROC', 'input', x);
    this.lastX = x;
    if (this.committed < this.period) return null;
    const prev = this.ring.ago(this.period - 1);
    return prev !== 0 ? (x / prev - 1) * 100 : 0;
  }

  protected commit(): void {
    this.ring.push(this.lastX);
  }
}
