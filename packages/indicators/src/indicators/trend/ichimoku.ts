import { MaxDeque } from '../_internal/cores.js';
import { rollingMaxMinInto } from '../_internal/kernels.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import { checkFiniteValue, checkPeriod, checkShapes, HL_NAMES, nanArray } from '../_internal/validate.js';
import type { HighLow } from '../types.js';

/** Options of {@link ichimoku} and {@link Ichimoku}. */
export interface IchimokuOptions {
  /** Tenkan-sen (conversion line) length, integer >= 1 (default 9). */
  readonly conversionPeriod?: number;
  /** Kijun-sen (base line) length, integer >= 1 (default 26). */
  readonly basePeriod?: number;
  /** Senkou span B length, integer >= 1 (default 52). */
  readonly spanPeriod?: number;
  /** Displacement of the cloud, integer >= 1 (default 26): a span computed at bar j is shown at bar j + displacement - 1. */
  readonly displacement?: number;
}

/** Output of {@link ichimoku}: four columns of the input's length. */
export interface IchimokuResult {
  /** Tenkan-sen: midpoint of the `conversionPeriod` high/low range. */
  readonly tenkan: Float64Array;
  /** Kijun-sen: midpoint of the `basePeriod` high/low range. */
  readonly kijun: Float64Array;
  /** Senkou span A in effect at each bar: (tenkan + kijun) / 2 from `displacement - 1` bars earlier. */
  readonly senkouA: Float64Array;
  /** Senkou span B in effect at each bar: `spanPeriod` range midpoint from `displacement - 1` bars earlier. */
  readonly senkouB: Float64Array;
}

/** One streaming {@link Ichimoku} value. */
export interface IchimokuValue {
  /** Tenkan-sen. */
  readonly tenkan: number;
  /** Kijun-sen. */
  readonly kijun: number;
  /** Senkou span A in effect at this bar. */
  readonly senkouA: number;
  /** Senkou span B in effect at this bar. */
  readonly senkouB: number;
}

type Resolved = { conv: number; base: number; span: number; shift: number };

function resolve(fn: string, o: IchimokuOptions): Resolved {
  return {
    conv: checkPeriod(fn, 'conversionPeriod', o.conversionPeriod ?? 9),
    base: checkPeriod(fn, 'basePeriod', o.basePeriod ?? 26),
    span: checkPeriod(fn, 'spanPeriod', o.spanPeriod ?? 52),
    shift: checkPeriod(fn, 'displacement', o.displacement ?? 26) - 1,
  };
}

function warmupOf(r: Resolved): number {
  return Math.max(r.conv, r.base, r.span) - 1 + r.shift;
}

/**
 * Ichimoku Kinko Hyo (Hosoda), causal form. `tenkan = (HH + LL) / 2` over `conversionPeriod` bars,
 * `kijun` the same over `basePeriod`, span A `(tenkan + kijun) / 2` and span B the midpoint over `spanPeriod`.
 * Charts draw the spans `displacement` bars ahead counting the current bar (TradingView's
 * `offset = displacement - 1`); here `senkouA[i]` / `senkouB[i]` are the span values in effect at bar `i`,
 * i.e. computed at bar `i - displacement + 1`, so every column only uses data up to its own bar. The chikou
 * span (the close drawn in the past) would look ahead as a column and is left out: compare `close[i]` with
 * `close[i - displacement + 1]` instead.
 *
 * Not in TA-Lib. tenkan/kijun/spans match technicalindicators' `IchimokuCloud` (which gives unshifted
 * spans) in the tests. Warm-up: tenkan from `conversionPeriod - 1`, kijun from `basePeriod - 1`, span A from
 * `max(conv, base) - 1 + displacement - 1`, span B from `spanPeriod - 1 + displacement - 1` (76 by default).
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param options - `{ conversionPeriod = 9, basePeriod = 26, spanPeriod = 52, displacement = 26 }`
 * @returns `{ tenkan, kijun, senkouA, senkouB }`, NaN during each column's warm-up
 * @throws IndicatorError `invalid_period`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { ichimoku } from '@rrr/indicators';
 *
 * const highs = Array.from({ length: 100 }, (_, i) => 101 + i);
 * const lows = Array.from({ length: 100 }, (_, i) => 99 + i);
 * const { tenkan, kijun, senkouA, senkouB } = ichimoku(highs, lows);
 * console.log(tenkan[99], kijun[99], senkouA[99], senkouB[99]); // 195 186.5 165.75 148.5
 * ```
 */
