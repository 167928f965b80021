import { MomentsCore } from '../_internal/cores.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  nanArray,
  nonFinite,
  VALUES_NAMES,
} from '../_internal/validate.js';

/** @internal `sqrt(variance)`, 0 when the variance is below 1e-8 (TA-Lib's `TA_IS_ZERO_OR_NEG`). */
export function sqrtOrZero(variance: number): number {
  return variance < 0.00000001 ? 0 : Math.sqrt(variance);
}

/**
 * Rolling population standard deviation (divide by `period`):
 * `sd = sqrt(mean(x^2) - mean(x)^2)` over the last `period` values, from running sums of `x` and `x^2`;
 * a variance below 1e-8 (flat window, rounding noise) gives exactly 0.
 *
 * TA-Lib `STDDEV` (nbDev 1) exact, same running sums. For prices around 1e5 the running sums lose about
 * 1e-6 in absolute accuracy; use {@link bollinger} for bands. Warm-up: first value at index `period - 1`.
 *
 * @param values - input series, finite values only
 * @param period - integer >= 1 (default 20)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { stdDev } from '@rrr/indicators';
 *
 * stdDev([2, 4, 4, 4, 5, 5, 7, 9], 8)[7]; // 2
 * ```
 */
export function stdDev(values: ArrayLike<number>, period = 20): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('stdDev', 'period', period);
  const columns = [values];
  const n = checkShapes('stdDev', VALUES_NAMES, columns, 'values', period - 1);
  const out = nanArray(n, period - 1);
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
    const m1 = t1 / period;
    const m2 = t2 / period;
    const old = values[i - period + 1] as number;
    t1 -= old;
    t2 -= old * old;
    out[i] = sqrtOrZero(m2 - m1 * m1);
  }
  if (finite !== 0) nonFinite('stdDev', VALUES_NAMES, columns);
  return out;
}

/**
 * Streaming {@link stdDev}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { StdDev } from '@rrr/indicators';
 *
 * const ind = new StdDev(2);
 * ind.update(1);
 * console.log(ind.update(3)); // 1
 * ```
 */
export class StdDev extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly moments: MomentsCore;

  /** @param period - integer >= 1 (default 20) */
  constructor(period = 20) {
    super();
    checkPeriod('StdDev', 'period', period);
    this.moments = new MomentsCore(period);
    this.warmup = period - 1;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('StdDev', 'input', x);
    const variance = this.moments.peek(x);
    return Number.isNaN(variance) ? null : sqrtOrZero(variance);
  }

  protected commit(): void {
    this.moments.commit();
  }
}
