import { StreamingIndicator } from '../_internal/streaming.js';
import { checkFiniteValue, checkPeriod, checkShapes, nanArray, VALUES_NAMES } from '../_internal/validate.js';
import { RsiCore, rsiInto } from './rsi.js';
import { StochasticCore, type StochasticResult, type StochasticValue, stochasticInto } from './stochastic.js';

/** Options of {@link stochRsi} and {@link StochRSI}. */
export interface StochRsiOptions {
  /** RSI length, integer >= 1 (default 14). */
  readonly rsiPeriod?: number;
  /** Look-back of the highest / lowest RSI, integer >= 1 (default 14). */
  readonly stochPeriod?: number;
  /** SMA smoothing of %K, integer >= 1 (default 1: unsmoothed, as TA-Lib; TradingView uses 3). */
  readonly kSmoothing?: number;
  /** SMA length of %D, integer >= 1 (default 3). */
  readonly dPeriod?: number;
}

/** @internal Validated StochRSI options (`invalid_period` naming the option). */
export function resolveStochRsi(fn: string, o: StochRsiOptions): Required<StochRsiOptions> {
  return {
    rsiPeriod: checkPeriod(fn, 'rsiPeriod', o.rsiPeriod ?? 14),
    stochPeriod: checkPeriod(fn, 'stochPeriod', o.stochPeriod ?? 14),
    kSmoothing: checkPeriod(fn, 'kSmoothing', o.kSmoothing ?? 1),
    dPeriod: checkPeriod(fn, 'dPeriod', o.dPeriod ?? 3),
  };
}

/** @internal Inputs before the first StochRSI value. */
export function stochRsiWarmup(o: Required<StochRsiOptions>): number {
  return o.rsiPeriod + o.stochPeriod + o.kSmoothing + o.dPeriod - 3;
}

/**
 * Stochastic RSI (Chande and Kroll): the {@link stochastic} oscillator applied to {@link rsi} values,
 * `%K = SMA(100 * (RSI - min RSI) / (max RSI - min RSI), kSmoothing)` over `stochPeriod` RSI values
 * (0 when flat), `%D = SMA(%K, dPeriod)`. Scale 0..100.
 *
 * TA-Lib `STOCHRSI` (SMA %D) exact with the default `kSmoothing: 1`. Warm-up: both columns start at index
 * `rsiPeriod + stochPeriod + kSmoothing + dPeriod - 3` (29 for 14/14/1/3).
 *
 * @param values - input series, finite values only
 * @param options - `{ rsiPeriod = 14, stochPeriod = 14, kSmoothing = 1, dPeriod = 3 }`
 * @returns `{ k, d }`, Float64Arrays of the input's length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { stochRsi } from '@rrr/indicators';
 *
 * const closes = Array.from({ length: 50 }, (_, i) => 100 + Math.sin(i / 3));
 * const { k, d } = stochRsi(closes);
 * console.log(k[29], d[29]);
 * ```
 */
export function stochRsi(values: ArrayLike<number>, options: StochRsiOptions = {}): StochasticResult {
  const o = resolveStochRsi('stochRsi', options);
  const n = checkShapes('stochRsi', VALUES_NAMES, [values], 'values', stochRsiWarmup(o));
  // a scratch column: never cut from an indicatorSet arena, which holds outputs only
  const r = new Float64Array(n).fill(Number.NaN, 0, o.rsiPeriod);
  // rsiInto checks the finiteness of every input on its way
  rsiInto(values, 0, n, o.rsiPeriod, r, 'stochRsi');
  const k = nanArray(n, 0);
  const d = nanArray(n, stochRsiWarmup(o));
  stochasticInto(r, r, r, o.rsiPeriod, n, o.stochPeriod, o.kSmoothing, o.dPeriod, k, d);
  return { k, d };
}

/**
 * Streaming {@link stochRsi}: same numbers bit for bit, O(1) amortized per update.
 *
 * @example
 * ```ts
 * import { StochRSI } from '@rrr/indicators';
 *
 * const ind = new StochRSI({ rsiPeriod: 2, stochPeriod: 2, dPeriod: 1 });
 * for (const x of [1, 2, 1, 2]) ind.update(x);
 * console.log(ind.value); // { k: 100, d: 100 }
 * ```
 */
export class StochRSI extends StreamingIndicator<number, StochasticValue> {
  /** Inputs before the first value: `rsiPeriod + stochPeriod + kSmoothing + dPeriod - 3`. */
  readonly warmup: number;
  private readonly rsi: RsiCore;
  private readonly stoch: StochasticCore;
  private fedStoch = false;

  /** @param options - `{ rsiPeriod = 14, stochPeriod = 14, kSmoothing = 1, dPeriod = 3 }` */
  constructor(options: StochRsiOptions = {}) {
    super();
    const o = resolveStochRsi('StochRSI', options);
    this.rsi = new RsiCore(o.rsiPeriod);
    this.stoch = new StochasticCore(o.stochPeriod, o.kSmoothing, o.dPeriod);
    this.warmup = stochRsiWarmup(o);
  }

  protected compute(x: number): StochasticValue | null {
    checkFiniteValue('StochRSI', 'input', x);
    const r = this.rsi.peek(x);
    this.fedStoch = !Number.isNaN(r);
    if (!this.fedStoch) return null;
    const k = this.stoch.peek(r, r, r);
    return !Number.isNaN(k) ? { k, d: this.stoch.d } : null;
  }

  protected commit(): void {
    this.rsi.commit();
    if (this.fedStoch) this.stoch.commit();
  }
}
