import { MaxDeque, SmaCore } from '../_internal/cores.js';
import { rollingMaxMin } from '../_internal/kernels.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  HLC_NAMES,
  nanArray,
  nonFinite,
} from '../_internal/validate.js';
import type { HighLowClose } from '../types.js';

/** Options of {@link stochastic} and {@link Stochastic}. */
export interface StochasticOptions {
  /** Look-back of the highest high / lowest low, integer >= 1 (default 14). */
  readonly kPeriod?: number;
  /** SMA smoothing of raw %K into %K, integer >= 1 (default 3, slow stochastic; 1 gives the fast one). */
  readonly kSlowing?: number;
  /** SMA length of %D over %K, integer >= 1 (default 3). */
  readonly dPeriod?: number;
}

/** Output of {@link stochastic} and {@link stochRsi}: two columns of the input's length. */
export interface StochasticResult {
  /** %K line, 0..100. */
  readonly k: Float64Array;
  /** %D line (SMA of %K), 0..100. */
  readonly d: Float64Array;
}

/** One streaming {@link Stochastic} or {@link StochRSI} value. */
export interface StochasticValue {
  /** %K, 0..100. */
  readonly k: number;
  /** %D, 0..100. */
  readonly d: number;
}

/** @internal Raw %K the TA-Lib way: `(c - ll) / ((hh - ll) / 100)`, 0 for a flat window. */
export function rawK(c: number, hh: number, ll: number): number {
  const diff = (hh - ll) / 100;
  return diff !== 0 ? (c - ll) / diff : 0;
}

/** @internal Williams %R the TA-Lib way: `(HH - c) / ((HH - LL) / -100)`, 0 for a flat window. */
export function percentR(c: number, hh: number, ll: number): number {
  const diff = (hh - ll) / -100;
  return diff !== 0 ? (hh - c) / diff : 0;
}

/** @internal Bars per chunk of the rolling extremes in the batch loops (two scratch columns of this size). */
export const EXTREMES_CHUNK = 4096;

/**
 * @internal %K / %D of `close` against `high` / `low` windows starting at `start`, written into k and d:
 * chunk by chunk, the rolling highest `high` / lowest `low` ({@link rollingMaxMin}, into two small scratch
 * columns), then raw %K ({@link rawK}) and its `kSlowing` SMA (%K, summed exactly as `smaInto` does, bit
 * for bit, over a small ring instead of a raw %K column) and %D (`smaInto`'s operations over %K), all in
 * the same pass. With `fn` set, every `high` / `low` / `close` value from `start` on is checked for
 * finiteness (`nonFinite`). With `wr` set, Williams %R over the same `kPeriod` window ({@link percentR}, the
 * numbers of `williamsR(high, low, close, kPeriod)`) goes into `wr` from the first full window on, from the
 * same rolling extremes.
 */
export function stochasticInto(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  start: number,
  n: number,
  kPeriod: number,
  kSlowing: number,
  dPeriod: number,
  k: Float64Array,
  d: Float64Array,
  fn = '',
  wr: Float64Array | null = null,
): void {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  const fastStart = start + kPeriod - 1;
  const kStart = fastStart + kSlowing - 1;
  const dStart = kStart + dPeriod - 1;
  const rawRing = new Float64Array(kSlowing);
  let rawSlot = 0;
  let rawSum = 0;
  let dSum = 0;
  // the closes before the first full window are not read below
  for (let i = start; i < fastStart && i < n; i++) {
    const c = close[i] as number;
    finite += c - c;
  }
  const hh = new Float64Array(Math.min(EXTREMES_CHUNK, n));
  const ll = new Float64Array(hh.length);
  for (let from = fastStart; from < n; from += EXTREMES_CHUNK) {
    const to = Math.min(from + EXTREMES_CHUNK, n);
    finite += rollingMaxMin(high, low, from - kPeriod + 1, to, kPeriod, hh, ll, from);
    for (let i = from; i < to; i++) {
      const c = close[i] as number;
      finite += c - c;
      const hi = hh[i - from] as number;
      const lo = ll[i - from] as number;
      if (wr !== null) wr[i] = percentR(c, hi, lo);
      const raw = rawK(c, hi, lo);
      // %K: raw itself without slowing (an SMA of 1 is the identity, bit for bit), else smaInto's sum
      let kv = raw;
      if (kSlowing !== 1) {
        rawSum += raw;
        rawRing[rawSlot] = raw;
        rawSlot = rawSlot + 1 === kSlowing ? 0 : rawSlot + 1;
        if (i < kStart) continue;
        kv = rawSum / kSlowing;
        // rawSlot now holds the oldest raw %K of the window
        rawSum -= rawRing[rawSlot] as number;
      }
      k[i] = kv;
      // %D: smaInto's operations over the %K column, on the fly
      dSum += kv;
      if (i >= dStart) {
        d[i] = dSum / dPeriod;
        dSum -= k[i - dPeriod + 1] as number;
      }
    }
  }
  k.fill(Number.NaN, 0, Math.min(n, dStart));
  if (fn !== '' && finite !== 0) nonFinite(fn, HLC_NAMES, [high, low, close]);
}

/** @internal Validated stochastic options (`invalid_period` naming the option). */
export function resolveStochastic(
  fn: string,
  options: StochasticOptions,
): { kPeriod: number; kSlowing: number; dPeriod: number } {
  return {
    kPeriod: checkPeriod(fn, 'kPeriod', options.kPeriod ?? 14),
    kSlowing: checkPeriod(fn, 'kSlowing', options.kSlowing ?? 3),
    dPeriod: checkPeriod(fn, 'dPeriod', options.dPeriod ?? 3),
  };
}

