import { checkWindow } from './check-period.js';

/**
 * A window whose standard deviation is at most this fraction of the mean's magnitude counts as flat:
 * its z-score is 0 instead of amplified rounding noise.
 */
const FLAT_TOLERANCE = 1e-12;
/** Relative variance (variance / mean^2) below which the running sums are recomputed exactly. */
const NEAR_FLAT = 1e-6;

/**
 * Causal rolling z-score, one value at a time: `(x - mean) / std` over the last `period` values
 * (population standard deviation, divisor `period`), so the output at bar `i` depends only on inputs `<= i`.
 *
 * A non-finite input (for example the NaN warm-up of an indicator column) returns `null` and restarts the
 * window: a value is produced again after `period` consecutive finite inputs. A flat window returns 0.
 * The mean and variance are updated in O(1) (sliding Welford) and recomputed exactly from the window every
 * `period` updates, which bounds rounding drift on long streams.
 *
 * @example
 * ```ts
 * import { RollingZScore } from '@rrr/indicators';
 *
 * const z = new RollingZScore(3);
 * z.update(1); // null (warm-up)
 * z.update(2); // null
 * z.update(3); // 1.224744871391589 = (3 - 2) / sqrt(2 / 3)
 * ```
 */
export class RollingZScore {
  /** Window length in values. */
  readonly period: number;
  /** Number of finite inputs needed before the first value (equals `period`). */
  readonly warmup: number;
  private readonly window: Float64Array;
  private head = 0;
  private count = 0;
  private mean = 0;
  private m2 = 0;
  private slides = 0;
  private current: number | null = null;

  /**
   * @param period - window length, an integer >= 2
   */
  constructor(period: number) {
    checkWindow('period', period, 2);
    this.period = period;
    this.warmup = period;
    this.window = new Float64Array(period);
  }

  /** Latest z-score, or `null` while the window is not full of finite values. */
  get value(): number | null {
    return this.current;
  }

  /** True once the window holds `period` consecutive finite values. */
  get isStable(): boolean {
    return this.count === this.period;
  }

  /**
   * Adds the next value and returns its z-score against the window that ends with it (or `null`).
   *
   * @param x - next value in time order
   */
  update(x: number): number | null {
    if (!Number.isFinite(x)) {
      this.reset();
      return null;
    }
    const period = this.period;
    if (this.count < period) {
      this.window[this.count] = x;
      this.count += 1;
      const delta = x - this.mean;
      this.mean += delta / this.count;
      this.m2 += delta * (x - this.mean);
      if (this.count < period) return null;
    } else {
      const old = this.window[this.head] ?? 0;
      this.window[this.head] = x;
      this.head = this.head + 1 === period ? 0 : this.head + 1;
      this.slides += 1;
      if (this.slides === period) {
        this.slides = 0;
        this.recompute();
      } else {
        const oldMean = this.mean;
        this.mean = oldMean + (x - old) / period;
        this.m2 += (x - old) * (x - this.mean + old - oldMean);
        // Sliding updates leave rounding residue in m2 of the order of eps * mean^2. When the window's variance
        // is that small relative to its mean (a flat or nearly flat window), the residue would dominate the
        // z-score, so the window is recomputed exactly (two passes) instead.
        if (this.m2 <= NEAR_FLAT * period * this.mean * this.mean) this.recompute();
      }
    }
    const variance = this.m2 > 0 ? this.m2 / period : 0;
    const std = Math.sqrt(variance);
    const z = std > FLAT_TOLERANCE * Math.abs(this.mean) && std > 0 ? (x - this.mean) / std : 0;
    this.current = z;
    return z;
  }

  /** Forgets all inputs. */
  reset(): void {
    this.head = 0;
    this.count = 0;
    this.mean = 0;
    this.m2 = 0;
    this.slides = 0;
    this.current = null;
  }

  private recompute(): void {
    const window = this.window;
    const period = this.period;
    let sum = 0;
    for (let k = 0; k < period; k++) sum += window[k] ?? 0;
    const mean = sum / period;
    let m2 = 0;
    for (let k = 0; k < period; k++) {
      const d = (window[k] ?? 0) - mean;
      m2 += d * d;
    }
    this.mean = mean;
    this.m2 = m2;
  }
}

/**
 * Causal rolling z-score of a whole column: `out[i]` uses only `values[i - period + 1 ..= i]`.
 *
 * NaN until `period` consecutive finite values have been seen (a NaN input restarts the window), 0 for a flat
 * window. Bit-identical to feeding the values one by one to {@link RollingZScore}.
 *
 * @param values - input column, oldest first
 * @param period - window length, an integer >= 2
 * @returns a new column of the same length
 * @example
 * ```ts
 * import { rollingZScore } from '@rrr/indicators';
 *
 * rollingZScore([1, 2, 3, 4], 3); // Float64Array [NaN, NaN, 1.2247..., 1.2247...]
 * ```
 */
export function rollingZScore(values: ArrayLike<number>, period: number): Float64Array {
  const kernel = new RollingZScore(period);
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = kernel.update(values[i] ?? Number.NaN);
    out[i] = z === null ? Number.NaN : z;
  }
  return out;
}
