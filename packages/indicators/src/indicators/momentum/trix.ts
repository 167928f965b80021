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
 * TRIX (Hutson): one-bar rate of change, in percent, of a triple-smoothed EMA:
 * `E3 = EMA(EMA(EMA(x)))`, `TRIX[t] = (E3[t] / E3[t-1] - 1) * 100` (0 when `E3[t-1]` is 0).
 *
 * TA-Lib `TRIX` exact (TA-Lib EMAs with SMA seeds). Warm-up: first value at index `3 * (period - 1) + 1`.
 *
 * @param values - input series, finite values only
 * @param period - EMA length, integer >= 1 (default 30, TA-Lib's default)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { trix } from '@rrr/indicators';
 *
 * trix([100, 100, 100, 100], 1)[3]; // 0
 * ```
 */
export function trix(values: ArrayLike<number>, period = 30): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('trix', 'period', period);
  const lb = period - 1;
  const columns = [values];
  const n = checkShapes('trix', VALUES_NAMES, columns, 'values', 3 * lb + 1);
  const k = 2 / (period + 1);
  const k1 = 1 - k;
  const out = nanArray(n, 3 * lb + 1);
  // three TA-Lib EMAs: seeded together through index 3 * (period - 1), then the steady loop
  const warm = 3 * lb + 1;
  const seeded = new Float64Array(3);
  finite += seedEmaChain(values, period, k, seeded);
  let e1 = seeded[0] as number;
  let e2 = seeded[1] as number;
  let e3 = seeded[2] as number;
  // steady state: all three EMAs running, no phase branches
  for (let i = warm; i < n; i++) {
    const x = values[i] as number;
    finite += x - x;
    e1 = x * k + e1 * k1;
    e2 = e1 * k + e2 * k1;
    const next = e2 * k + e3 * k1;
    out[i] = e3 !== 0 ? (next / e3 - 1) * 100 : 0;
    e3 = next;
  }
  if (finite !== 0) nonFinite('trix', VALUES_NAMES, columns);
  return out;
}

/**
 * Streaming {@link trix}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { TRIX } from '@rrr/indicators';
 *
 * const ind = new TRIX(1);
 * ind.update(100);
 * console.log(ind.update(101)); // 1.0000000000000009
 * ```
 */
export class TRIX extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `3 * (period - 1) + 1`. */
  readonly warmup: number;
  private readonly e1: EmaCore;
  private readonly e2: EmaCore;
  private readonly e3: EmaCore;
  private fed2 = false;
  private fed3 = false;
  private prevE3 = Number.NaN;
  private nextE3 = Number.NaN;

  /** @param period - EMA length, integer >= 1 (default 30) */
  constructor(period = 30) {
    super();
    checkPeriod('TRIX', 'period', period);
    this.e1 = new EmaCore(period);
    this.e2 = new EmaCore(period);
    this.e3 = new EmaCore(period);
    this.warmup = 3 * (period - 1) + 1;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('TRIX', 'input', x);
    this.fed3 = false;
    this.nextE3 = Number.NaN;
    const v1 = this.e1.peek(x);
    this.fed2 = !Number.isNaN(v1);
    if (!this.fed2) return null;
    const v2 = this.e2.peek(v1);
    this.fed3 = !Number.isNaN(v2);
    if (!this.fed3) return null;
    const v3 = this.e3.peek(v2);
    this.nextE3 = v3;
    const prev = this.prevE3;
    if (Number.isNaN(v3) || Number.isNaN(prev)) return null;
    return prev !== 0 ? (v3 / prev - 1) * 100 : 0;
  }

  protected commit(): void {
    this.e1.commit();
    if (this.fed2) this.e2.commit();
    if (this.fed3) this.e3.commit();
    this.prevE3 = this.nextE3;
  }
}
