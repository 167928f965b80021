import { type DecimalInput, requireFraction, toDecimal } from '../core/decimal.js';
import { estimate, type KellyEstimate } from './estimate.js';

/**
 * Common Kelly multipliers.
 *
 * @example
 * ```ts
 * import { KellyFraction, KellySizer } from '@rrr/risk';
 *
 * const sizer = new KellySizer({ kelly: 0.2, fraction: KellyFraction.quarter });
 * sizer.fraction.toString(); // "0.05"
 * ```
 */
export const KellyFraction = {
  /** Full Kelly (1). */
  full: 1,
  /** Half Kelly (0.5): ~75% of the growth with far smaller drawdowns. */
  half: 0.5,
  /** Quarter Kelly (0.25). */
  quarter: 0.25,
} as const;

/**
 * Scales a Kelly estimate by `multiplier` in (0, 1] (half Kelly = 0.5). A no-trade estimate stays no-trade
 * with the same reason; the multiplier is recorded in `inputs.multiplier`.
 *
 * @param kelly - the full-Kelly estimate
 * @param multiplier - fraction of full Kelly, in (0, 1]
 * @example
 * ```ts
 * import { fractionalKelly, KellyFraction, kellyFromWinLoss } from '@rrr/risk';
 *
 * const full = kellyFromWinLoss({ winRate: 0.5, avgWin: 2, avgLoss: 1 }); // 0.25
 * fractionalKelly(full, KellyFraction.half).fraction.toString(); // "0.125"
 * ```
 */
export function fractionalKelly(kelly: KellyEstimate, multiplier: DecimalInput): KellyEstimate {
  const m = requireFraction(toDecimal(multiplier, 'fraction'), 'fraction');
  const inputs = { ...kelly.inputs, multiplier: m };
  if (!kelly.trade) return { fraction: kelly.fraction, inputs, trade: false, reason: kelly.reason };
  return estimate(kelly.fraction.times(m), inputs);
}
