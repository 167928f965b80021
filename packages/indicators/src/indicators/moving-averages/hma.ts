import { WmaCore } from '../_internal/cores.js';
import { wmaInto } from '../_internal/kernels.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import { checkEnough, checkFiniteValue, checkInput, checkPeriod, nanArray } from '../_internal/validate.js';

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
  const n = checkInput('hma', 'values', values);
  const half = Math.floor(period / 2);
  const root = Math.floor(Math.sqrt(period));
  checkEnough('hma', 'values', n, period + root - 2);
  const wHalf = nanArray(n, half - 1);
  const wFull = nanArray(n, period - 1);
  wmaInto(values, 0, n, half, wHalf);
  wmaInto(values, 0, n, period, wFull);
  for (let i = period - 1; i < n; i++) wFull[i] = 2 * (wHalf[i] as number) - (wFull[i] as number);
  const out = nanArray(n, period + root - 2);
  wmaInto(wFull, period - 1, n, root, out);
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
