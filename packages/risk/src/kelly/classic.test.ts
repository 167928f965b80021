import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors.js';
import { kellyFromWinLoss } from './classic.js';
import { KellyNoTradeReason } from './estimate.js';

const parameterOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidParameterError) return error.parameter;
    throw error;
  }
  throw new Error('expected InvalidParameterError');
};

describe('kellyFromWinLoss: f* = p - q / b', () => {
  it('coin flip with edge: p = 0.5, b = 2 gives 0.25', () => {
    const k = kellyFromWinLoss({ winRate: 0.5, avgWin: 2, avgLoss: 1 });
    expect(k.fraction.toString()).toBe('0.25');
    expect(k.trade).toBe(true);
    expect(k.reason).toBeNull();
  });

  it('even odds at 50%: f* = 0, no trade (zero edge)', () => {
    const k = kellyFromWinLoss({ winRate: 0.5, avgWin: 1, avgLoss: 1 });
    expect(k.fraction.isZero()).toBe(true);
    expect(k.trade).toBe(false);
    expect(k.reason).toBe(KellyNoTradeReason.zeroEdge);
  });

  it('even odds with a 60% win rate: f* = 0.2', () => {
    expect(kellyFromWinLoss({ winRate: '0.6', avgWin: 1, avgLoss: 1 }).fraction.toString()).toBe('0.2');
  });

  it('0% win rate: f* = -q/b (negative), no trade', () => {
    const k = kellyFromWinLoss({ winRate: 0, avgWin: 2, avgLoss: 1 });
    expect(k.fraction.toString()).toBe('-0.5');
    expect(k.reason).toBe(KellyNoTradeReason.negativeEdge);
  });

  it('0% win rate with zero average win: f* = -Infinity, no trade', () => {
    const k = kellyFromWinLoss({ winRate: 0, avgWin: 0, avgLoss: 1 });
    expect(k.fraction.isFinite()).toBe(false);
    expect(k.fraction.isNegative()).toBe(true);
    expect(k.trade).toBe(false);
    expect(k.reason).toBe(KellyNoTradeReason.negativeEdge);
  });

  it('100% win rate: f* = 1 whatever the odds', () => {
    const k = kellyFromWinLoss({ winRate: 1, avgWin: 0.01, avgLoss: 5 });
    expect(k.fraction.toString()).toBe('1');
    expect(k.trade).toBe(true);
  });

  it('zero average loss: f* = p (limit of b -> infinity)', () => {
    const k = kellyFromWinLoss({ winRate: 0.7, avgWin: 1, avgLoss: 0 });
    expect(k.fraction.toString()).toBe('0.7');
    expect(k.trade).toBe(true);
  });

  it('both averages zero: no payoff, no trade', () => {
    const k = kellyFromWinLoss({ winRate: 0.7, avgWin: 0, avgLoss: 0 });
    expect(k.fraction.isZero()).toBe(true);
    expect(k.reason).toBe(KellyNoTradeReason.noPayoff);
  });

  it('tiny edge: p = 0.5001, b = 1 gives exactly 0.0002', () => {
    const k = kellyFromWinLoss({ winRate: '0.5001', avgWin: 1, avgLoss: 1 });
    expect(k.fraction.toString()).toBe('0.0002');
    expect(k.trade).toBe(true);
  });

  it('high win rate with large wins: p = 0.9, b = 3 gives 0.9 - 0.1/3', () => {
    const k = kellyFromWinLoss({ winRate: 0.9, avgWin: 3, avgLoss: 1 });
    expect(k.fraction.toFixed(15)).toBe('0.866666666666667');
  });

  it('negative edge: p = 0.4, b = 1 gives -0.2', () => {
    const k = kellyFromWinLoss({ winRate: 0.4, avgWin: 1, avgLoss: 1 });
    expect(k.fraction.toString()).toBe('-0.2');
    expect(k.reason).toBe(KellyNoTradeReason.negativeEdge);
  });

  it('uses an explicit loss rate when some trades are scratches', () => {
    // 50% wins of +2, 30% losses of -1, 20% scratches: f* = 0.5 - 0.3 * 1 / 2 = 0.35
    expect(kellyFromWinLoss({ winRate: 0.5, lossRate: 0.3, avgWin: 2, avgLoss: 1 }).fraction.toString()).toBe(
      '0.35',
    );
  });

  it.each([
    ['winRate', { winRate: 1.01, avgWin: 1, avgLoss: 1 }],
    ['winRate', { winRate: -0.1, avgWin: 1, avgLoss: 1 }],
    ['winRate', { winRate: Number.NaN, avgWin: 1, avgLoss: 1 }],
    ['avgWin', { winRate: 0.5, avgWin: -1, avgLoss: 1 }],
    ['avgLoss', { winRate: 0.5, avgWin: 1, avgLoss: -0.5 }],
    ['avgLoss', { winRate: 0.5, avgWin: 1, avgLoss: 'abc' }],
    ['lossRate', { winRate: 0.5, lossRate: 0.6, avgWin: 1, avgLoss: 1 }],
  ])('rejects invalid %s', (parameter, params) => {
    expect(parameterOf(() => kellyFromWinLoss(params))).toBe(parameter);
  });
});
