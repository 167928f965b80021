import { Ring } from '../_internal/cores.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteHead,
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  isZero,
  nanArray,
  nonFinite,
  VALUES_NAMES,
} from '../_internal/validate.js';

const CONST_MAX = 2 / (30 + 1);
const CONST_DIFF = 2 / (2 + 1) - CONST_MAX;

/** @internal Smoothing constant of KAMA from the period change and the sum of absolute changes. */
function smoothing(periodRoc: number, sumRoc1: number): number {
  let er: number;
  if (sumRoc1 <= periodRoc || isZero(sumRoc1)) er = 1;
  else er = Math.abs(periodRoc / sumRoc1);
  const sc = er * CONST_DIFF + CONST_MAX;
  return sc * sc;
}

/**
 * Kaufman adaptive moving average. Efficiency ratio `ER = |x[t] - x[t-p]| / sum_{i=t-p+1}^{t} |x[i] - x[i-1]|`,
 * smoothing `sc = (ER * (2/3 - 2/31) + 2/31)^2` (fast 2, slow 30 as in Kaufman and TA-Lib),
 * `KAMA[t] = (x[t] - KAMA[t-1]) * sc + KAMA[t-1]`, seeded with `KAMA[p-1] = x[p-1]`.
 *
 * TA-Lib `KAMA` exact, including its quirk that ER is 1 when the signed change reaches the sum of changes
 * or that sum is below 1e-8. Warm-up: first value at index `period`.
 *
 * @param values - input series, finite values only
 * @param period - efficiency-ratio length, integer >= 1 (default 10)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { kama } from '@rrr/indicators';
 *
 * kama([1, 2, 3, 4], 2)[2]; // 2.444444444444444: a straight line has ER = 1, sc = (2/3)^2, KAMA = 2 + (3 - 2) * 4/9
 * ```
 */
export function kama(values: ArrayLike<number>, period = 10): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  checkPeriod('kama', 'period', period);
  const columns = [values];
  const n = checkShapes('kama', VALUES_NAMES, columns, 'values', period);
  checkFiniteHead('kama', VALUES_NAMES, columns, period + 1);
  const out = nanArray(n, period);
  const x = values;
  let sumRoc1 = 0;
  for (let i = 1; i <= period; i++) sumRoc1 += Math.abs((x[i - 1] as number) - (x[i] as number));
  let prev = x[period - 1] as number;
  let xi = x[period] as number;
  prev = (xi - prev) * smoothing(xi - (x[0] as number), sumRoc1) + prev;
  out[period] = prev;
  for (let i = period + 1; i < n; i++) {
    xi = x[i] as number;
    finite += xi - xi;
    const trailing = x[i - period] as number;
    sumRoc1 -= Math.abs((x[i - period - 1] as number) - trailing);
    sumRoc1 += Math.abs(xi - (x[i - 1] as number));
    prev = (xi - prev) * smoothing(xi - trailing, sumRoc1) + prev;
    out[i] = prev;
  }
  if (finite !== 0) nonFinite('kama', VALUES_NAMES, columns);
  return out;
}

/**
 * Streaming {@link kama}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { KAMA } from '@rrr/indicators';
 *
 * const ind = new KAMA(2);
 * for (const x of [1, 2, 3]) ind.update(x);
 * console.log(ind.isStable); // true
 * ```
 */
export class KAMA extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `period`. */
  readonly warmup: number;
  private readonly period: number;
  private readonly ring: Ring;
  private sumRoc1 = 0;
  private prev = 0;
  private nextSum = 0;
  private nextPrev = 0;
  private lastX = 0;

  /** @param period - efficiency-ratio length, integer >= 1 (default 10) */
  constructor(period = 10) {
    super();
    checkPeriod('KAMA', 'period', period);
    this.period = period;
    this.ring = new Ring(period + 1);
    this.warmup = period;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('KAMA', 'input', x);
    this.lastX = x;
    const n = this.committed;
    const p = this.period;
    if (n === 0) {
      this.nextSum = 0;
      return null;
    }
    const ring = this.ring;
    if (n < p) {
      this.nextSum = this.sumRoc1 + Math.abs(ring.ago(0) - x);
      return null;
    }
    if (n === p) {
      const sum = this.sumRoc1 + Math.abs(ring.ago(0) - x);
      const prev = ring.ago(0);
      this.nextSum = sum;
      this.nextPrev = (x - prev) * smoothing(x - ring.ago(p - 1), sum) + prev;
      return this.nextPrev;
    }
    const trailing = ring.ago(p - 1);
    let sum = this.sumRoc1 - Math.abs(ring.ago(p) - trailing);
    sum += Math.abs(x - ring.ago(0));
    this.nextSum = sum;
    this.nextPrev = (x - this.prev) * smoothing(x - trailing, sum) + this.prev;
    return this.nextPrev;
  }

  protected commit(): void {
    this.ring.push(this.lastX);
    this.sumRoc1 = this.nextSum;
    this.prev = this.nextPrev;
  }
}
