import { describe, expect, it } from 'vitest';
import type { Trade } from '../engine/engine.js';
import { computeMetrics, stepReturns } from './metrics.js';
import { buyAndHoldEquity, monthlyReturns, stepOf } from './summary.js';

const H = 3_600_000;

function trade(pnl: number, returnPct: number, exitReason: Trade['exitReason'] = 'signal'): Trade {
  return {
    symbol: 'BTC/USDT',
    entryTime: 0,
    entryPrice: 100,
    exitTime: H,
    exitPrice: 100 * (1 + returnPct),
    quantity: 1,
    fees: 0.2,
    pnl,
    returnPct,
    exitReason,
    ambiguous: false,
  };
}

describe('computeMetrics on a hand-computed 3-step curve', () => {
  // equity 100 -> 110 -> 99 -> 121, hourly
  const m = computeMetrics({
    initialEquity: 100,
    time: [0, H, 2 * H],
    equity: [110, 99, 121],
    invested: [1, 0, 1],
    stepMs: H,
    trades: [trade(10, 0.1), trade(-5, -0.05), trade(20, 0.2), trade(-5, -0.05), trade(999, 9, 'open')],
    tradedNotional: 300,
    fees: 1.5,
  });
  // step returns 0.1, -0.1, 121/99 - 1 = 0.2222...
  const r = [0.1, -0.1, 121 / 99 - 1];
  const mean = (0.1 - 0.1 + 121 / 99 - 1) / 3;
  const sd = Math.sqrt(((0.1 - mean) ** 2 + (-0.1 - mean) ** 2 + (121 / 99 - 1 - mean) ** 2) / 2);
  const perYear = (365.25 * 24 * H) / H; // 8766 hourly steps per year
  const years = (3 * H) / (365.25 * 24 * H);

  it('returns, CAGR and volatility', () => {
    expect(stepReturns(100, [110, 99, 121])).toEqual(r.map((x) => expect.closeTo(x, 12)));
    expect(m.totalReturn).toBeCloseTo(0.21, 12);
    expect(m.finalEquity).toBe(121);
    expect(m.cagr / (1.21 ** (1 / years) - 1)).toBeCloseTo(1, 12); // a 3-hour span annualised: huge
    expect(sd).toBeCloseTo(0.16266808, 7);
    expect(m.volatility).toBeCloseTo(sd * Math.sqrt(8766), 9);
  });

  it('Sharpe, Sortino, Calmar and max drawdown 110 -> 99', () => {
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(perYear), 9);
    // downside deviation: sqrt((0 + 0.01 + 0) / 3)
    expect(m.sortino).toBeCloseTo((mean / Math.sqrt(0.01 / 3)) * Math.sqrt(perYear), 9);
    expect(m.maxDrawdown).toBeCloseTo(0.1, 12);
    // peak at t = 0 (equity 110), recovered at t = 2h (equity 121)
    expect(m.maxDrawdownDurationMs).toBe(2 * H);
    expect(m.calmar / (m.cagr / 0.1)).toBeCloseTo(1, 12);
  });

  it('trade statistics ignore open trades', () => {
    expect(m.trades).toBe(4);
    expect(m.winRate).toBe(0.5);
    expect(m.profitFactor).toBe(3); // 30 / 10
    expect(m.expectancy).toBe(5);
    expect(m.avgWin).toBe(15);
    expect(m.avgLoss).toBe(-5);
    // trade returns 0.1, -0.05, 0.2, -0.05: mean 0.05, sample sd sqrt(0.045 / 3)
    expect(m.sqn).toBeCloseTo((2 * 0.05) / Math.sqrt(0.015), 12);
  });

  it('exposure, turnover and fees', () => {
    expect(m.exposure).toBeCloseTo(2 / 3, 12);
    expect(m.turnover).toBeCloseTo(300 / 107.5, 12); // mean of 100, 110, 99, 121
    expect(m.fees).toBe(1.5);
  });
});

describe('edge cases', () => {
  it('no losing trade gives an infinite profit factor, no trades gives 0', () => {
    const base = {
      initialEquity: 100,
      time: [0],
      equity: [100],
      invested: [0],
      stepMs: H,
      tradedNotional: 0,
      fees: 0,
    };
    expect(computeMetrics({ ...base, trades: [trade(5, 0.05)] }).profitFactor).toBe(Number.POSITIVE_INFINITY);
    const none = computeMetrics({ ...base, trades: [] });
    expect(none.profitFactor).toBe(0);
    expect(none.sharpe).toBe(0);
    expect(none.maxDrawdown).toBe(0);
  });

  it('an unrecovered drawdown lasts until the last sample', () => {
    const m = computeMetrics({
      initialEquity: 100,
      time: [0, H, 2 * H, 3 * H],
      equity: [120, 90, 100, 110],
      invested: [1, 1, 1, 1],
      stepMs: H,
      trades: [],
      tradedNotional: 0,
      fees: 0,
    });
    expect(m.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(m.maxDrawdownDurationMs).toBe(3 * H);
  });
});

describe('benchmark and monthly returns', () => {
  it('equal-weight buy and hold marks each half at its own closes', () => {
    const a = {
      symbol: 'A/USDT',
      time: Float64Array.of(0, H),
      open: Float64Array.of(10, 11),
      high: Float64Array.of(12, 12),
      low: Float64Array.of(9, 10),
      close: Float64Array.of(11, 12),
      volume: Float64Array.of(1, 1),
      raw: [],
    };
    const b = {
      ...a,
      symbol: 'B/USDT',
      time: Float64Array.of(H),
      open: Float64Array.of(100),
      close: Float64Array.of(50),
    };
    const eq = buyAndHoldEquity([a, b], [0, H], 1000);
    expect(Array.from(eq)).toEqual([500 * 1.1 + 500, 500 * 1.2 + 250]);
    expect(stepOf([0, H, 2 * H, 5 * H])).toBe(H);
  });

  it('monthly returns chain month-end equities', () => {
    const jan31 = Date.UTC(2024, 0, 31, 23);
    const feb1 = Date.UTC(2024, 1, 1, 0);
    const feb29 = Date.UTC(2024, 1, 29, 23);
    expect(monthlyReturns(100, [jan31, feb1, feb29], [110, 100, 99])).toEqual([
      [2024, 1, expect.closeTo(0.1, 12)],
      [2024, 2, expect.closeTo(-0.1, 12)],
    ]);
  });
});
