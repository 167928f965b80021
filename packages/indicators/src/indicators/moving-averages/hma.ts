import { WmaCore } from '../_internal/cores.js';
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
 * Hull moving average (Alan Hull, 2005): `HMA = WMA(2 * WMA(x, floor(p/2)) - WMA(x, p), floor(sqrt(p)))`.
 *
 * Not in TA-Lib. Convention: Hull's published definition with both lengths rounded down, as in tulind
 * (`ti_hma`), TradingView `ta.hma` and @ixjb94/indicators; the WMAs are computed as {@link wma}.
 * Warm-up: first value at index `period - 1 + floor(sqrt(period)) - 1`.
 *
 * @param values - input series, finite values only
 * @param period - integer >= 2 (default 9)
 * @returns a Float64Array of the same length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { hma } from '@rrr/indicators';
 *
 * hma([1, 2, 3, 4, 5, 6], 4)[4]; // 5 (no lag on a straight line)
 * ```
 */
export function hma(values: ArrayLike<number>, period = 9): Float64Array {
  checkPeriod('hma', 'period', period, 2);
  const half = Math.floor(period / 2);
  const root = Math.floor(Math.sqrt(period));
  const columns = [values];
  const n = checkShapes('hma', VALUES_NAMES, columns, 'values', period + root - 2);
  const out = nanArray(n, period + root - 2);
  // The three WMAs in one pass, each with wmaInto's arithmetic (bit for bit): WMA(half) and WMA(period) of
  // the input, then WMA(root) of `2 * WMA(half) - WMA(period)`, whose last `root` values sit in a ring
  // (no intermediate columns). Per WMA: `sub` / `sum` running sums, `tr` the trailing value to subtract
  // next, `ti` the index of the next trailing value.
  const divH = (half * (half + 1)) / 2;
  const divF = (period * (period + 1)) / 2;
  const divR = (root * (root + 1)) / 2;
  const ring = new Float64Array(root);
  let slot = 0;
  let subH = 0;
  let sumH = 0;
  let trH = 0;
  let tiH = 0;
  let subF = 0;
  let sumF = 0;
  let trF = 0;
  let tiF = 0;
  let subR = 0;
  let sumR = 0;
  let trR = 0;
  let wh = 0;
  // finiteness folded into the pass: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const t = values[i] as number;
    finite += t - t;
    if (i < half - 1) {
      subH += t;
      sumH += t * (i + 1);
    } else {
      subH += t;
      subH -= trH;
      sumH += t * half;
      trH = values[tiH++] as number;
      wh = sumH / divH;
      sumH -= subH;
    }
    if (i < period - 1) {
      subF += t;
      sumF += t * (i + 1);
      continue;
    }
    subF += t;
    subF -= trF;
    sumF += t * period;
    trF = values[tiF++] as number;
    const wf = sumF / divF;
    sumF -= subF;
    const d = 2 * wh - wf;
    // j: index of d among the differences (the input of the third WMA)
    const j = i - period + 1;
    ring[slot] = d;
    slot = slot + 1 === root ? 0 : slot + 1;
    if (j < root - 1) {
      subR += d;
      sumR += d * (j + 1);
      continue;
    }
    subR += d;
    subR -= trR;
    sumR += d * root;
    // slot now holds difference j - root + 1, the trailing value of the next step
    trR = ring[slot] as number;
    out[i] = sumR / divR;
    sumR -= subR;
  }
  if (finite !== 0) nonFinite('hma', VALUES_NAMES, columns);
  return out;
}

/**
 * Streaming {@link hma}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { HMA } from '@rrr/indicators';
 *
 * const ind = new HMA(4);
 * for (const x of [1, 2, 3, 4, 5]) ind.update(x);
 * console.log(ind.value); // 5
 * ```
 */
export class HMA extends StreamingIndicator<number, number> {
  /** Inputs before the first value: `period + floor(sqrt(period)) - 2`. */
  readonly warmup: number;
  private readonly wHalf: WmaCore;
  private readonly wFull: WmaCore;
  private readonly wRoot: WmaCore;
  private fedRoot = false;

  /** @param period - integer >= 2 (default 9) */
  constructor(period = 9) {
    super();
    checkPeriod('HMA', 'period', period, 2);
    const root = Math.floor(Math.sqrt(period));
    this.wHalf = new WmaCore(Math.floor(period / 2));
    this.wFull = new WmaCore(period);
    this.wRoot = new WmaCore(root);
    this.warmup = period + root - 2;
  }

  protected compute(x: number): number | null {
    checkFiniteValue('HMA', 'input', x);
    const h = this.wHalf.peek(x);
    const f = this.wFull.peek(x);
    this.fedRoot = !Number.isNaN(f);
    if (!this.fedRoot) return null;
    const v = this.wRoot.peek(2 * h - f);
    return !Number.isNaN(v) ? v : null;
  }

  protected commit(): void {
    this.wHalf.commit();
    this.wFull.commit();
    if (this.fedRoot) this.wRoot.commit();
  }
}
