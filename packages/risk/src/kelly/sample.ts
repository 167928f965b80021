import { Decimal } from 'decimal.js';
import { type DecimalInput, toDecimal } from '../core/decimal.js';
import { InvalidParameterError } from '../errors.js';
import { kellyFromWinLoss } from './classic.js';
import type { KellyEstimate } from './estimate.js';

/**
 * Classic Kelly from a sample of trade returns (e.g. `0.02` = +2%, `-0.01` = -1%, or R-multiples).
 *
 * p = wins / n, q = losses / n, avgWin = mean of the positive returns, avgLoss = mean of |negative returns|.
 * Zero returns (scratch trades) count in n but neither as win nor loss, which is exactly the optimum of
 * the betting model with a "nothing happens" outcome. An all-zero sample gives `no_payoff`.
 *
 * @param returns - per-trade returns, at least one, all finite
 * @example
 * ```ts
 * import { kellyFromReturns } from '@rrr/risk';
 *
 * // 3 wins of +2, 2 losses of -1: p = 0.6, b = 2, f* = 0.6 - 0.4 / 2 = 0.4
 * kellyFromReturns([2, -1, 2, -1, 2]).fraction.toString(); // "0.4"
 * ```
 */
export function kellyFromReturns(returns: readonly DecimalInput[]): KellyEstimate {
  if (!Array.isArray(returns) || returns.length === 0) {
    throw new InvalidParameterError('returns', 'returns must be a non-empty array of trade returns');
  }
  let wins = 0;
  let losses = 0;
  let winSum = new Decimal(0);
  let lossSum = new Decimal(0);
  returns.forEach((value, i) => {
    const r = toDecimal(value, `returns[${i}]`);
    if (r.gt(0)) {
      wins += 1;
      winSum = winSum.plus(r);
    } else if (r.lt(0)) {
      losses += 1;
      lossSum = lossSum.minus(r);
    }
  });
  const n = returns.length;
  return kellyFromWinLoss({
    winRate: new Decimal(wins).div(n),
    lossRate: new Decimal(losses).div(n),
    avgWin: wins === 0 ? 0 : winSum.div(wins),
    avgLoss: losses === 0 ? 0 : lossSum.div(losses),
  });
}
