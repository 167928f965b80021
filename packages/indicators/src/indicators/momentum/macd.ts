import { InvalidParameterError } from '../../errors.js';
import { EmaCore } from '../_internal/cores.js';
import { StreamingIndicator } from '../_internal/streaming.js';
import {
  checkFiniteValue,
  checkPeriod,
  checkShapes,
  nanArray,
  nonFinite,
  VALUES_NAMES,
} from '../_internal/validate.js';

/** Options of {@link macd} and {@link MACD}. */
export interface MacdOptions {
  /** Fast EMA length, integer >= 1 (default 12). */
  readonly fast?: number;
  /** Slow EMA length, integer >= `fast` (default 26). */
  readonly slow?: number;
  /** Signal EMA length, integer >= 1 (default 9). */
  readonly signal?: number;
}

/** Output of {@link macd}: three columns of the input's length. */
export interface MacdResult {
  /** MACD line: fast EMA - slow EMA. */
  readonly macd: Float64Array;
  /** Signal line: EMA of the MACD line. */
  readonly signal: Float64Array;
  /** Histogram: MACD line - signal line. */
  readonly histogram: Float64Array;
}

/** One streaming {@link MACD} value. */
export interface MacdValue {
  /** MACD line: fast EMA - slow EMA. */
  readonly macd: number;
  /** Signal line: EMA of the MACD line. */
  readonly signal: number;
  /** Histogram: MACD line - signal line. */
  readonly histogram: number;
}

function resolve(fn: string, options: MacdOptions): { fast: number; slow: number; signal: number } {
  const fast = checkPeriod(fn, 'fast', options.fast ?? 12);
  const slow = checkPeriod(fn, 'slow', options.slow ?? 26);
  const signal = checkPeriod(fn, 'signal', options.signal ?? 9);
  if (slow < fast) {
    throw new InvalidParameterError(
      'invalid_period',
      'slow',
      `${fn}: slow (${slow}) must be >= fast (${fast})`,
    );
  }
  return { fast, slow, signal };
}

/**
 * Moving average convergence/divergence (Appel): `macd = EMA(x, fast) - EMA(x, slow)`,
 * `signal = EMA(macd, signal)`, `histogram = macd - signal`; EMAs with `k = 2 / (n + 1)` and SMA seeds.
 *
 * TA-Lib `MACD` exact, including its alignment: the fast EMA is seeded at index `slow - 1` with the SMA of
 * the `fast` values ending there, so both EMAs start together. Warm-up: all three columns start at index
 * `slow + signal - 2` (33 for 12/26/9), as in TA-Lib.
 *
 * @param values - input series, finite values only
 * @param options - `{ fast = 12, slow = 26, signal = 9 }`
 * @returns `{ macd, signal, histogram }`, each a Float64Array of the input's length, NaN during the warm-up
 * @throws IndicatorError `invalid_period` (also when `slow < fast`), `non_finite_input`, `insufficient_data`
 *
 * @example
 * ```ts
 * import { macd } from '@rrr/indicators';
 *
 * const closes = Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i / 5));
 * const { macd: line, signal, histogram } = macd(closes, { fast: 12, slow: 26, signal: 9 });
 * console.log(line[33], signal[33], histogram[33]);
 * ```
 */
export function macd(values: ArrayLike<number>, options: MacdOptions = {}): MacdResult {
  const { fast, slow, signal } = resolve('macd', options);
  const first = slow + signal - 2;
  const n = checkShapes('macd', VALUES_NAMES, [values], 'values', first);
  const line = nanArray(n, first);
  const sig = nanArray(n, first);
  const histogram = nanArray(n, first);
  // one pass, the three EMAs side by side with exactly emaInto's operations: each seeded with the SMA of
  // its first inputs (summed from 0 in index order), then x * k + prev * (1 - k)
  // finiteness folded into the pass: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  let fastSum = 0;
  let slowSum = 0;
  for (let i = 0; i < slow; i++) {
    const x = values[i] as number;
    finite += x - x;
    slowSum += x;
    if (i >= slow - fast) fastSum += x;
  }
  const kf = 2 / (fast + 1);
  const kf1 = 1 - kf;
  const ks = 2 / (slow + 1);
  const ks1 = 1 - ks;
  const kg = 2 / (signal + 1);
  const kg1 = 1 - kg;
  let fe = fastSum / fast;
  let se = slowSum / slow;
  let m = fe - se;
  let sigSum = 0;
  let ge = 0;
  for (let i = slow - 1; i < n; i++) {
    if (i >= slow) {
      const x = values[i] as number;
      finite += x - x;
      fe = x * kf + fe * kf1;
      se = x * ks + se * ks1;
      m = fe - se;
    }
    if (i < first) {
      sigSum += m;
      continue;
    }
    if (i === first) {
      sigSum += m;
      ge = sigSum / signal;
    } else {
      ge = m * kg + ge * kg1;
    }
    line[i] = m;
    sig[i] = ge;
    histogram[i] = m - ge;
  }
  if (finite !== 0) nonFinite('macd', VALUES_NAMES, [values]);
  return { macd: line, signal: sig, histogram };
}

/**
 * Streaming {@link macd}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { MACD } from '@rrr/indicators';
 *
 * const ind = new MACD({ fast: 2, slow: 3, signal: 2 });
 * for (const x of [1, 2, 3, 4, 5]) ind.update(x);
 * console.log(ind.value); // { macd: 0.5, signal: 0.5, histogram: 0 }
 * ```
 */
export class MACD extends StreamingIndicator<number, MacdValue> {
  /** Inputs before the first value: `slow + signal - 2`. */
  readonly warmup: number;
  private readonly fastStart: number;
  private readonly fast: EmaCore;
  private readonly slow: EmaCore;
  private readonly signal: EmaCore;
  private fedFast = false;
  private fedSignal = false;

  /** @param options - `{ fast = 12, slow = 26, signal = 9 }` */
  constructor(options: MacdOptions = {}) {
    super();
    const { fast, slow, signal } = resolve('MACD', options);
    this.fastStart = slow - fast;
    this.fast = new EmaCore(fast);
    this.slow = new EmaCore(slow);
    this.signal = new EmaCore(signal);
    this.warmup = slow + signal - 2;
  }

  protected compute(x: number): MacdValue | null {
    checkFiniteValue('MACD', 'input', x);
    const s = this.slow.peek(x);
    this.fedFast = this.committed >= this.fastStart;
    this.fedSignal = false;
    if (!this.fedFast) return null;
    const f = this.fast.peek(x);
    if (Number.isNaN(s)) return null;
    const line = f - s;
    this.fedSignal = true;
    const sig = this.signal.peek(line);
    if (Number.isNaN(sig)) return null;
    return { macd: line, signal: sig, histogram: line - sig };
  }

  protected commit(): void {
    this.slow.commit();
    if (this.fedFast) this.fast.commit();
    if (this.fedSignal) this.signal.commit();
  }
}
