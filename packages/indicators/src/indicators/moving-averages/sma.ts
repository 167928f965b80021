import { SmaCore } from '../_internal/cores.js';
import { smaInto } from '../_internal/kernels.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import { checkFiniteValue, checkPeriod, checkShapes, nanArray, VALUES_NAMES } from '../_internal/validate.js';

/**
 * Simple moving average: `SMA[t] = (x[t-p+1] + ... + x[t]) / p`.
 *
 * TA-Lib `SMA` exact (same running sum: add the new value, divide, subtract the oldest).
 * Warm-up: the first value is at index `period - 1`; earlier entries are NaN.
 *
 * @param values - input series (Float64Array or number[]), finite values only
 * @param period - window length, integer >= 1 (default 20)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data` (fewer than `period` values)
 *
 * @example
 * ```ts
 * import { sma } from '@rrr/indicators';
 *
 * sma([1, 2, 3, 4], 2); // Float64Array [NaN, 1.5, 2.5, 3.5]
 * ```
 */
export function sma(values: ArrayLike<number>, period = 20): Float64Array {
  checkPeriod('sma', 'period', period);
  const n = checkShapes('sma', VALUES_NAMES, [values], 'values', period - 1);
  const out = nanArray(n, period - 1);
  // smaInto checks the finiteness of every input on its way
  smaInto(values, 0, n, period, out, 'sma');
  return out;
}

/**
 * Streaming {@link sma}: same numbers bit for bit, O(1) per update (ring buffer and running sum).
 *
 * @example
 * ```ts
 * import { SMA } from '@rrr/indicators';
 *
 * const ind = new SMA(3);
 * for (const x of [1, 2, 3, 4]) ind.update(x);
 * console.log(ind.value); // 3
 * ```
 */
export class SMA extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly core: SmaCore;

  /** @param period - window length, integer >= 1 (default 20) */
  constructor(period = 20) {
    super();
    checkPeriod('SMA', 'period', period);
    this.core = new SmaCore(period);
    this.warmup = period - 1;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('SMA', 'input', x);
    const v = this.core.peek(x);
    return !Number.isNaN(v) ? v : null;
  }

  protected commit(): void {
    this.core.commit();
  }
}