export function ichimoku(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  options: IchimokuOptions = {},
): IchimokuResult {
  const r = resolve('ichimoku', options);
  const n = checkShapes('ichimoku', HL_NAMES, [high, low], 'high', warmupOf(r));
  const aFirst = Math.max(r.conv, r.base) - 1;
  const tenkan = nanArray(n, r.conv - 1);
  const kijun = nanArray(n, r.base - 1);
  const senkouA = nanArray(n, aFirst + r.shift);
  const senkouB = nanArray(n, r.span - 1 + r.shift);
  // no scratch columns: the highest highs go into the line's own column, the lowest lows into senkouB
  // (then senkouA), both overwritten afterwards. The first rollingMaxMinInto checks the finiteness of
  // every input on its way.
  rollingMaxMinInto(high, low, 0, n, r.conv, tenkan, senkouB, 'ichimoku');
  for (let i = r.conv - 1; i < n; i++) tenkan[i] = ((tenkan[i] as number) + (senkouB[i] as number)) / 2;
  rollingMaxMinInto(high, low, 0, n, r.base, kijun, senkouB);
  for (let i = r.base - 1; i < n; i++) kijun[i] = ((kijun[i] as number) + (senkouB[i] as number)) / 2;
  rollingMaxMinInto(high, low, 0, n, r.span, senkouA, senkouB);
  // shifted forward in place: downward, so each slot is read before it is overwritten
  for (let j = n - 1 - r.shift; j >= r.span - 1; j--) {
    senkouB[j + r.shift] = ((senkouA[j] as number) + (senkouB[j] as number)) / 2;
  }
  senkouB.fill(Number.NaN, 0, Math.min(n, r.span - 1 + r.shift));
  for (let j = aFirst; j + r.shift < n; j++) {
    senkouA[j + r.shift] = ((tenkan[j] as number) + (kijun[j] as number)) / 2;
  }
  senkouA.fill(Number.NaN, 0, Math.min(n, aFirst + r.shift));
  return { tenkan, kijun, senkouA, senkouB };
}

/**
 * Streaming {@link ichimoku}: same numbers bit for bit, O(1) amortized per update. The value appears once
 * all four lines exist (after `max(periods) - 1 + displacement - 1` inputs).
 *
 * @example
 * ```ts
 * import { Ichimoku } from '@rrr/indicators';
 *
 * const ind = new Ichimoku({ conversionPeriod: 1, basePeriod: 2, spanPeriod: 2, displacement: 1 });
 * ind.update({ high: 2, low: 0 });
 * console.log(ind.update({ high: 4, low: 2 })); // { tenkan: 3, kijun: 2, senkouA: 2.5, senkouB: 2 }
 * ```
 */
export class Ichimoku extends StreamingIndicator<HighLow, IchimokuValue> {
  /** Inputs before the first value: `max(conversionPeriod, basePeriod, spanPeriod) - 1 + displacement - 1`. */
  readonly warmup: number;
  private readonly r: Resolved;
  private readonly dq: MaxDeque[];
  private readonly ringA: Float64Array;
  private readonly ringB: Float64Array;
  private lastA = Number.NaN;
  private lastB = Number.NaN;

  /** @param options - `{ conversionPeriod = 9, basePeriod = 26, spanPeriod = 52, displacement = 26 }` */
  constructor(options: IchimokuOptions = {}) {
    super();
    const r = resolve('Ichimoku', options);
    this.r = r;
    this.dq = [r.conv, r.conv, r.base, r.base, r.span, r.span].map((w) => new MaxDeque(w));
    this.ringA = new Float64Array(r.shift + 1).fill(Number.NaN);
    this.ringB = new Float64Array(r.shift + 1).fill(Number.NaN);
    this.warmup = warmupOf(r);
  }

  protected compute(bar: HighLow): IchimokuValue | null {
    checkFiniteValue('Ichimoku', 'high', bar.high);
    checkFiniteValue('Ichimoku', 'low', bar.low);
    const [h1, l1, h2, l2, h3, l3] = this.dq as [MaxDeque, MaxDeque, MaxDeque, MaxDeque, MaxDeque, MaxDeque];
    const n = this.committed;
    const r = this.r;
    const hh1 = h1.peek(bar.high);
    const ll1 = -l1.peek(-bar.low);
    const hh2 = h2.peek(bar.high);
    const ll2 = -l2.peek(-bar.low);
    const hh3 = h3.peek(bar.high);
    const ll3 = -l3.peek(-bar.low);
    const tenkan = n >= r.conv - 1 ? (hh1 + ll1) / 2 : Number.NaN;
    const kijun = n >= r.base - 1 ? (hh2 + ll2) / 2 : Number.NaN;
    const spanB = n >= r.span - 1 ? (hh3 + ll3) / 2 : Number.NaN;
    const spanA = (tenkan + kijun) / 2;
    this.lastA = spanA;
    this.lastB = spanB;
    if (n < this.warmup) return null;
    const shift = r.shift;
    const slot = (n - shift) % (shift + 1);
    const senkouA = shift === 0 ? spanA : (this.ringA[slot] as number);
    const senkouB = shift === 0 ? spanB : (this.ringB[slot] as number);
    return { tenkan, kijun, senkouA, senkouB };
  }

  protected commit(): void {
    for (const d of this.dq) d.commit();
    const slot = this.committed % (this.r.shift + 1);
    this.ringA[slot] = this.lastA;
    this.ringB[slot] = this.lastB;
  }
}
