import { createRandom } from '../core/random.js';
import { median, requireSample } from '../core/stats.js';
import { InvalidParameterError } from '../errors.js';

/**
 * Options of {@link optimizeKellyMonteCarlo}.
 *
 * @example
 * ```ts
 * import type { MonteCarloKellyOptions } from '@rrr/risk';
 *
 * const options: MonteCarloKellyOptions = {
 *   returns: [1.5, -1, 2, -1],
 *   seed: 7,
 *   paths: 1000,
 *   maxDrawdown: 0.25,
 *   maxDrawdownProbability: 0.05,
 * };
 * ```
 */
export interface MonteCarloKellyOptions {
  /**
   * Per-trade returns; a trade at fraction f multiplies equity by (1 + f * r). With R-multiples
   * (a stop-out is -1) f is the fraction of equity risked; with position returns f is the position
   * size as a fraction of equity (above 1 means leverage).
   */
  readonly returns: readonly number[];
  /** PRNG seed (integer). Same seed, same answer. */
  readonly seed: number;
  /** Number of bootstrap paths; default 2000. */
  readonly paths?: number;
  /** Trades per path; default `returns.length`. */
  readonly tradesPerPath?: number;
  /** Candidate fractions, each > 0; default 0.01, 0.02, ..., 1.00. */
  readonly fractions?: readonly number[];
  /** Drawdown limit as a fraction in (0, 1), e.g. 0.3 for 30%; default 0.3. */
  readonly maxDrawdown?: number;
  /** Largest acceptable probability that a path's max drawdown exceeds `maxDrawdown`; default 0.05. */
  readonly maxDrawdownProbability?: number;
}

/**
 * Statistics of one candidate fraction over all paths.
 *
 * @example
 * ```ts
 * import { optimizeKellyMonteCarlo } from '@rrr/risk';
 *
 * const { curve } = optimizeKellyMonteCarlo({ returns: [1.5, -1, 2, -1], seed: 7, paths: 200, fractions: [0.1, 0.2] });
 * for (const point of curve) console.log(point.fraction, point.medianLogGrowth, point.drawdownExceedProbability);
 * ```
 */
export interface MonteCarloPoint {
  /** The fraction f. */
  readonly fraction: number;
  /** Median over paths of the mean log growth per trade, (1/T) * sum(log(1 + f r)). `-Infinity` if ruin is the median. */
  readonly medianLogGrowth: number;
  /** Median over paths of the maximum drawdown (0..1). */
  readonly medianMaxDrawdown: number;
  /** Share of paths whose max drawdown exceeds the limit. */
  readonly drawdownExceedProbability: number;
  /** Share of paths that hit 1 + f r <= 0 (total loss). */
  readonly ruinProbability: number;
  /** Whether the drawdown constraint holds. */
  readonly feasible: boolean;
}

/**
 * Result of {@link optimizeKellyMonteCarlo}.
 *
 * @example
 * ```ts
 * import { optimizeKellyMonteCarlo } from '@rrr/risk';
 *
 * const result = optimizeKellyMonteCarlo({ returns: [1.5, -1, 2, -1], seed: 7, paths: 500 });
 * console.log(result.best === null ? result.reason : result.best.fraction);
 * ```
 */
export interface MonteCarloKellyResult {
  /**
   * The feasible fraction with the highest median log growth, or `null` when no fraction is feasible
   * or none has a positive median log growth (then do not trade; see `reason`).
   */
  readonly best: MonteCarloPoint | null;
  /** Why `best` is null. */
  readonly reason: 'no_feasible_fraction' | 'no_positive_growth' | null;
  /** One point per candidate fraction, in the given order: the growth/drawdown curve. */
  readonly curve: readonly MonteCarloPoint[];
  /** Settings used. */
  readonly settings: {
    readonly seed: number;
    readonly paths: number;
    readonly tradesPerPath: number;
    readonly maxDrawdown: number;
    readonly maxDrawdownProbability: number;
  };
}

const defaultFractions = (): number[] => Array.from({ length: 100 }, (_, i) => (i + 1) / 100);

function requireInt(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidParameterError(field, `${field} must be an integer >= ${min} (got ${value})`);
  }
  return value;
}

function requireOpenUnit(value: number, field: string, allowOne: boolean): number {
  if (!Number.isFinite(value) || value <= 0 || value > 1 || (!allowOne && value === 1)) {
    throw new InvalidParameterError(field, `${field} must be in (0, 1${allowOne ? ']' : ')'} (got ${value})`);
  }
  return value;
}

