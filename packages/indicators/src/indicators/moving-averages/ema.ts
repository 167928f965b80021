import { EmaCore } from '../_internal/cores.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import { checkEnough, checkFiniteValue, checkInput, checkPeriod, nanArray } from '../_internal/validate.js';

/**
 * Exponential moving average with `k = 2 / (period + 1)`, seeded with the SMA of the first `period`
 * values (TA-Lib default): `EMA[p-1] = SMA(x[0..p-1])`, then `EMA[t] = k * x[t] + (1 - k) * EMA[t-1]` (evaluated as
 * `x * k + EMA * (1 - k)`, one multiply shorter on the dependency chain than TA-Lib's `(x - EMA) * k + EMA`;
 * the two differ in the last bits only).
 *
 * TA-Lib `EMA` exact. Warm-up: first value at index `period - 1`.
 *
 * @param values - input series, finite values only
 * @param period - integer >= 1 (default 20)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { ema } from '@rrr/indicators';
 *
 * ema([1, 2, 3, 4], 3); // Float64Array [NaN, NaN, 2, 3]
 * ```
 */
export function ema(values: ArrayLike<number>, period = 20): Float64Array {
  checkPeriod('ema', 'period', period);
  const n =
    typeof values === 'object' && values !== null ? values.length : checkInput('ema', 'values', values);
  checkEnough('ema', 'values', n, period - 1);
  const out = nanArray(n, period - 1);
  const k = 2 / (period + 1);
  const k1 = 1 - k;
  // the finiteness check is folded into the single pass: v - v is 0 for finite v, NaN otherwise (NaN
  // sticks in the sum); checkInput then throws the usual error naming the first bad value
  let finite = 0;
  let sum = 0;
  for (let i = 0; i < period; i++) {
    const x = values[i] as number;
    finite += x - x;
    sum += x;
  }
  let prev = sum / period;
  out[period - 1] = prev;
  for (let i = period; i < n; i++) {
    const x = values[i] as number;
    finite += x - x;
    prev = x * k + prev * k1;
    out[i] = prev;
  }
  if (finite !== 0) checkInput('ema', 'values', values);
  return out;
}

/**
 * Streaming {@link ema}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { EMA } from '@rrr/indicators';
 *
 * const ind = new EMA(3);
 * for (const x of [1, 2, 3, 4]) ind.update(x);
 * console.log(ind.value); // 3
 * ```
 */
export class EMA extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `period - 1`. */
  readonly warmup: number;
  private readonly core: EmaCore;

  /** @param period - integer >= 1 (default 20) */
  constructor(period = 20) {
    super();
    checkPeriod('EMA', 'period', period);
    this.core = new EmaCore(period);
    this.warmup = period - 1;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('EMA', 'input', x);
    const v = this.core.peek(x);
    return !Number.isNaN(v) ? v : null;
  }

  protected commit(): void {
    this.core.commit();
  }
}
