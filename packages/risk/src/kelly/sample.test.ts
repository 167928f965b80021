import { describe, expect, it } from 'vitest';
import { KellyNoTradeReason } from './estimate.js';
import { kellyFromReturns } from './sample.js';

describe('kellyFromReturns', () => {
  it('derives p, q, average win and loss from the sample', () => {
    const k = kellyFromReturns([2, -1, 2, -1, 2]);
    expect(k.fraction.toString()).toBe('0.4');
    expect(k.inputs['winRate']?.toString()).toBe('0.6');
    expect(k.inputs['avgWin']?.toString()).toBe('2');
    expect(k.inputs['avgLoss']?.toString()).toBe('1');
  });

  it('counts zero returns as scratches: in n, but neither win nor loss', () => {
    // p = 2/5, q = 2/5, W = 3, L = 1: f* = 0.4 - 0.4 / 3
    const k = kellyFromReturns(['0.03', '-0.01', 0, '0.03', '-0.01'].map(String));
    expect(k.inputs['lossRate']?.toString()).toBe('0.4');
    expect(k.fraction.toFixed(12)).toBe('0.266666666667');
  });

  it('all-winning sample: f* = 1', () => {
    expect(kellyFromReturns([0.01, 0.02]).fraction.toString()).toBe('1');
  });

  it('all-losing sample: f* = -Infinity, no trade', () => {
    const k = kellyFromReturns([-0.01, -0.02]);
    expect(k.trade).toBe(false);
    expect(k.fraction.isFinite()).toBe(false);
  });

  it('all-zero sample: no payoff', () => {
    expect(kellyFromReturns([0, 0, 0]).reason).toBe(KellyNoTradeReason.noPayoff);
  });

  it('rejects an empty sample and a NaN return naming its index', () => {
    expect(() => kellyFromReturns([])).toThrow(/returns must be a non-empty array/);
    expect(() => kellyFromReturns([0.1, Number.NaN])).toThrow(/returns\[1\]/);
  });
});
