import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors.js';
import { kellyContinuous, kellyContinuousFromReturns } from './continuous.js';
import { KellyNoTradeReason } from './estimate.js';

describe('continuous Kelly f* = (mu - r) / sigma^2', () => {
  it('computes mu / sigma^2 exactly', () => {
    expect(kellyContinuous({ mean: 0.001, stdev: 0.04 }).fraction.toString()).toBe('0.625');
  });

  it('subtracts the risk-free rate', () => {
    expect(kellyContinuous({ mean: '0.002', stdev: '0.04', riskFree: '0.001' }).fraction.toString()).toBe(
      '0.625',
    );
  });

  it('can exceed 1 (leverage) for a high Sharpe ratio', () => {
    expect(kellyContinuous({ mean: 0.01, stdev: 0.05 }).fraction.toString()).toBe('4');
  });

  it('negative drift means no trade', () => {
    expect(kellyContinuous({ mean: -0.001, stdev: 0.02 }).reason).toBe(KellyNoTradeReason.negativeEdge);
  });

  it('rejects zero or negative stdev naming the parameter', () => {
    expect(() => kellyContinuous({ mean: 0.001, stdev: 0 })).toThrow(InvalidParameterError);
    expect(() => kellyContinuous({ mean: 0.001, stdev: -1 })).toThrow(/stdev must be > 0/);
    expect(() => kellyContinuous({ mean: Number.NaN, stdev: 1 })).toThrow(/mean must be finite/);
  });

  it('from returns uses the sample mean and n-1 variance', () => {
    // mean 0.00375; deviations 0.00625, -0.00875, 0.01625, -0.01375 -> ss = 0.00056875, var = ss / 3
    const k = kellyContinuousFromReturns([0.01, -0.005, 0.02, -0.01]);
    expect(k.fraction.toFixed(10)).toBe('19.7802197802'); // 0.00375 / (0.00056875 / 3) = 0.01125 / 0.00056875
    expect(() => kellyContinuousFromReturns([0.01, 0.01])).toThrow(/zero variance/);
    expect(() => kellyContinuousFromReturns([0.01])).toThrow(/at least 2/);
  });
});
