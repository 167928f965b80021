import { WmaCore } from '../_internal/cores.js';
import { wmaInto } from '../_internal/kernels.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import { checkFiniteValue, checkPeriod, checkShapes, nanArray, VALUES_NAMES } from '../_internal/validate.js';

/**
 * Linearly weighted moving average: weights 1..p, newest heaviest,
 * `WMA[t] = sum_{i=0}^{p-1} (p - i) * x[t-i] / (p (p + 1) / 2)`.
 *
 * TA-Lib `WMA` exact (same O(1) running-sum recurrence). Warm-up: first value at index `period - 1`.
 *
 * @param values - input series, finite values only
 * @param period - integer >= 1 (default 20)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { wma } from '@rrr/indicators';
 *
 * wma([1, 2, 3], 3); // Float64Array [NaN, NaN, 2.3333333333333335]
 * ```
 */
export function wma(values: ArrayLike<number>, period = 20): Float64Array {
  checkPeriod('wma', 'period', period);
  const n = checkShapes('wma', VALUES_NAMES, [values], 'values', period - 1);
  const out = nanArray(n, period - 1);
  // wmaInto checks the finiteness of every input on its way
  wmaInto(values, 0, n, period, out, 'wma');
  return out;
}

/**
 * Streaming {@link wma}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { WMA } from '@rrr/indicators';
 *
 * const ind = new WMA(3);
 * for (const x of [1, 2, 3]) ind.update(x);
 * console.log(ind.value); // 2.3333333333333335
 * ```
 */
export class WMA extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly core: WmaCore;

  /** @param period - integer >= 1 (default 20) */
  constructor(period = 20) {
    super();
    checkPeriod('WMA', 'period', period);
    this.core = new WmaCore(period);
    this.warmup = period - 1;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('WMA', 'input', x);
    const v = this.core.peek(x);
    return !Number.isNaN(v) ? v : null;
  }

  protected commit(): void {
    this.core.commit();
  }
}
