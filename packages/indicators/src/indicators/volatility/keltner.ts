import { EmaCore } from '../_internal/cores.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkPositive,
  checkShapes,
  HLC_NAMES,
  nanArray,
  nonFinite,
} from '../_internal/validate.js';
import type { HighLowClose } from '../types.js';
import { AtrCore, trueRange } from './atr.js';

/** Options of {@link keltner} and {@link Keltner}. */
export interface KeltnerOptions {
  /** EMA length of the middle line, integer >= 1 (default 20). */
  readonly period?: number;
  /** ATR length, integer >= 1 (default 10). */
  readonly atrPeriod?: number;
  /** Band distance in ATRs, > 0 (default 2). */
  readonly multiplier?: number;
}

/** Output of {@link keltner} and {@link donchian}: three columns of the input's length. */
export interface ChannelResult {
  /** Upper band. */
  readonly upper: Float64Array;
  /** Middle line. */
  readonly middle: Float64Array;
  /** Lower band. */
  readonly lower: Float64Array;
}

/** One streaming {@link Keltner} or {@link Donchian} value. */
export interface ChannelValue {
  /** Upper band. */
  readonly upper: number;
  /** Middle line. */
  readonly middle: number;
  /** Lower band. */
  readonly lower: number;
}

/** @internal Validated Keltner options (`invalid_period` / `invalid_option` naming the option). */
export function resolveKeltner(
  fn: string,
  o: KeltnerOptions,
): { period: number; atrPeriod: number; mult: number } {
  return {
    period: checkPeriod(fn, 'period', o.period ?? 20),
    atrPeriod: checkPeriod(fn, 'atrPeriod', o.atrPeriod ?? 10),
    mult: checkPositive(fn, 'multiplier', o.multiplier ?? 2),
  };
}

/**
 * Keltner Channels, modern form (Linda Bradford Raschke; StockCharts' "Keltner Channels"):
 * `middle = EMA(close, period)`, `upper/lower = middle +/- multiplier * ATR(atrPeriod)`, defaults 20 / 10 / 2.
 *
 * Not in TA-Lib. The EMA is {@link ema} (SMA seed) and the ATR is {@link atr} (Wilder, TA-Lib), the same
 * building blocks as technicalindicators' `KeltnerChannels` with `useSMA: false`, which the tests
 * cross-check. Warm-up: first value at index `max(period - 1, atrPeriod)`.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param close - bar closes
 * @param options - `{ period = 20, atrPeriod = 10, multiplier = 2 }`
 * @returns `{ upper, middle, lower }`, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `invalid_option`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { keltner } from '@rrr/indicators';
 *
 * const { upper, middle, lower } = keltner([10, 12, 13], [8, 9, 11], [9, 11, 12], { period: 2, atrPeriod: 2 });
 * console.log(upper[2], middle[2], lower[2]); // 16.333333333333336 11.333333333333334 6.333333333333334
 * ```
 */
export function keltner(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: KeltnerOptions = {},
): ChannelResult {
  const { period, atrPeriod, mult } = resolveKeltner('keltner', options);
  const first = Math.max(period - 1, atrPeriod);
  const n = checkShapes('keltner', HLC_NAMES, [high, low, close], 'close', first);
  const middle = nanArray(n, first);
  const upper = nanArray(n, first);
  const lower = nanArray(n, first);
  // one pass, the EMA and the ATR side by side with exactly emaInto's and atrInto's operations
  // finiteness folded into the pass: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  const h0 = high[0] as number;
  const l0 = low[0] as number;
  let finite = h0 - h0 + (l0 - l0);
  const k = 2 / (period + 1);
  const k1 = 1 - k;
  const p1 = atrPeriod - 1;
  let emaSum = 0;
  let ema = 0;
  let trSum = 0;
  let atr = 0;
  let prevClose = close[0] as number;
  for (let i = 0; i < n; i++) {
    const c = close[i] as number;
    finite += c - c;
    if (i < period - 1) emaSum += c;
    else if (i === period - 1) ema = (emaSum + c) / period;
    else ema = c * k + ema * k1;
    if (i > 0) {
      const h = high[i] as number;
      const l = low[i] as number;
      finite += h - h + (l - l);
      const tr = trueRange(h, l, prevClose);
      if (i < atrPeriod) trSum += tr;
      else if (i === atrPeriod) atr = (trSum + tr) / atrPeriod;
      else atr = (atr * p1 + tr) / atrPeriod;
    }
    prevClose = c;
    if (i >= first) {
      const band = mult * atr;
      middle[i] = ema;
      upper[i] = ema + band;
      lower[i] = ema - band;
    }
  }
  if (finite !== 0) nonFinite('keltner', HLC_NAMES, [high, low, close]);
  return { upper, middle, lower };
}

/**
 * Streaming {@link keltner}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { Keltner } from '@rrr/indicators';
 *
 * const ind = new Keltner({ period: 2, atrPeriod: 2 });
 * ind.update({ high: 10, low: 8, close: 9 });
 * ind.update({ high: 12, low: 9, close: 11 });
 * console.log(ind.update({ high: 13, low: 11, close: 12 })?.middle); // 11.333333333333334
 * ```
 */
export class Keltner extends StreamingIndicator<HighLowClose, ChannelValue> {
  /** Inputs before the first value: `max(period - 1, atrPeriod)`. */
  readonly warmup: number;
  private readonly ema: EmaCore;
  private readonly atr: AtrCore;
  private readonly mult: number;

  /** @param options - `{ period = 20, atrPeriod = 10, multiplier = 2 }` */
  constructor(options: KeltnerOptions = {}) {
    super();
    const { period, atrPeriod, mult } = resolveKeltner('Keltner', options);
    this.ema = new EmaCore(period);
    this.atr = new AtrCore(atrPeriod);
    this.mult = mult;
    this.warmup = Math.max(period - 1, atrPeriod);
  }

  protected compute(bar: HighLowClose): ChannelValue | null {
    checkFiniteValue('Keltner', 'high', bar.high);
    checkFiniteValue('Keltner', 'low', bar.low);
    checkFiniteValue('Keltner', 'close', bar.close);
    const m = this.ema.peek(bar.close);
    const a = this.atr.peek(bar.high, bar.low, bar.close);
    if (Number.isNaN(m) || Number.isNaN(a)) return null;
    const band = this.mult * a;
    return { upper: m + band, middle: m, lower: m - band };
  }

  protected commit(): void {
    this.ema.commit();
    this.atr.commit();
  }
}

/**
 * @internal Keltner bands from an EMA column (`ema(close, period)`) and an ATR column
 * (`atr(high, low, close, atrPeriod)`) of validated inputs: the numbers of `keltner` (whose one-pass loop
 * performs the same EMA and ATR operations), from index `max(period - 1, atrPeriod)` on.
 */
export function keltnerFromColumns(
  emaColumn: Float64Array,
  atrColumn: Float64Array,
  first: number,
  mult: number,
): ChannelResult {
  const n = emaColumn.length;
  const middle = nanArray(n, first);
  const upper = nanArray(n, first);
  const lower = nanArray(n, first);
  for (let i = first; i < n; i++) {
    const e = emaColumn[i] as number;
    const band = mult * (atrColumn[i] as number);
    middle[i] = e;
    upper[i] = e + band;
    lower[i] = e - band;
  }
  return { upper, middle, lower };
}
