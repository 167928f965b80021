import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteHead,
  checkFiniteValue,
  checkPeriod,
  checkPositive,
  checkShapes,
  HLC_NAMES,
  nanArray,
  nonFinite,
} from '../_internal/validate.js';
import type { HighLowClose } from '../types.js';
import { AtrCore, trueRange } from '../volatility/atr.js';

/** Options of {@link supertrend} and {@link Supertrend}. */
export interface SupertrendOptions {
  /** ATR length, integer >= 1 (default 10). */
  readonly atrPeriod?: number;
  /** Band distance in ATRs, > 0 (default 3). */
  readonly multiplier?: number;
}

/** Output of {@link supertrend}: two columns of the input's length. */
export interface SupertrendResult {
  /** The trailing stop line: the lower band in an uptrend, the upper band in a downtrend. */
  readonly supertrend: Float64Array;
  /** +1 in an uptrend, -1 in a downtrend (NaN during the warm-up). */
  readonly direction: Float64Array;
}

/** One streaming {@link Supertrend} value. */
export interface SupertrendValue {
  /** The trailing stop line. */
  readonly supertrend: number;
  /** +1 in an uptrend, -1 in a downtrend. */
  readonly direction: number;
}

function resolve(fn: string, o: SupertrendOptions): { atrPeriod: number; mult: number } {
  return {
    atrPeriod: checkPeriod(fn, 'atrPeriod', o.atrPeriod ?? 10),
    mult: checkPositive(fn, 'multiplier', o.multiplier ?? 3),
  };
}

/** @internal Supertrend band/direction state machine shared by batch and streaming. */
class SupertrendCore {
  private readonly atr: AtrCore;
  private readonly mult: number;
  private upper = 0;
  private lower = 0;
  private dir = 0;
  private prevClose = 0;
  private nUpper = 0;
  private nLower = 0;
  private nDir = 0;
  private lastClose = 0;
  private started = false;
  private nStarted = false;
  /** Direction of the last peek. */
  direction = 0;

  constructor(atrPeriod: number, mult: number) {
    this.atr = new AtrCore(atrPeriod);
    this.mult = mult;
  }

  peek(high: number, low: number, close: number): number {
    this.lastClose = close;
    const a = this.atr.peek(high, low, close);
    this.nStarted = this.started;
    if (Number.isNaN(a)) return Number.NaN;
    const mid = (high + low) / 2;
    let upper = mid + this.mult * a;
    let lower = mid - this.mult * a;
    let dir: number;
    if (!this.started) {
      dir = -1;
    } else {
      const pc = this.prevClose;
      if (!(lower > this.lower || pc < this.lower)) lower = this.lower;
      if (!(upper < this.upper || pc > this.upper)) upper = this.upper;
      if (this.dir === -1) dir = close > upper ? 1 : -1;
      else dir = close < lower ? -1 : 1;
    }
    this.nUpper = upper;
    this.nLower = lower;
    this.nDir = dir;
    this.nStarted = true;
    this.direction = dir;
    return dir === 1 ? lower : upper;
  }

  commit(): void {
    this.atr.commit();
    if (this.nStarted) {
      this.upper = this.nUpper;
      this.lower = this.nLower;
      this.dir = this.nDir;
      this.started = true;
    }
    this.prevClose = this.lastClose;
  }
}

/**
 * Supertrend (Olivier Seban), as TradingView's `ta.supertrend`: `mid = (high + low) / 2`, basic bands
 * `mid +/- multiplier * ATR`; the final lower band only rises (unless the previous close fell below it),
 * the final upper band only falls (unless the previous close rose above it); the trend turns up when the
 * close crosses above the final upper band and down when it crosses below the final lower band; the line is
 * the lower band in an uptrend and the upper band in a downtrend. The first value starts in a downtrend,
 * as in TradingView. `direction` is +1 up / -1 down (TradingView's sign is the opposite).
 *
 * Not in TA-Lib. The ATR is {@link atr} (Wilder, TA-Lib seed: mean of the first `atrPeriod` true ranges,
 * starting at the second bar), so the first values differ slightly from TradingView, whose ATR counts the
 * first bar's range; the tests cross-check against @ixjb94/indicators. Warm-up: first value at index
 * `atrPeriod`.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param close - bar closes
 * @param options - `{ atrPeriod = 10, multiplier = 3 }`
 * @returns `{ supertrend, direction }`, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `invalid_option`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { supertrend } from '@rrr/indicators';
 *
 * const { supertrend: line, direction } = supertrend([10, 11, 12], [9, 10, 11], [9.5, 10.5, 11.5], {
 *   atrPeriod: 1,
 *   multiplier: 1,
 * });
 * console.log(line[2], direction[2]); // 12 -1
 * ```
 */
