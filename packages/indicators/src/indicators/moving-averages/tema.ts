import { EmaCore } from '../_internal/cores.js';
import { seedEmaChain } from '../_internal/kernels.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  nanArray,
  nonFinite,
  VALUES_NAMES,
} from '../_internal/validate.js';

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
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('tema', 'period', period);
  const lb = period - 1;
  const first = 3 * lb;
  const columns = [values];
  const n = checkShapes('tema', VALUES_NAMES, columns, 'values', first);
  const k = 2 / (period + 1);
  const k1 = 1 - k;
  const out = nanArray(n, first);
  // three TA-Lib EMAs in one pass with scalar state: seeded together, then the steady loop
  const seeded = new Float64Array(3);
  finite += seedEmaChain(values, period, k, seeded);
  let e1 = seeded[0] as number;
  let e2 = seeded[1] as number;
  let e3 = seeded[2] as number;
  out[first] = e3 + (3 * e1 - 3 * e2);
  // steady state: all three EMAs running
  for (let i = first + 1; i < n; i++) {
    const x = values[i] as number;
    finite += x - x;
    e1 = x * k + e1 * k1;
    e2 = e1 * k + e2 * k1;
    e3 = e2 * k + e3 * k1;
    out[i] = e3 + (3 * e1 - 3 * e2);
  }
  if (finite !== 0) nonFinite('tema', VALUES_NAMES, columns);
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
