import { EmaCore } from '../_internal/cores.js';
import { emaInto } from '../_internal/kernels.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import { checkEnough, checkFiniteValue, checkInput, checkPeriod, nanArray } from '../_internal/validate.js';

/**
 * Triple exponential moving average (Mulloy): `TEMA = EMA3 + (3 * EMA1 - 3 * EMA2)` where EMA2 is the EMA
 * of EMA1 and EMA3 the EMA of EMA2 (TA-Lib EMAs: SMA seed, `k = 2 / (period + 1)`).
 *
 * TA-Lib `TEMA` exact. Warm-up: first value at index `3 * (period - 1)`.
 *
 * @param values - input series, finite values only
 * @param period - integer >= 1 (default 20)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { tema } from '@rrr/indicators';
 *
 * tema([1, 2, 3, 4, 5], 2)[4]; // 5
 * ```
 */
export function tema(values: ArrayLike<number>, period = 20): Float64Array {
  checkPeriod('tema', 'period', period);
  const n = checkInput('tema', 'values', values);
  const first = 3 * (period - 1);
  checkEnough('tema', 'values', n, first);
  const k = 2 / (period + 1);
  const e1 = nanArray(n, period - 1);
  const e2 = nanArray(n, 2 * (period - 1));
  const out = nanArray(n, first);
  emaInto(values, 0, n, period, k, e1);
  emaInto(e1, period - 1, n, period, k, e2);
  emaInto(e2, 2 * (period - 1), n, period, k, out);
  for (let i = first; i < n; i++) {
    out[i] = (out[i] as number) + (3 * (e1[i] as number) - 3 * (e2[i] as number));
  }
  return out;
}

/**
 * Streaming {@link tema}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { TEMA } from '@rrr/indicators';
 *
 * const ind = new TEMA(2);
 * for (const x of [1, 2, 3, 4, 5]) ind.update(x);
 * console.log(ind.value); // 5
 * ```
 */
export class TEMA extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `3 * (period - 1)`. */
  readonly warmup: number;
  private readonly e1: EmaCore;
  private readonly e2: EmaCore;
  private readonly e3: EmaCore;
  private fed2 = false;
  private fed3 = false;

  /** @param period - integer >= 1 (default 20) */
  constructor(period = 20) {
    super();
    checkPeriod('TEMA', 'period', period);
    this.e1 = new EmaCore(period);
    this.e2 = new EmaCore(period);
    this.e3 = new EmaCore(period);
    this.warmup = 3 * (period - 1);
  }

  protected compute(x: number): number | null {
    checkFiniteValue('TEMA', 'input', x);
    this.fed3 = false;
    const v1 = this.e1.peek(x);
    this.fed2 = !Number.isNaN(v1);
    if (!this.fed2) return null;
    const v2 = this.e2.peek(v1);
    this.fed3 = !Number.isNaN(v2);
    if (!this.fed3) return null;
    const v3 = this.e3.peek(v2);
    return !Number.isNaN(v3) ? v3 + (3 * v1 - 3 * v2) : null;
  }

  protected commit(): void {
    this.e1.commit();
    if (this.fed2) this.e2.commit();
    if (this.fed3) this.e3.commit();
  }
}
