import type { Bar, OhlcvSeries } from '../series/index.js';

/**
 * Writes the columns of one feature group for a newly closed bar into `row` starting at `offset`.
 *
 * @internal
 */
export type BlockStep = (bar: Bar, row: Float64Array, offset: number) => void;

/**
 * One feature group, computable over a whole series (batch) or bar by bar (streaming) with identical
 * floating-point operations, so both give the same bits.
 *
 * @internal
 */
export interface FeatureBlock {
  /** Number of columns the group produces. */
  readonly width: number;
  /** All columns of the group over the whole series (NaN during warm-up). */
  batch(series: OhlcvSeries): readonly Float64Array[];
  /** A fresh streaming state. */
  stream(): BlockStep;
}

/**
 * Ring of the last `size` values, for features that look a fixed number of bars back.
 *
 * @internal
 */
export class Lookback {
  private readonly ring: Float64Array;
  private count = 0;

  constructor(size: number) {
    this.ring = new Float64Array(size);
  }

  /** Value pushed `k` pushes ago (k = 1: the previous push), NaN when there is none. */
  ago(k: number): number {
    if (k > this.count || k > this.ring.length) return Number.NaN;
    const size = this.ring.length;
    return this.ring[(((this.count - k) % size) + size) % size] ?? Number.NaN;
  }

  push(x: number): void {
    this.ring[this.count % this.ring.length] = x;
    this.count += 1;
  }
}

/**
 * Population standard deviation of the last `period` finite values (NaN until `period` consecutive finite
 * values; a NaN restarts the window), from running sums in O(1) per value, recomputed exactly from the
 * window every `period` values to stop rounding drift. Meant for series with a mean near 0 relative to
 * their spread (log returns). Used identically by batch and streaming.
 *
 * @internal
 */
export class WindowStd {
  private readonly ring: Float64Array;
  private run = 0;
  private sum = 0;
  private sumSq = 0;

  constructor(readonly period: number) {
    this.ring = new Float64Array(period);
  }

  push(x: number): number {
    if (!Number.isFinite(x)) {
      this.run = 0;
      this.sum = 0;
      this.sumSq = 0;
      return Number.NaN;
    }
    const p = this.period;
    const slot = this.run % p;
    if (this.run >= p) {
      const old = this.ring[slot] as number;
      this.sum -= old;
      this.sumSq -= old * old;
    }
    this.ring[slot] = x;
    this.sum += x;
    this.sumSq += x * x;
    this.run += 1;
    if (this.run < p) return Number.NaN;
    if (this.run % p === 0) {
      let sum = 0;
      let sumSq = 0;
      for (let k = 0; k < p; k++) {
        const v = this.ring[k] as number;
        sum += v;
        sumSq += v * v;
      }
      this.sum = sum;
      this.sumSq = sumSq;
    }
    const mean = this.sum / p;
    const variance = this.sumSq / p - mean * mean;
    return variance > 0 ? Math.sqrt(variance) : 0;
  }
}

/** `(x - lower) / (upper - lower)`, 0.5 for a flat channel, NaN when an input is NaN. @internal */
export function channelPosition(x: number, lower: number, upper: number): number {
  const width = upper - lower;
  if (width > 0) return (x - lower) / width;
  return width === 0 ? 0.5 : Number.NaN;
}

/** `a / b - 1`. @internal */
export function ratioMinusOne(a: number, b: number): number {
  return a / b - 1;
}

/** Streaming value (`null` during warm-up) as a number (NaN during warm-up). @internal */
export function orNaN(value: number | null | undefined): number {
  return value ?? Number.NaN;
}
