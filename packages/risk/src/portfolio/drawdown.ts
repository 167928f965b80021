import { requireSample } from '../core/stats.js';
import { InvalidParameterError } from '../errors.js';

/**
 * The deepest peak-to-trough decline of an equity curve.
 *
 * @example
 * ```ts
 * import { analyzeDrawdowns } from '@rrr/risk';
 *
 * const { max } = analyzeDrawdowns([100, 90, 95, 80, 120]);
 * console.log(max.depth.toFixed(2), max.troughIndex, max.recoveryIndex); // "0.20 3 4"
 * ```
 */
export interface MaxDrawdown {
  /** Depth as a fraction of the peak (0.25 = -25%); 0 for a curve that never declines. */
  readonly depth: number;
  /** Index of the peak before the trough. */
  readonly peakIndex: number;
  /** Index of the trough. */
  readonly troughIndex: number;
  /** First index after the trough where equity is back at or above the peak, or null if never. */
  readonly recoveryIndex: number | null;
  /** Duration from peak to recovery (or to the last point if not recovered), in index steps or in time units when times are given. */
  readonly duration: number;
  /** Whether the curve recovered from this drawdown. */
  readonly recovered: boolean;
}

/**
 * Result of {@link analyzeDrawdowns}.
 *
 * @example
 * ```ts
 * import { analyzeDrawdowns, type DrawdownAnalysis } from '@rrr/risk';
 *
 * const a: DrawdownAnalysis = analyzeDrawdowns([100, 90, 95, 80, 120]);
 * a.longestUnderwater; // 4
 * ```
 */
export interface DrawdownAnalysis {
  /** Drawdown at every point as a fraction of the running peak (0 at a new high, positive below it). */
  readonly drawdown: Float64Array;
  /** Deepest drawdown. */
  readonly max: MaxDrawdown;
  /** Longest time spent below a previous peak (index steps, or time units when times are given). */
  readonly longestUnderwater: number;
}

/**
 * Running drawdown, max drawdown with its duration, and the longest underwater period of an equity curve
 * (float64 analytics). Durations are measured in `times` units when `times` is given, else in steps.
 *
 * @param equity - equity values, all finite and > 0
 * @param times - optional timestamps (same length), ascending
 * @example
 * ```ts
 * import { analyzeDrawdowns } from '@rrr/risk';
 *
 * const a = analyzeDrawdowns([100, 120, 90, 100, 130]);
 * a.max.depth; // 0.25 (120 -> 90)
 * a.max.duration; // 3 (index 1 -> recovery at index 4)
 * ```
 */
export function analyzeDrawdowns(equity: ArrayLike<number>, times?: ArrayLike<number>): DrawdownAnalysis {
  requireSample(equity, 'equity');
  for (let i = 0; i < equity.length; i++) {
    if (!((equity[i] as number) > 0)) {
      throw new InvalidParameterError(`equity[${i}]`, `equity[${i}] must be > 0 (got ${equity[i]})`);
    }
  }
  if (times !== undefined) {
    requireSample(times, 'times');
    if (times.length !== equity.length) {
      throw new InvalidParameterError(
        'times',
        `times must have the same length as equity (${times.length} vs ${equity.length})`,
      );
    }
  }
  const at = (i: number): number => (times ? (times[i] as number) : i);
  const n = equity.length;
  const drawdown = new Float64Array(n);
  let peak = equity[0] as number;
  let peakIndex = 0;
  let max = { depth: 0, peakIndex: 0, troughIndex: 0 };
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const v = equity[i] as number;
    if (v >= peak) {
      if (peakIndex !== i && i > 0 && (equity[i - 1] as number) < peak)
        longest = Math.max(longest, at(i) - at(peakIndex));
      peak = v;
      peakIndex = i;
      continue;
    }
    const dd = 1 - v / peak;
    drawdown[i] = dd;
    if (dd > max.depth) max = { depth: dd, peakIndex, troughIndex: i };
  }
  if ((equity[n - 1] as number) < peak) longest = Math.max(longest, at(n - 1) - at(peakIndex));
  let recoveryIndex: number | null = null;
  if (max.depth > 0) {
    const peakValue = equity[max.peakIndex] as number;
    for (let i = max.troughIndex + 1; i < n; i++) {
      if ((equity[i] as number) >= peakValue) {
        recoveryIndex = i;
        break;
      }
    }
  }
  const end = recoveryIndex ?? n - 1;
  return {
    drawdown,
    max: {
      ...max,
      recoveryIndex,
      duration: max.depth > 0 ? at(end) - at(max.peakIndex) : 0,
      recovered: max.depth === 0 || recoveryIndex !== null,
    },
    longestUnderwater: longest,
  };
}
