import { describe, expect, it } from 'vitest';
import { correlationMatrix } from './correlation.js';
import { analyzeDrawdowns } from './drawdown.js';
import { defaultAssetOf, exposureByAsset } from './exposure.js';
import { historicalVar, parametricVar, parametricVarFromMoments } from './valueAtRisk.js';
import { rollingVolatility } from './volatility.js';

describe('analyzeDrawdowns', () => {
  it('running drawdown, max drawdown and its duration', () => {
    const a = analyzeDrawdowns([100, 120, 90, 100, 130, 117]);
    expect(Array.from(a.drawdown)).toEqual([0, 0, 0.25, 1 - 100 / 120, 0, 1 - 117 / 130]);
    expect(a.max).toEqual({
      depth: 0.25,
      peakIndex: 1,
      troughIndex: 2,
      recoveryIndex: 4,
      duration: 3,
      recovered: true,
    });
    expect(a.longestUnderwater).toBe(3);
  });

  it('an unrecovered drawdown lasts until the last point, measured in time units when given', () => {
    const a = analyzeDrawdowns([10, 8, 9, 7], [0, 1000, 2000, 5000]);
    expect(a.max.depth).toBeCloseTo(0.3, 15);
    expect(a.max.recovered).toBe(false);
    expect(a.max.recoveryIndex).toBeNull();
    expect(a.max.duration).toBe(5000);
    expect(a.longestUnderwater).toBe(5000);
  });

  it('a rising curve has no drawdown', () => {
    expect(analyzeDrawdowns([1, 2, 3]).max).toMatchObject({ depth: 0, duration: 0, recovered: true });
  });

  it('rejects non-positive equity and mismatched times', () => {
    expect(() => analyzeDrawdowns([1, 0])).toThrow(/equity\[1\] must be > 0/);
    expect(() => analyzeDrawdowns([1, 2], [0])).toThrow(/times must have the same length/);
    expect(() => analyzeDrawdowns([])).toThrow(/equity needs at least 1/);
  });
});

describe('VaR and CVaR', () => {
  const r = [0.05, -0.05, 0.02, -0.03, 0.04, -0.01, 0.03, 0, 0.02, 0.01];

  it('historical: k = ceil(n(1 - c)) smallest returns', () => {
    expect(historicalVar(r, 0.8)).toEqual({ confidence: 0.8, valueAtRisk: 0.03, expectedShortfall: 0.04 });
    expect(historicalVar(r, 0.95)).toEqual({ confidence: 0.95, valueAtRisk: 0.05, expectedShortfall: 0.05 });
    // 0.75 -> k = ceil(2.5) = 3: VaR = 0.01, CVaR = (0.05 + 0.03 + 0.01) / 3
    const v = historicalVar(r, 0.75);
    expect(v.valueAtRisk).toBe(0.01);
    expect(v.expectedShortfall).toBeCloseTo(0.03, 15);
  });

  it('historical VaR of a sample without losses is negative (a gain)', () => {
    expect(historicalVar([0.01, 0.02], 0.9).valueAtRisk).toBe(-0.01);
  });

  it('parametric: z * sigma - mu and sigma * pdf(z) / (1 - c) - mu', () => {
    const v = parametricVarFromMoments(0.001, 0.02, 0.99);
    expect(v.valueAtRisk).toBeCloseTo(2.3263478740408408 * 0.02 - 0.001, 14);
    // pdf(2.3263478740408408) = 0.026652142203458
    expect(v.expectedShortfall).toBeCloseTo((0.02 * 0.026652142203458) / 0.01 - 0.001, 12);
    const s = parametricVar(r, 0.95);
    const mu = r.reduce((a, b) => a + b, 0) / r.length;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - mu) ** 2, 0) / (r.length - 1));
    expect(s.valueAtRisk).toBeCloseTo(1.6448536269514722 * sd - mu, 14);
  });

  it('rejects invalid confidence and samples', () => {
    expect(() => historicalVar(r, 1)).toThrow(/confidence must be in/);
    expect(() => historicalVar([], 0.9)).toThrow(/returns needs at least 1/);
    expect(() => parametricVar([0.1], 0.9)).toThrow(/returns needs at least 2/);
    expect(() => parametricVarFromMoments(0, -1, 0.9)).toThrow(/sigma/);
  });
});

describe('rollingVolatility', () => {
  it('sample stdev over the window, NaN during warm-up, annualised on request', () => {
    const v = rollingVolatility([0.01, -0.01, 0.02, 0], 2);
    expect(Number.isNaN(v[0])).toBe(true);
    expect(v[1]).toBeCloseTo(Math.sqrt(0.0002), 15);
    expect(v[2]).toBeCloseTo(Math.sqrt(0.00045), 15);
    expect(rollingVolatility([0.01, -0.01], 2, 365)[1]).toBeCloseTo(Math.sqrt(0.0002) * Math.sqrt(365), 14);
    expect(() => rollingVolatility([0.1, 0.2], 1)).toThrow(/window must be/);
  });
});

describe('correlationMatrix', () => {
  it('is symmetric with a unit diagonal; perfect and inverse relations give ±1', () => {
    const m = correlationMatrix([
      [1, 2, 3, 4],
      [2, 4, 6, 8],
      [4, 3, 2, 1],
    ]);
    const expected = [
      [1, 1, -1],
      [1, 1, -1],
      [-1, -1, 1],
    ];
    expected.forEach((row, i) => {
      row.forEach((value, j) => {
        expect(m[i]?.[j]).toBeCloseTo(value, 15);
        expect(m[i]?.[j]).toBe(m[j]?.[i]);
      });
    });
  });

  it('a constant series has NaN correlations; mismatched lengths are rejected', () => {
    const m = correlationMatrix([
      [1, 1, 1],
      [1, 2, 3],
    ]);
    expect(Number.isNaN(m[0]?.[0])).toBe(true);
    expect(Number.isNaN(m[0]?.[1])).toBe(true);
    expect(() =>
      correlationMatrix([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(/series\[1\] has length 2, expected 3/);
  });
});

describe('exposureByAsset', () => {
  it('aggregates spot and perp positions of one asset in Decimal', () => {
    const rows = exposureByAsset(
      [
        { symbol: 'BTC/USDT', quantity: '0.5', price: 60000 },
        { symbol: 'BTC/USDT:USDT', quantity: '-0.2', price: 60010 },
        { symbol: 'ETH/USDT', quantity: '0.1', price: '3000.1' },
        { symbol: 'X', quantity: 1, price: 1, asset: 'CUSTOM' },
      ],
      100000,
    );
    expect(
      rows.map((r) => [r.asset, r.long.toString(), r.short.toString(), r.net.toString(), r.gross.toString()]),
    ).toEqual([
      ['BTC', '30000', '12002', '17998', '42002'],
      ['ETH', '300.01', '0', '300.01', '300.01'],
      ['CUSTOM', '1', '0', '1', '1'],
    ]);
    expect(rows[0]?.netFraction?.toString()).toBe('0.17998');
    expect(exposureByAsset([{ symbol: 'A', quantity: 1, price: 1 }])[0]?.netFraction).toBeNull();
    expect(defaultAssetOf('SOL-PERP')).toBe('SOL');
    expect(() => exposureByAsset([{ symbol: 'A', quantity: 1, price: 0 }])).toThrow(/positions\[0\].price/);
  });
});
