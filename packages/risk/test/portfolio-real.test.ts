import { describe, expect, it } from 'vitest';
import { correlationMatrix } from '../src/portfolio/correlation.js';
import { analyzeDrawdowns } from '../src/portfolio/drawdown.js';
import { historicalVar, parametricVar } from '../src/portfolio/valueAtRisk.js';
import { rollingVolatility } from '../src/portfolio/volatility.js';
import { alignedDailyCloses, loadCandles, simpleReturns } from './loadFixtures.js';

const assets = ['BTC', 'ETH', 'BNB', 'LTC'] as const;
const { times, closes } = alignedDailyCloses(assets);
const returns = closes.map(simpleReturns);
const btc = returns[0] ?? [];

/** Single-pass raw-sum Pearson formula: a different method from the library's centred two-pass one. */
function pearsonBySums(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

/** VaR by counting: the smallest sample loss L such that fewer than n(1 - c) losses exceed L. */
function varByCounting(sample: readonly number[], confidence: number): number {
  const losses = sample.map((r) => -r);
  const allowed = sample.length * (1 - confidence);
  const candidates = [...new Set(losses)].sort((a, b) => a - b);
  for (const L of candidates) {
    const exceed = losses.filter((l) => l > L).length;
    if (exceed < allowed) return L;
  }
  return Number.NaN;
}

describe('portfolio risk on real Binance daily returns (BTC, ETH, BNB, LTC; 2017-12-13 .. 2022-10-10)', () => {
  it('aligns 1763 common days (1762 returns)', () => {
    expect(times).toHaveLength(1763);
    expect(times[0]).toBe(1513123200000);
    expect(times[times.length - 1]).toBe(1665360000000);
    expect(btc).toHaveLength(1762);
  });

  it('correlation matrix matches a raw-sums computation and numpy.corrcoef', () => {
    const m = correlationMatrix(returns);
    for (let i = 0; i < assets.length; i++) {
      for (let j = 0; j < assets.length; j++) {
        const expected = i === j ? 1 : pearsonBySums(returns[i] ?? [], returns[j] ?? []);
        expect(m[i]?.[j]).toBeCloseTo(expected, 10);
      }
    }
    // numpy 2.4.6 np.corrcoef on the same aligned simple returns:
    expect(m[0]?.[1]).toBeCloseTo(0.8115406374944114, 12); // BTC-ETH
    expect(m[0]?.[2]).toBeCloseTo(0.6422774228279068, 12); // BTC-BNB
    expect(m[0]?.[3]).toBeCloseTo(0.7985538119589296, 12); // BTC-LTC
    expect(m[1]?.[3]).toBeCloseTo(0.8250262758017536, 12); // ETH-LTC
    expect(m[2]?.[3]).toBeCloseTo(0.6252540348630671, 12); // BNB-LTC
  });

  it('historical VaR/CVaR of BTC match a counting method and numpy inverted_cdf quantiles', () => {
    for (const c of [0.95, 0.99]) {
      expect(historicalVar(btc, c).valueAtRisk).toBe(varByCounting(btc, c));
    }
    const v95 = historicalVar(btc, 0.95);
    const v99 = historicalVar(btc, 0.99);
    // -np.quantile(r, 1 - c, method='inverted_cdf') and the mean of the k = 89 / 18 worst days:
    expect(v95.valueAtRisk).toBeCloseTo(0.06198683155204898, 14);
    expect(v95.expectedShortfall).toBeCloseTo(0.09340676744528004, 14);
    expect(v99.valueAtRisk).toBeCloseTo(0.11034287105596097, 14);
    expect(v99.expectedShortfall).toBeCloseTo(0.14728590525597648, 14);
  });

  it('parametric VaR/CVaR of BTC match Python statistics.NormalDist', () => {
    const p95 = parametricVar(btc, 0.95);
    const p99 = parametricVar(btc, 0.99);
    expect(p95.valueAtRisk).toBeCloseTo(0.0651660339747545, 12);
    expect(p95.expectedShortfall).toBeCloseTo(0.08195557772318388, 12);
    expect(p99.valueAtRisk).toBeCloseTo(0.0925484106419046, 12);
    expect(p99.expectedShortfall).toBeCloseTo(0.1061640295175936, 12);
    // Fat tails: at 99% the historical VaR exceeds the normal one.
    expect(historicalVar(btc, 0.99).valueAtRisk).toBeGreaterThan(p99.valueAtRisk);
  });

  it('BTC max drawdown from the 2017-12-16 bar to the 2018-12-15 bar (-83.2%), recovered on the 2020-11-24 bar', () => {
    const candles = loadCandles('binance_BTCUSDT_1d_2017-2022.csv');
    const a = analyzeDrawdowns(
      candles.map((c) => c.close),
      candles.map((c) => c.time),
    );
    expect(a.max.depth).toBeCloseTo(1 - 3211.72 / 19102.66, 14);
    expect(candles[a.max.peakIndex]?.time).toBe(1513382400000);
    expect(candles[a.max.troughIndex]?.time).toBe(1544832000000);
    expect(candles[a.max.recoveryIndex ?? -1]?.time).toBe(1606176000000);
    expect(a.max.duration).toBe(1606176000000 - 1513382400000);
    // The last drawdown (from the 2021-11-08 close high) has not recovered by 2022-10-10.
    expect(a.drawdown[a.drawdown.length - 1]).toBeGreaterThan(0.7);
  });

  it('rolling 30-day volatility equals a direct stdev of each window', () => {
    const vol = rollingVolatility(btc, 30, 365);
    const end = 1000;
    const window = btc.slice(end - 29, end + 1);
    const mean = window.reduce((s, r) => s + r, 0) / 30;
    const sd = Math.sqrt(window.reduce((s, r) => s + (r - mean) ** 2, 0) / 29);
    expect(vol[end]).toBeCloseTo(sd * Math.sqrt(365), 12);
    expect(Number.isNaN(vol[28])).toBe(true);
    expect(Number.isNaN(vol[29])).toBe(false);
  });
});
