import { InvalidSeriesError } from '../errors.js';
import type { Bar } from '../series/index.js';
import {
  bucketStart,
  checkAligned,
  type ResamplePlan,
  resamplePlan,
  type TimeframeInput,
} from './timeframe.js';

/** A bar emitted by {@link StreamingResampler}: the aggregate of one closed bucket. */
export interface ResampledBar extends Bar {
  /** Number of source bars aggregated into this bar. */
  readonly sourceBars: number;
  /** True when the bucket held every expected source bar (`to / from` of them). */
  readonly complete: boolean;
}

/** Options of {@link StreamingResampler}. */
export interface StreamingResamplerOptions {
  /** Timeframe of the input bars (`'1m'` or `60_000`). */
  readonly from: TimeframeInput;
  /** Target timeframe, a whole multiple of `from`. */
  readonly to: TimeframeInput;
  /** Shift of the bucket grid in ms (default 0 = epoch-aligned), as in `resample`. */
  readonly offset?: number;
}

/**
 * Streaming counterpart of `resample`: consumes closed source bars in time order and emits an aggregated
 * bar only once its bucket has closed, i.e. when the first bar of a later bucket arrives, or when
 * {@link StreamingResampler.close} is called with a time at or after the bucket's end. A bucket without
 * source bars emits nothing (gaps stay gaps). The emitted bars equal those of `resample` on the same input.
 *
 * @example
 * ```ts
 * import { StreamingResampler } from '@rrr/indicators';
 *
 * const minute = 60_000;
 * const resampler = new StreamingResampler({ from: '1m', to: '5m' });
 * resampler.update({ timestamp: 0, open: 10, high: 11, low: 9, close: 11, volume: 1 }); // null
 * resampler.update({ timestamp: 4 * minute, open: 11, high: 12, low: 10, close: 12, volume: 2 }); // null
 * // the 00:04 bar closes at 00:05, which is also the end of the 00:00 bucket:
 * const bar = resampler.close(5 * minute);
 * // { timestamp: 0, open: 10, high: 12, low: 9, close: 12, volume: 3, sourceBars: 2, complete: false }
 * ```
 */
export class StreamingResampler {
  private readonly plan: ResamplePlan;
  private hasBucket = false;
  private start = 0;
  private lastTime = Number.NEGATIVE_INFINITY;
  private open = 0;
  private high = 0;
  private low = 0;
  private close_ = 0;
  private volume = 0;
  private count = 0;

  /**
   * @param options - source and target timeframes
   */
  constructor(options: StreamingResamplerOptions) {
    this.plan = resamplePlan(options.from, options.to, options.offset);
  }

  /** Target bar duration in ms. */
  get timeframeMs(): number {
    return this.plan.targetMs;
  }

  /**
   * The bucket being filled, as it would be emitted now (provisional, may still change), or `null`.
   */
  get pending(): ResampledBar | null {
    return this.hasBucket ? this.snapshot() : null;
  }

  /**
   * Adds the next closed source bar. Returns the previous bucket's bar when this bar starts a later bucket,
   * else `null`.
   *
   * @param bar - next source bar; its timestamp must be on the source grid and after the previous one
   */
  update(bar: Bar): ResampledBar | null {
    const time = bar.timestamp;
    if (!(time > this.lastTime)) {
      throw new InvalidSeriesError(
        'invalid_series',
        -1,
        'timestamp',
        `bar.timestamp ${time} must be after the previous bar's ${this.lastTime}`,
      );
    }
    checkAligned(time, this.plan, -1);
    this.lastTime = time;
    const start = bucketStart(time, this.plan.targetMs, this.plan.offsetMs);
    let emitted: ResampledBar | null = null;
    if (this.hasBucket && start !== this.start) {
      emitted = this.snapshot();
      this.hasBucket = false;
    }
    if (!this.hasBucket) {
      this.hasBucket = true;
      this.start = start;
      this.open = bar.open;
      this.high = bar.high;
      this.low = bar.low;
      this.close_ = bar.close;
      this.volume = bar.volume;
      this.count = 1;
      return emitted;
    }
    if (bar.high > this.high) this.high = bar.high;
    if (bar.low < this.low) this.low = bar.low;
    this.close_ = bar.close;
    this.volume += bar.volume;
    this.count += 1;
    return emitted;
  }

  /**
   * Emits the bucket being filled if it has closed by `time` (`time >= bucket open + timeframe`), else
   * returns `null`. Call it from a clock or timer to get a bar without waiting for the next source bar.
   *
   * @param time - current time in ms UTC
   */
  close(time: number): ResampledBar | null {
    if (!this.hasBucket || time < this.start + this.plan.targetMs) return null;
    const bar = this.snapshot();
    this.hasBucket = false;
    return bar;
  }

  private snapshot(): ResampledBar {
    return {
      timestamp: this.start,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close_,
      volume: this.volume,
      sourceBars: this.count,
      complete: this.count === this.plan.perBucket,
    };
  }
}
