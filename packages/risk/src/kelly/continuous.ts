import { Decimal } from 'decimal.js';
import { type DecimalInput, requirePositive, toDecimal } from '../core/decimal.js';
import { InvalidParameterError } from '../errors.js';
import { estimate, type KellyEstimate } from './estimate.js';

/**
 * Parameters of {@link kellyContinuous}.
 *
 * @example
 * ```ts
 * import { type ContinuousKellyParams, kellyContinuous } from '@rrr/risk';
 *
 * const daily: ContinuousKellyParams = { mean: 0.0009, stdev: 0.04, riskFree: 0.0001 };
 * kellyContinuous(daily).fraction.toString(); // "0.5"
 * ```
 */
export interface ContinuousKellyParams {
  /** Expected return per period (e.g. daily mean return). */
  readonly mean: DecimalInput;
  /** Standard deviation of the return per period, > 0. */
  readonly stdev: DecimalInput;
  /** Risk-free return per period, subtracted from `mean`; default 0. */
  readonly riskFree?: DecimalInput;
}

/**
 * Continuous-time Kelly (Merton) fraction f* = (mu - r) / sigma^2. A result above 1 means leverage.
 * `stdev` must be > 0 (zero volatility would mean unbounded leverage).
 *
 * @param params - mean, standard deviation and optional risk-free rate per period
 * @example
 * ```ts
 * import { kellyContinuous } from '@rrr/risk';
 *
 * kellyContinuous({ mean: 0.001, stdev: 0.04 }).fraction.toString(); // "0.625"
 * ```
 */
export function kellyContinuous(params: ContinuousKellyParams): KellyEstimate {
  const mu = toDecimal(params.mean, 'mean');
  const sigma = requirePositive(toDecimal(params.stdev, 'stdev'), 'stdev');
  const r = params.riskFree === undefined ? new Decimal(0) : toDecimal(params.riskFree, 'riskFree');
  return estimate(mu.minus(r).div(sigma.pow(2)), { mean: mu, stdev: sigma, riskFree: r });
}

/**
 * Continuous Kelly from a sample of periodic returns: sample mean and sample standard deviation
 * (n - 1 denominator), computed in Decimal. Needs at least two returns that are not all equal.
 *
 * @param returns - periodic returns (e.g. daily), at least two
 * @param riskFree - risk-free return per period, default 0
 * @example
 * ```ts
 * import { kellyContinuousFromReturns } from '@rrr/risk';
 *
 * kellyContinuousFromReturns([0.01, -0.005, 0.02, -0.01]).trade; // true
 * ```
 */
export function kellyContinuousFromReturns(
  returns: readonly DecimalInput[],
  riskFree: DecimalInput = 0,
): KellyEstimate {
  if (!Array.isArray(returns) || returns.length < 2) {
    throw new InvalidParameterError('returns', 'returns must be an array of at least 2 periodic returns');
  }
  const values = returns.map((v, i) => toDecimal(v, `returns[${i}]`));
  const mu = values.reduce((a, b) => a.plus(b), new Decimal(0)).div(values.length);
  const ss = values.reduce((a, b) => a.plus(b.minus(mu).pow(2)), new Decimal(0));
  const variance = ss.div(values.length - 1);
  if (variance.isZero()) {
    throw new InvalidParameterError('returns', 'returns have zero variance: continuous Kelly is unbounded');
  }
  return kellyContinuous({ mean: mu, stdev: variance.sqrt(), riskFree });
}
