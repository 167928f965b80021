import { describe, expect, it } from 'vitest';
import { optimizeKellyMonteCarlo } from './monteCarlo.js';

describe('optimizeKellyMonteCarlo', () => {
  const sample = [1, -0.5]; // analytic growth-optimal fraction: 0.5 (maximises 0.5 ln(1+f) + 0.5 ln(1-f/2))

  it('gives the same answer for the same seed', () => {
    const a = optimizeKellyMonteCarlo({ returns: sample, seed: 11, paths: 200, tradesPerPath: 100 });
    const b = optimizeKellyMonteCarlo({ returns: sample, seed: 11, paths: 200, tradesPerPath: 100 });
    expect(b).toEqual(a);
    const c = optimizeKellyMonteCarlo({ returns: sample, seed: 12, paths: 200, tradesPerPath: 100 });
    expect(c.curve.map((p) => p.medianLogGrowth)).not.toEqual(a.curve.map((p) => p.medianLogGrowth));
  });

  it('without a binding drawdown limit, finds the analytic Kelly fraction', () => {
    const r = optimizeKellyMonteCarlo({
      returns: sample,
      seed: 3,
      paths: 301,
      tradesPerPath: 2000,
      fractions: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
      maxDrawdown: 0.999,
      maxDrawdownProbability: 1,
    });
    expect(r.best?.fraction).toBe(0.5);
    // median growth per trade near the analytic G(0.5) = 0.5 ln 1.5 + 0.5 ln 0.75
    expect(r.best?.medianLogGrowth).toBeCloseTo(0.5 * Math.log(1.5) + 0.5 * Math.log(0.75), 2);
    expect(r.curve).toHaveLength(9);
  });

  it('a drawdown limit picks a smaller fraction that satisfies P(maxDD > limit) <= p', () => {
    const r = optimizeKellyMonteCarlo({
      returns: sample,
      seed: 5,
      paths: 400,
      tradesPerPath: 200,
      maxDrawdown: 0.3,
      maxDrawdownProbability: 0.05,
    });
    const best = r.best;
    expect(best).not.toBeNull();
    if (!best) return;
    expect(best.fraction).toBeLessThan(0.5);
    expect(best.drawdownExceedProbability).toBeLessThanOrEqual(0.05);
    for (const point of r.curve) {
      if (point.feasible) expect(point.medianLogGrowth).toBeLessThanOrEqual(best.medianLogGrowth);
      else expect(point.drawdownExceedProbability).toBeGreaterThan(0.05);
    }
    // The curve reports a growing drawdown risk with the fraction.
    expect(r.curve[99]?.medianMaxDrawdown).toBeGreaterThan(r.curve[9]?.medianMaxDrawdown ?? 1);
  });

  it('returns only gains: the largest fraction wins and no drawdown occurs', () => {
    const r = optimizeKellyMonteCarlo({ returns: [0.01, 0.02], seed: 1, paths: 50, fractions: [0.5, 1] });
    expect(r.best?.fraction).toBe(1);
    expect(r.best?.medianMaxDrawdown).toBe(0);
  });

  it('a losing sample has no positive growth: no trade', () => {
    const r = optimizeKellyMonteCarlo({ returns: [0.01, -0.02, -0.01], seed: 1, paths: 100 });
    expect(r.best).toBeNull();
    expect(r.reason).toBe('no_positive_growth');
  });

  it('counts ruin when 1 + f r <= 0', () => {
    const r = optimizeKellyMonteCarlo({
      returns: [1, -1],
      seed: 2,
      paths: 100,
      tradesPerPath: 20,
      fractions: [1],
      maxDrawdown: 0.5,
    });
    expect(r.curve[0]?.ruinProbability).toBeGreaterThan(0.99);
    expect(r.best).toBeNull();
    expect(r.reason).toBe('no_feasible_fraction');
  });

  it.each([
    ['returns', { returns: [] }],
    ['returns[1]', { returns: [0.1, Number.NaN] }],
    ['paths', { returns: [0.1], paths: 0 }],
    ['tradesPerPath', { returns: [0.1], tradesPerPath: 1.5 }],
    ['fractions[0]', { returns: [0.1], fractions: [-0.1] }],
    ['maxDrawdown', { returns: [0.1], maxDrawdown: 1 }],
    ['maxDrawdownProbability', { returns: [0.1], maxDrawdownProbability: 0 }],
  ])('rejects invalid %s', (parameter, options) => {
    expect(() => optimizeKellyMonteCarlo({ seed: 1, ...options })).toThrow(
      expect.objectContaining({ parameter }) as unknown as Error,
    );
  });
});
