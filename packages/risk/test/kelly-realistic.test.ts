import { describe, expect, it } from 'vitest';
import { kellyFromReturns } from '../src/kelly/sample.js';
import { loadCandles, simpleReturns } from './loadFixtures.js';

/** Straightforward float reference: p - q * L / W over the sample, scratches excluded from wins and losses. */
function referenceKelly(returns: readonly number[]): { p: number; q: number; f: number } {
  const wins = returns.filter((r) => r > 0);
  const losses = returns.filter((r) => r < 0);
  const p = wins.length / returns.length;
  const q = losses.length / returns.length;
  const W = wins.reduce((s, r) => s + r, 0) / wins.length;
  const L = -losses.reduce((s, r) => s + r, 0) / losses.length;
  return { p, q, f: p - (q * L) / W };
}

describe('Kelly on realistic crypto trade samples (real Binance BTC/USDT data)', () => {
  const daily = loadCandles('binance_BTCUSDT_1d_2017-2022.csv');

  it('day trading: intraday open-to-close long trades, 2017-08-17 .. 2022-10-10', () => {
    const trades = daily.map((c) => c.close / c.open - 1);
    expect(trades).toHaveLength(1881);
    const k = kellyFromReturns(trades);
    const ref = referenceKelly(trades);
    expect(k.fraction.toNumber()).toBeCloseTo(ref.f, 12);
    // Pinned from an independent numpy computation: p = 976/1881, f* = 0.0585610381...
    expect(k.inputs['winRate']?.toNumber()).toBeCloseTo(0.5188729399255715, 15);
    expect(k.fraction.toNumber()).toBeCloseTo(0.058561038112495745, 12);
    expect(k.trade).toBe(true);
  });

  it('swing trading: 7-day holds (non-overlapping close-to-close)', () => {
    const closes = daily.map((c) => c.close);
    const trades: number[] = [];
    for (let i = 0; i + 7 < closes.length; i += 7)
      trades.push((closes[i + 7] as number) / (closes[i] as number) - 1);
    expect(trades).toHaveLength(268);
    const k = kellyFromReturns(trades);
    expect(k.fraction.toNumber()).toBeCloseTo(referenceKelly(trades).f, 12);
    expect(k.fraction.toNumber()).toBeCloseTo(0.1418863826916017, 12);
  });

  it('high frequency: one-minute holds over one day, with scratch (zero-return) trades', () => {
    const minutes = loadCandles('binance_BTCUSDT_1m_2024-07-26_first1440.csv').map((c) => c.close);
    const trades = simpleReturns(minutes);
    expect(trades.filter((r) => r === 0)).toHaveLength(68);
    const k = kellyFromReturns(trades);
    const ref = referenceKelly(trades);
    expect(ref.p + ref.q).toBeLessThan(1);
    expect(k.fraction.toNumber()).toBeCloseTo(ref.f, 12);
    expect(k.fraction.toNumber()).toBeCloseTo(0.04357171084311118, 12);
  });

  it('the same high-frequency sample after a 0.1% round-trip fee has a negative edge: no trade', () => {
    const minutes = loadCandles('binance_BTCUSDT_1m_2024-07-26_first1440.csv').map((c) => c.close);
    const trades = simpleReturns(minutes).map((r) => r - 0.001);
    const k = kellyFromReturns(trades);
    expect(k.trade).toBe(false);
    expect(k.reason).toBe('negative_edge');
    expect(k.fraction.toNumber()).toBeCloseTo(referenceKelly(trades).f, 12);
  });
});
