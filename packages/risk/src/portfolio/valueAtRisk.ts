import { mean, normalPdf, normalQuantile, requireSample, sampleStdev } from '../core/stats.js';
import { InvalidParameterError } from '../errors.js';

/**
 * Value at risk and expected shortfall, as positive loss fractions of portfolio value (0.05 = 5% loss).
 *
 * @example
 * ```ts
 * import { historicalVar, type VarResult } from '@rrr/risk';
 *
 * const v: VarResult = historicalVar([-0.04, -0.01, 0.02, 0.03], 0.75);
 * console.log(v.valueAtRisk, v.expectedShortfall); // 0.04 0.04
 * ```
 */
export interface VarResult {
  /** Confidence level used, e.g. 0.95. */
  readonly confidence: number;
  /** Value at risk: the loss not exceeded with probability `confidence`. */
  readonly valueAtRisk: number;
  /** Conditional VaR / expected shortfall: the mean loss in the worst `1 - confidence` of cases. */
  readonly expectedShortfall: number;
}

function requireConfidence(confidence: number): number {
  if (!(Number.isFinite(confidence) && confidence > 0 && confidence < 1)) {
    throw new InvalidParameterError('confidence', `confidence must be in (0, 1) (got ${confidence})`);
  }
  return confidence;
}

/**
 * Historical VaR and CVaR from a sample of periodic returns (float64 analytics).
 *
 * With returns sorted ascending and k = ceil(n * (1 - confidence)) (at least 1), VaR = -r(k), the k-th
 * smallest return, and CVaR = -(mean of the k smallest returns). So at most k - 1 < n(1 - c) returns lose
 * more than VaR. Values are losses: positive means a loss. A sample with no losses gives negative numbers.
 *
 * @param returns - periodic simple returns (e.g. daily), finite
 * @param confidence - in (0, 1), e.g. 0.95 or 0.99
 * @example
 * ```ts
 * import { historicalVar } from '@rrr/risk';
 *
 * const r = [-0.05, -0.03, -0.01, 0, 0.01, 0.02, 0.02, 0.03, 0.04, 0.05];
 * const v = historicalVar(r, 0.8); // k = 2 -> VaR 0.03, CVaR 0.04
 * ```
 */
export function historicalVar(returns: ArrayLike<number>, confidence: number): VarResult {
  requireSample(returns, 'returns');
  requireConfidence(confidence);
  const sorted = Float64Array.from(returns).sort();
  // Guard against float noise such as 100 * 0.05 = 5.000000000000001.
  const k = Math.max(1, Math.ceil(sorted.length * (1 - confidence) - 1e-9));
  let sum = 0;
  for (let i = 0; i < k; i++) sum += sorted[i] as number;
  return { confidence, valueAtRisk: -(sorted[k - 1] as number), expectedShortfall: -sum / k };
}

/**
 * Parametric (normal, variance-covariance) VaR and CVaR from a sample of returns:
 * VaR = z * sigma - mu and CVaR = sigma * pdf(z) / (1 - c) - mu, with z = Φ⁻¹(c), mu the sample mean and
 * sigma the sample standard deviation (n - 1).
 *
 * @param returns - periodic simple returns, at least two
 * @param confidence - in (0, 1)
 * @example
 * ```ts
 * import { parametricVar } from '@rrr/risk';
 *
 * const v = parametricVar([0.01, -0.02, 0.015, -0.005, 0.002], 0.95);
 * console.log(v.valueAtRisk > 0); // true
 * ```
 */
export function parametricVar(returns: ArrayLike<number>, confidence: number): VarResult {
  requireSample(returns, 'returns', 2);
  return parametricVarFromMoments(mean(returns), sampleStdev(returns), confidence);
}

/**
 * Parametric VaR and CVaR from a mean and standard deviation of returns (see {@link parametricVar}).
 *
 * @param mu - mean periodic return
 * @param sigma - standard deviation of periodic returns, >= 0
 * @param confidence - in (0, 1)
 * @example
 * ```ts
 * import { parametricVarFromMoments } from '@rrr/risk';
 *
 * parametricVarFromMoments(0, 0.02, 0.99).valueAtRisk; // ≈ 0.0465 (2.326 * 0.02)
 * ```
 */
export function parametricVarFromMoments(mu: number, sigma: number, confidence: number): VarResult {
  if (!Number.isFinite(mu)) throw new InvalidParameterError('mu', `mu must be finite (got ${mu})`);
  if (!(Number.isFinite(sigma) && sigma >= 0)) {
    throw new InvalidParameterError('sigma', `sigma must be finite and >= 0 (got ${sigma})`);
  }
  requireConfidence(confidence);
  const z = normalQuantile(confidence);
  return {
    confidence,
    valueAtRisk: z * sigma - mu,
    expectedShortfall: (sigma * normalPdf(z)) / (1 - confidence) - mu,
  };
}
