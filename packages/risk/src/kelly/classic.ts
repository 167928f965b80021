import { Decimal } from 'decimal.js';
import { type DecimalInput, requireNonNegative, toDecimal } from '../core/decimal.js';
import { InvalidParameterError } from '../errors.js';
import { estimate, type KellyEstimate } from './estimate.js';

/**
 * Parameters of {@link kellyFromWinLoss}.
 *
 * @example
 * ```ts
 * import { kellyFromWinLoss, type WinLossKellyParams } from '@rrr/risk';
 *
 * const params: WinLossKellyParams = { winRate: '0.45', avgWin: '0.03', avgLoss: '0.01' };
 * kellyFromWinLoss(params).fraction.toFixed(4); // "0.2667"
 * ```
 */
export interface WinLossKellyParams {
  /** Probability of a winning trade, in [0, 1]. */
  readonly winRate: DecimalInput;
  /** Average gain of a winning trade (a positive amount or return, same unit as `avgLoss`). */
  readonly avgWin: DecimalInput;
  /** Average loss of a losing trade as a positive number (same unit as `avgWin`). */
  readonly avgLoss: DecimalInput;
  /**
   * Probability of a losing trade; defaults to `1 - winRate`. Set it lower when some trades are
   * scratches (neither win nor loss): then `winRate + lossRate < 1`.
   */
  readonly lossRate?: DecimalInput;
}

/**
 * Classic Kelly fraction f* = p - q / b with b = avgWin / avgLoss, computed as p - q * avgLoss / avgWin.
 *
 * Defined edge cases: a 100% win rate gives f* = 1; a zero average loss gives f* = p (the limit b → ∞);
 * a zero average win with some losses gives f* = -Infinity (never wins: no trade); both averages zero
 * gives f* = 0 with reason `no_payoff`. Invalid inputs (win rate outside [0, 1], negative averages, NaN)
 * throw {@link InvalidParameterError} naming the parameter.
 *
 * @param params - win rate and average win/loss
 * @example
 * ```ts
 * import { kellyFromWinLoss } from '@rrr/risk';
 *
 * const k = kellyFromWinLoss({ winRate: 0.5, avgWin: 2, avgLoss: 1 });
 * k.fraction.toString(); // "0.25"
 * k.trade; // true
 * ```
 */
export function kellyFromWinLoss(params: WinLossKellyParams): KellyEstimate {
  const p = toDecimal(params.winRate, 'winRate');
  if (p.isNegative() || p.gt(1)) {
    throw new InvalidParameterError('winRate', `winRate must be in [0, 1] (got ${p.toString()})`);
  }
  const avgWin = requireNonNegative(toDecimal(params.avgWin, 'avgWin'), 'avgWin');
  const avgLoss = requireNonNegative(toDecimal(params.avgLoss, 'avgLoss'), 'avgLoss');
  const q = params.lossRate === undefined ? new Decimal(1).minus(p) : toDecimal(params.lossRate, 'lossRate');
  if (q.isNegative() || p.plus(q).gt(1)) {
    throw new InvalidParameterError(
      'lossRate',
      `lossRate must be in [0, 1 - winRate] (got ${q.toString()} with winRate ${p.toString()})`,
    );
  }
  const inputs = { winRate: p, lossRate: q, avgWin, avgLoss };
  if (q.isZero()) {
    const noPayoff = p.isZero() || avgWin.isZero();
    return estimate(new Decimal(noPayoff ? 0 : 1), inputs, noPayoff);
  }
  if (avgLoss.isZero()) return avgWin.isZero() ? estimate(new Decimal(0), inputs, true) : estimate(p, inputs);
  if (avgWin.isZero()) return estimate(new Decimal(-Infinity), inputs);
  return estimate(p.minus(q.times(avgLoss).div(avgWin)), inputs);
}
