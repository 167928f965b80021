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
 * Double exponential moving average (Mulloy): `DEMA = 2 * EMA(x) - EMA(EMA(x))`, both EMAs TA-Lib style
 * (SMA seed, `k = 2 / (period + 1)`), the second one run over the first one's values.
 *
 * TA-Lib `DEMA` exact. Warm-up: first value at index `2 * (period - 1)`.
 *
 * @param values - input series, finite values only
 * @param period - integer >= 1 (default 20)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { dema } from '@rrr/indicators';
 *
 * dema([1, 2, 3, 4, 5], 2)[4]; // 5
 * ```
 */
export function dema(values: ArrayLike<number>, period = 20): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('dema', 'period', period);
  const lb = period - 1;
  const first = 2 * lb;
  const columns = [values];
  const n = checkShapes('dema', VALUES_NAMES, columns, 'values', first);
  const k = 2 / (period + 1);
  const k1 = 1 - k;
  const out = nanArray(n, first);
  // both TA-Lib EMAs in one pass with scalar state: seeded together, then the steady loop
  const seeded = new Float64Array(2);
  finite += seedEmaChain(values, period, k, seeded);
  let e1 = seeded[0] as number;
  let e2 = seeded[1] as number;
  out[first] = 2 * e1 - e2;
  // steady state: both EMAs running
  for (let i = first + 1; i < n; i++) {
    const x = values[i] as number;
    finite += x - x;
    e1 = x * k + e1 * k1;
    e2 = e1 * k + e2 * k1;
    out[i] = 2 * e1 - e2;
  }
  if (finite !== 0) nonFinite('dema', VALUES_NAMES, columns);
  return out;
}

/**
 * Streaming {@link dema}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { DEMA } from '@rrr/indicators';
 *
 * const ind = new DEMA(2);
 * for (const x of [1, 2, 3, 4, 5]) ind.update(x);
 * console.log(ind.value); // 5
 * ```
 */
export class DEMA extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `2 * (period - 1)`. */
  readonly warmup: number;
  private readonly e1: EmaCore;
  private readonly e2: EmaCore;
  private fed2 = false;

  /** @param period - integer >= 1 (default 20) */
  constructor(period = 20) {
    super();
    checkPeriod('DEMA', 'period', period);
    this.e1 = new EmaCore(period);
    this.e2 = new EmaCore(period);
    this.warmup = 2 * (period - 1);
  }

  protected compute(x: number): number | null {
    checkFiniteValue('DEMA', 'input', x);
    const v1 = this.e1.peek(x);
    this.fed2 = !Number.isNaN(v1);
    if (!this.fed2) return null;
    const v2 = this.e2.peek(v1);
    return !Number.isNaN(v2) ? 2 * v1 - v2 : null;
  }

  protected commit(): void {
    this.e1.commit();
    if (this.fed2) this.e2.commit();
  }
}