export function supertrend(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: SupertrendOptions = {},
): SupertrendResult {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  const { atrPeriod, mult } = resolve('supertrend', options);
  const columns = [high, low, close];
  const n = checkShapes('supertrend', HLC_NAMES, columns, 'close', atrPeriod);
  // the head is checked here, the rest inside the main loop
  checkFiniteHead('supertrend', HLC_NAMES, columns, atrPeriod);
  const line = nanArray(n, atrPeriod);
  const direction = nanArray(n, atrPeriod);
  // the SupertrendCore state machine (and AtrCore's Wilder ATR) with the state in locals
  const p = atrPeriod;
  let acc = 0;
  for (let i = 1; i < p; i++) acc += trueRange(high[i] as number, low[i] as number, close[i - 1] as number);
  let upperBand = 0;
  let lowerBand = 0;
  let dir = -1;
  for (let i = p; i < n; i++) {
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    finite += h - h + (l - l) + (c - c);
    const pc = close[i - 1] as number;
    const tr = trueRange(h, l, pc);
    if (i === p) {
      acc = (acc + tr) / p;
    } else {
      let prev = acc * (p - 1);
      prev += tr;
      acc = prev / p;
    }
    const mid = (h + l) / 2;
    let upper = mid + mult * acc;
    let lower = mid - mult * acc;
    if (i === p) {
      dir = -1;
    } else {
      if (!(lower > lowerBand || pc < lowerBand)) lower = lowerBand;
      if (!(upper < upperBand || pc > upperBand)) upper = upperBand;
      if (dir === -1) dir = c > upper ? 1 : -1;
      else dir = c < lower ? -1 : 1;
    }
    upperBand = upper;
    lowerBand = lower;
    line[i] = dir === 1 ? lower : upper;
    direction[i] = dir;
  }
  if (finite !== 0) nonFinite('supertrend', HLC_NAMES, columns);
  return { supertrend: line, direction };
}

/**
 * Streaming {@link supertrend}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { Supertrend } from '@rrr/indicators';
 *
 * const ind = new Supertrend({ atrPeriod: 1, multiplier: 1 });
 * ind.update({ high: 10, low: 9, close: 9.5 });
 * console.log(ind.update({ high: 11, low: 10, close: 10.5 })); // { supertrend: 12, direction: -1 }
 * ```
 */
export class Supertrend extends StreamingIndicator<HighLowClose, SupertrendValue> {
  /** Inputs before the first value: `atrPeriod`. */
  readonly warmup: number;
  private readonly core: SupertrendCore;

  /** @param options - `{ atrPeriod = 10, multiplier = 3 }` */
  constructor(options: SupertrendOptions = {}) {
    super();
    const { atrPeriod, mult } = resolve('Supertrend', options);
    this.core = new SupertrendCore(atrPeriod, mult);
    this.warmup = atrPeriod;
  }

  protected compute(bar: HighLowClose): SupertrendValue | null {
    checkFiniteValue('Supertrend', 'high', bar.high);
    checkFiniteValue('Supertrend', 'low', bar.low);
    checkFiniteValue('Supertrend', 'close', bar.close);
    const v = this.core.peek(bar.high, bar.low, bar.close);
    return !Number.isNaN(v) ? { supertrend: v, direction: this.core.direction } : null;
  }

  protected commit(): void {
    this.core.commit();
  }
}
