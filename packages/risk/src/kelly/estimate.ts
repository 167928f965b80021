import type { Decimal } from 'decimal.js';

/**
 * Reasons why a Kelly estimate says "do not trade".
 *
 * @example
 * ```ts
 * import { KellyNoTradeReason, kellyFromWinLoss } from '@rrr/risk';
 *
 * const k = kellyFromWinLoss({ winRate: 0.5, avgWin: 1, avgLoss: 1 });
 * console.log(k.reason === KellyNoTradeReason.zeroEdge); // true
 * ```
 */
export const KellyNoTradeReason = {
  /** f* < 0: the expected log growth of any long bet is negative. */
  negativeEdge: 'negative_edge',
  /** f* = 0 exactly (e.g. even odds at a 50% win rate): no edge. */
  zeroEdge: 'zero_edge',
  /** Neither wins nor losses move capital (both averages zero, or a sample of zero returns). */
  noPayoff: 'no_payoff',
} as const;

/** One of the {@link KellyNoTradeReason} values. */
export type KellyNoTradeReason = (typeof KellyNoTradeReason)[keyof typeof KellyNoTradeReason];

/**
 * Result of a Kelly computation. `fraction` is the raw optimal fraction f* (not clamped: it may be
 * negative, `-Infinity` when the strategy can never win, or above 1 for continuous Kelly, which means leverage).
 * `trade` is false exactly when f* <= 0 or there is no payoff, and `reason` then says why.
 *
 * @example
 * ```ts
 * import { type KellyEstimate, kellyFromWinLoss } from '@rrr/risk';
 *
 * const k: KellyEstimate = kellyFromWinLoss({ winRate: 0.4, avgWin: 1, avgLoss: 1 });
 * if (!k.trade) console.log(k.reason); // "negative_edge"
 * ```
 */
export interface KellyEstimate {
  /** Optimal fraction f* of capital (raw, unclamped). */
  readonly fraction: Decimal;
  /** Inputs the fraction was computed from, for reporting. */
  readonly inputs: Readonly<Record<string, Decimal>>;
  /** Whether the estimate recommends a (long) trade at all. */
  readonly trade: boolean;
  /** Why not, when `trade` is false. */
  readonly reason: KellyNoTradeReason | null;
}

/** @internal Builds an estimate, deriving `trade`/`reason` from the fraction. */
export function estimate(
  fraction: Decimal,
  inputs: Record<string, Decimal>,
  noPayoff = false,
): KellyEstimate {
  if (noPayoff) return { fraction, inputs, trade: false, reason: KellyNoTradeReason.noPayoff };
  if (fraction.isZero()) return { fraction, inputs, trade: false, reason: KellyNoTradeReason.zeroEdge };
  if (fraction.isNegative())
    return { fraction, inputs, trade: false, reason: KellyNoTradeReason.negativeEdge };
  return { fraction, inputs, trade: true, reason: null };
}