/**
 * Stochastic oscillator (Lane), slow by default: raw `%K = 100 * (close - LL) / (HH - LL)` over `kPeriod`
 * bars (0 when HH = LL), `%K = SMA(raw %K, kSlowing)`, `%D = SMA(%K, dPeriod)`. `kSlowing: 1` gives the
 * fast stochastic (TA-Lib `STOCHF`).
 *
 * TA-Lib `STOCH` (SMA smoothing) exact. Warm-up: both columns start at index
 * `kPeriod + kSlowing + dPeriod - 3` (17 for 14/3/3), as in TA-Lib.
 *
 * @param high - bar highs
 * @param low - bar lows
 * @param close - bar closes
 * @param options - `{ kPeriod = 14, kSlowing = 3, dPeriod = 3 }`
 * @returns `{ k, d }`, Float64Arrays of the input's length, NaN during the warm-up
 * @throws IndicatorError `invalid_period`, `length_mismatch`, `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { stochastic } from '@rrr/indicators';
 *
 * const { k, d } = stochastic([3, 4, 5], [1, 2, 3], [2, 4, 4], { kPeriod: 2, kSlowing: 1, dPeriod: 1 });
 * console.log(k[1], d[1]); // 100 100
 * ```
 */
export function stochastic(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  options: StochasticOptions = {},
): StochasticResult {
  const { kPeriod, kSlowing, dPeriod } = resolveStochastic('stochastic', options);
  const n = checkShapes(
    'stochastic',
    HLC_NAMES,
    [high, low, close],
    'close',
    kPeriod + kSlowing + dPeriod - 3,
  );
  // stochasticInto checks the finiteness of every input on its way
  const first = kPeriod + kSlowing + dPeriod - 3;
  const k = nanArray(n, 0);
  const d = nanArray(n, first);
  stochasticInto(high, low, close, 0, n, kPeriod, kSlowing, dPeriod, k, d, 'stochastic');
  return { k, d };
}

/** @internal Streaming %K / %D core over high / low / close inputs; NaN k while warming up. */
export class StochasticCore {
  private readonly kPeriod: number;
  private readonly hh: MaxDeque;
  private readonly nll: MaxDeque;
  private readonly kSma: SmaCore;
  private readonly dSma: SmaCore;
  private fedK = false;
  private fedD = false;
  n = 0;
  d = Number.NaN;

  constructor(kPeriod: number, kSlowing: number, dPeriod: number) {
    this.kPeriod = kPeriod;
    this.hh = new MaxDeque(kPeriod);
    this.nll = new MaxDeque(kPeriod);
    this.kSma = new SmaCore(kSlowing);
    this.dSma = new SmaCore(dPeriod);
  }

  /** Returns %K (NaN until %D exists) and sets `d`. */
  peek(high: number, low: number, close: number): number {
    const hh = this.hh.peek(high);
    const ll = -this.nll.peek(-low);
    this.fedK = this.n >= this.kPeriod - 1;
    this.fedD = false;
    this.d = Number.NaN;
    if (!this.fedK) return Number.NaN;
    const k = this.kSma.peek(rawK(close, hh, ll));
    if (Number.isNaN(k)) return Number.NaN;
    this.fedD = true;
    this.d = this.dSma.peek(k);
    return !Number.isNaN(this.d) ? k : Number.NaN;
  }

  commit(): void {
    this.hh.commit();
    this.nll.commit();
    if (this.fedK) this.kSma.commit();
    if (this.fedD) this.dSma.commit();
    this.n++;
  }
}

/**
 * Streaming {@link stochastic}: same numbers bit for bit, O(1) amortized per update (monotonic deques).
 *
 * @example
 * ```ts
 * import { Stochastic } from '@rrr/indicators';
 *
 * const ind = new Stochastic({ kPeriod: 2, kSlowing: 1, dPeriod: 1 });
 * ind.update({ high: 3, low: 1, close: 2 });
 * console.log(ind.update({ high: 4, low: 2, close: 4 })); // { k: 100, d: 100 }
 * ```
 */
export class Stochastic extends StreamingIndicator<HighLowClose, StochasticValue> {
  /** Inputs before the first value: `kPeriod + kSlowing + dPeriod - 3`. */
  readonly warmup: number;
  private readonly core: StochasticCore;

  /** @param options - `{ kPeriod = 14, kSlowing = 3, dPeriod = 3 }` */
  constructor(options: StochasticOptions = {}) {
    super();
    const { kPeriod, kSlowing, dPeriod } = resolveStochastic('Stochastic', options);
    this.core = new StochasticCore(kPeriod, kSlowing, dPeriod);
    this.warmup = kPeriod + kSlowing + dPeriod - 3;
  }

  protected compute(bar: HighLowClose): StochasticValue | null {
    checkFiniteValue('Stochastic', 'high', bar.high);
    checkFiniteValue('Stochastic', 'low', bar.low);
    checkFiniteValue('Stochastic', 'close', bar.close);
    const k = this.core.peek(bar.high, bar.low, bar.close);
    return !Number.isNaN(k) ? { k, d: this.core.d } : null;
  }

  protected commit(): void {
    this.core.commit();
  }
}