/**
 * Monte Carlo Kelly optimisation: bootstrap `paths` sequences of `tradesPerPath` trades (sampling the
 * returns with replacement using a seeded xoshiro128** PRNG), evaluate every candidate fraction on the
 * same paths (common random numbers), and choose the fraction maximising the median log growth subject
 * to P(max drawdown > maxDrawdown) <= maxDrawdownProbability. Deterministic for a given seed.
 *
 * @param options - sample, seed and constraint
 * @example
 * ```ts
 * import { optimizeKellyMonteCarlo } from '@rrr/risk';
 *
 * const returns = [0.04, -0.02, 0.03, -0.02, 0.05, -0.01, -0.03, 0.02];
 * const result = optimizeKellyMonteCarlo({ returns, seed: 1, paths: 500, maxDrawdown: 0.3 });
 * console.log(result.best?.fraction, result.curve.length);
 * ```
 */
export function optimizeKellyMonteCarlo(options: MonteCarloKellyOptions): MonteCarloKellyResult {
  const { returns, seed } = options;
  if (!Array.isArray(returns))
    throw new InvalidParameterError('returns', 'returns must be an array of numbers');
  requireSample(returns, 'returns');
  requireInt(seed, 'seed', Number.MIN_SAFE_INTEGER);
  const paths = requireInt(options.paths ?? 2000, 'paths', 1);
  const trades = requireInt(options.tradesPerPath ?? returns.length, 'tradesPerPath', 1);
  const fractions = options.fractions ?? defaultFractions();
  if (!Array.isArray(fractions) || fractions.length === 0) {
    throw new InvalidParameterError('fractions', 'fractions must be a non-empty array');
  }
  fractions.forEach((f, i) => {
    if (!Number.isFinite(f) || f <= 0) {
      throw new InvalidParameterError(
        `fractions[${i}]`,
        `fractions[${i}] must be a finite number > 0 (got ${f})`,
      );
    }
  });
  const ddLimit = requireOpenUnit(options.maxDrawdown ?? 0.3, 'maxDrawdown', false);
  const pLimit = requireOpenUnit(options.maxDrawdownProbability ?? 0.05, 'maxDrawdownProbability', true);

  const rng = createRandom(seed);
  const nF = fractions.length;
  const growth = Array.from({ length: nF }, () => new Float64Array(paths));
  const maxDd = Array.from({ length: nF }, () => new Float64Array(paths));
  const exceed = new Uint32Array(nF);
  const ruined = new Uint32Array(nF);
  const sample = Float64Array.from(returns);
  const drawn = new Float64Array(trades);

  for (let p = 0; p < paths; p++) {
    for (let t = 0; t < trades; t++) drawn[t] = sample[rng.nextInt(sample.length)] as number;
    for (let k = 0; k < nF; k++) {
      const f = fractions[k] as number;
      let logEquity = 0;
      let logPeak = 0;
      let worst = 0; // most negative log(equity / peak)
      let ruin = false;
      for (let t = 0; t < trades; t++) {
        const m = 1 + f * (drawn[t] as number);
        if (m <= 0) {
          ruin = true;
          break;
        }
        logEquity += Math.log(m);
        if (logEquity > logPeak) logPeak = logEquity;
        else if (logEquity - logPeak < worst) worst = logEquity - logPeak;
      }
      const dd = ruin ? 1 : 1 - Math.exp(worst);
      (growth[k] as Float64Array)[p] = ruin ? Number.NEGATIVE_INFINITY : logEquity / trades;
      (maxDd[k] as Float64Array)[p] = dd;
      if (ruin) ruined[k] = (ruined[k] as number) + 1;
      if (dd > ddLimit) exceed[k] = (exceed[k] as number) + 1;
    }
  }

  const curve: MonteCarloPoint[] = fractions.map((fraction, k) => {
    const probability = (exceed[k] as number) / paths;
    return {
      fraction,
      medianLogGrowth: median(growth[k] as Float64Array),
      medianMaxDrawdown: median(maxDd[k] as Float64Array),
      drawdownExceedProbability: probability,
      ruinProbability: (ruined[k] as number) / paths,
      feasible: probability <= pLimit,
    };
  });

  let best: MonteCarloPoint | null = null;
  for (const point of curve) {
    if (point.feasible && (best === null || point.medianLogGrowth > best.medianLogGrowth)) best = point;
  }
  let reason: MonteCarloKellyResult['reason'] = null;
  if (best === null) reason = 'no_feasible_fraction';
  else if (!(best.medianLogGrowth > 0)) {
    best = null;
    reason = 'no_positive_growth';
  }
  return {
    best,
    reason,
    curve,
    settings: { seed, paths, tradesPerPath: trades, maxDrawdown: ddLimit, maxDrawdownProbability: pLimit },
  };
}
