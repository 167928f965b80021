import { checkWindow } from './check-period.js';

/**
 * Causal rolling min-max scaling, one value at a time: `(x - min) / (max - min)` over the last `period`
 * values, in `[0, 1]`; the output at bar `i` depends only on inputs `<= i`.
 *
 * A non-finite input returns `null` and restarts the window; a flat window (max = min) returns 0.5.
 * Minimum and maximum are kept in monotonic queues: O(1) amortized per value.
 *
 * @example
 * ```ts
 * import { RollingMinMax } from '@rrr/indicators';
 *
 * const scale = new RollingMinMax(3);
 * scale.update(10); // null (warm-up)
 * scale.update(20); // null
 * scale.update(15); // 0.5
 * scale.update(30); // 1
 * ```
 */
export class RollingMinMax {
  /** Window length in values. */
  readonly period: number;
  /** Number of finite inputs needed before the first value (equals `period`). */
  readonly warmup: number;
  private readonly values: Float64Array;
  private readonly maxQueue: Float64Array;
  private readonly minQueue: Float64Array;
  private maxHead = 0;
  private maxTail = 0;
  private minHead = 0;
  private minTail = 0;
  private seen = 0;
  private current: number | null = null;

  /**
   * @param period - window length, an integer >= 1
   */
  constructor(period: number) {
    checkWindow('period', period, 1);
    this.period = period;
    this.warmup = period;
    this.values = new Float64Array(period);
    // Queues hold absolute input indices (as float64: exact up to 2^53); at most `period` live entries.
    this.maxQueue = new Float64Array(period + 1);
    this.minQueue = new Float64Array(period + 1);
  }

  /** Latest scaled value, or `null` while the window is not full of finite values. */
  get value(): number | null {
    return this.current;
  }

  /** True once the window holds `period` consecutive finite values. */
  get isStable(): boolean {
    return this.seen >= this.period;
  }

  /**
   * Adds the next value and returns it scaled to the window that ends with it (or `null`).
   *
   * @param x - next value in time order
   */
  update(x: number): number | null {
    if (!Number.isFinite(x)) {
      this.reset();
      return null;
    }
    const period = this.period;
    const size = period + 1;
    const index = this.seen;
    this.values[index % period] = x;
    this.seen = index + 1;
    const oldest = index - period + 1;

    // Max queue: indices with strictly decreasing values.
    while (this.maxTail !== this.maxHead) {
      const last = this.maxTail === 0 ? size - 1 : this.maxTail - 1;
      if ((this.values[(this.maxQueue[last] ?? 0) % period] ?? 0) > x) break;
      this.maxTail = last;
    }
    this.maxQueue[this.maxTail] = index;
    this.maxTail = this.maxTail + 1 === size ? 0 : this.maxTail + 1;
    while ((this.maxQueue[this.maxHead] ?? 0) < oldest)
      this.maxHead = this.maxHead + 1 === size ? 0 : this.maxHead + 1;

    // Min queue: indices with strictly increasing values.
    while (this.minTail !== this.minHead) {
      const last = this.minTail === 0 ? size - 1 : this.minTail - 1;
      if ((this.values[(this.minQueue[last] ?? 0) % period] ?? 0) < x) break;
      this.minTail = last;
    }
    this.minQueue[this.minTail] = index;
    this.minTail = this.minTail + 1 === size ? 0 : this.minTail + 1;
    while ((this.minQueue[this.minHead] ?? 0) < oldest)
      this.minHead = this.minHead + 1 === size ? 0 : this.minHead + 1;

    if (this.seen < period) return null;
    const max = this.values[(this.maxQueue[this.maxHead] ?? 0) % period] ?? x;
    const min = this.values[(this.minQueue[this.minHead] ?? 0) % period] ?? x;
    const range = max - min;
    const scaled = range > 0 ? (x - min) / range : 0.5;
    this.current = scaled;
    return scaled;
  }

  /** Forgets all inputs. */
  reset(): void {
    this.maxHead = 0;
    this.maxTail = 0;
    this.minHead = 0;
    this.minTail = 0;
    this.seen = 0;
    this.current = null;
  }
}

/**
 * Causal rolling min-max scaling of a whole column: `out[i] = (x - min) / (max - min)` over
 * `values[i - period + 1 ..= i]`, in `[0, 1]`.
 *
 * NaN until `period` consecutive finite values have been seen (a NaN input restarts the window), 0.5 for a
 * flat window. Bit-identical to feeding the values one by one to {@link RollingMinMax}.
 *
 * @param values - input column, oldest first
 * @param period - window length, an integer >= 1
 * @returns a new column of the same length
 * @example
 * ```ts
 * import { rollingMinMax } from '@rrr/indicators';
 *
 * rollingMinMax([10, 20, 15, 30], 3); // Float64Array [NaN, NaN, 0.5, 1]
 * ```
 */
export function rollingMinMax(values: ArrayLike<number>, period: number): Float64Array {
  const kernel = new RollingMinMax(period);
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const scaled = kernel.update(values[i] ?? Number.NaN);
    out[i] = scaled === null ? Number.NaN : scaled;
  }
  return out;
}
