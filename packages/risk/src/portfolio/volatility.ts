import { requireSample } from '../core/stats.js';
import { InvalidParameterError } from '../errors.js';

/**
 * Rolling sample standard deviation (n - 1) of returns over `window` points, optionally annualised by
 * `sqrt(periodsPerYear)`. Entry i covers returns[i - window + 1 .. i]; the first `window - 1` entries are NaN.
 *
 * @param returns - periodic returns, finite
 * @param window - window length, integer >= 2
 * @param periodsPerYear - annualisation factor (365 for daily crypto); default 1 (no annualisation)
 * @example
 * ```ts
 * import { rollingVolatility } from '@rrr/risk';
 *
 * const vol = rollingVolatility([0.01, -0.01, 0.02, 0], 2);
 * vol[1]; // ≈ 0.01414 (stdev of 0.01 and -0.01)
 * ```
 */
export function rollingVolatility(
  returns: ArrayLike<number>,
  window: number,
  periodsPerYear = 1,
): Float64Array {
  requireSample(returns, 'returns');
  if (!Number.isInteger(window) || window < 2) {
    throw new InvalidParameterError('window', `window must be an integer >= 2 (got ${window})`);
  }
  if (!(Number.isFinite(periodsPerYear) && periodsPerYear > 0)) {
    throw new InvalidParameterError('periodsPerYear', `periodsPerYear must be > 0 (got ${periodsPerYear})`);
  }
  const scale = Math.sqrt(periodsPerYear);
  const out = new Float64Array(returns.length).fill(Number.NaN);
  for (let end = window - 1; end < returns.length; end++) {
    let sum = 0;
    for (let i = end - window + 1; i <= end; i++) sum += returns[i] as number;
    const m = sum / window;
    let ss = 0;
    for (let i = end - window + 1; i <= end; i++) {
      const d = (returns[i] as number) - m;
      ss += d * d;
    }
    out[end] = Math.sqrt(ss / (window - 1)) * scale;
  }
  return out;
}
