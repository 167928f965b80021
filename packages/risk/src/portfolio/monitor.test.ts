import { describe, expect, it } from 'vitest';
import { PortfolioRiskMonitor, type RiskEvent } from './monitor.js';

describe('PortfolioRiskMonitor', () => {
  it('emits a drawdown event when crossing above the threshold and again when back below', () => {
    const seen: RiskEvent[] = [];
    const m = new PortfolioRiskMonitor({ thresholds: { drawdown: 0.1 }, onEvent: (e) => seen.push(e) });
    expect(m.update({ time: 1, equity: 1000 })).toEqual([]);
    expect(m.update({ time: 2, equity: 950 })).toEqual([]);
    const down = m.update({ time: 3, equity: 880 });
    expect(down).toEqual([
      {
        metric: 'drawdown',
        direction: 'above',
        value: expect.closeTo(0.12, 12),
        threshold: 0.1,
        time: 3,
        key: null,
      },
    ]);
    expect(m.update({ time: 4, equity: 850 })).toEqual([]); // still above: no repeat
    const up = m.update({ time: 5, equity: 990 });
    expect(up.map((e) => `${e.metric}:${e.direction}`)).toEqual(['drawdown:below']);
    expect(seen).toHaveLength(2);
  });

  it('VaR and volatility events start once the window is full', () => {
    const m = new PortfolioRiskMonitor({ thresholds: { valueAtRisk: 0.04, volatility: 0.05 }, window: 4 });
    const equity = [100, 101, 102, 101, 102, 96];
    const events = equity.map((e, i) => m.update({ time: i, equity: e }));
    expect(events.slice(0, 5).flat()).toEqual([]);
    // returns of the last window: 0.0099.., -0.0098.., 0.0099.., -0.0588..: historical VaR (k = 1) = 0.0588
    expect(events[5]?.map((e) => e.metric)).toEqual(['value_at_risk']);
    expect(events[5]?.[0]?.value).toBeCloseTo(1 - 96 / 102, 14);
    const report = m.report();
    expect(report.historical?.valueAtRisk).toBeCloseTo(1 - 96 / 102, 14);
    expect(report.volatility).toBeGreaterThan(0.03);
    // 102 at index 4 equals the earlier high at index 2, so the peak of the final drawdown is index 4.
    expect(report.maxDrawdown).toMatchObject({ peakIndex: 4, troughIndex: 5, recovered: false, duration: 1 });
  });

  it('volatility events use the sample stdev of the window, annualised by periodsPerYear', () => {
    const m = new PortfolioRiskMonitor({ thresholds: { volatility: 0.5 }, window: 3, periodsPerYear: 365 });
    const equity = [100, 101, 100, 101, 90, 100];
    const events = equity.map((e, i) => m.update({ time: i, equity: e }));
    const returns = equity.slice(1).map((e, i) => e / (equity[i] as number) - 1);
    const stdev = (xs: number[]) => {
      const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - mu) ** 2, 0) / (xs.length - 1));
    };
    // Window ending at update 3: ~1% moves -> ~0.19 annualised, below 0.5.
    expect(events[3]).toEqual([]);
    const crossing = events[4]?.[0];
    expect(crossing?.direction).toBe('above');
    expect(crossing?.value).toBeCloseTo(stdev(returns.slice(1, 4)) * Math.sqrt(365), 12);
    expect(m.report().volatility).toBeCloseTo(stdev(returns.slice(2, 5)) * Math.sqrt(365), 12);
  });

  it('exposure events per asset and gross leverage', () => {
    const m = new PortfolioRiskMonitor({ thresholds: { assetExposure: 0.5, grossLeverage: 0.8 } });
    const e1 = m.update({
      time: 1,
      equity: 10000,
      positions: [
        { symbol: 'BTC/USDT', quantity: '0.1', price: 60000 },
        { symbol: 'ETH/USDT', quantity: '-1', price: 3000 },
      ],
    });
    expect(e1.map((e) => `${e.metric}:${e.key}:${e.direction}`)).toEqual([
      'gross_leverage:null:above',
      'asset_exposure:BTC:above',
    ]);
    const e2 = m.update({
      time: 2,
      equity: 10000,
      positions: [{ symbol: 'ETH/USDT', quantity: '-1', price: 3000 }],
    });
    expect(e2.map((e) => `${e.metric}:${e.key}:${e.direction}`)).toEqual([
      'gross_leverage:null:below',
      'asset_exposure:BTC:below',
    ]);
    const report = m.report();
    expect(report.grossLeverage).toBeCloseTo(0.3, 15);
    expect(report.exposure.map((r) => r.asset)).toEqual(['ETH']);
    expect(m.equityCurve.map((p) => p.equity.toString())).toEqual(['10000', '10000']);
  });

  it('rejects time going backwards, bad equity and bad options', () => {
    const m = new PortfolioRiskMonitor();
    expect(() => m.report()).toThrow(/at least one update/);
    m.update({ time: 10, equity: 1 });
    expect(() => m.update({ time: 10, equity: 1 })).toThrow(/time must increase/);
    expect(() => m.update({ time: 11, equity: 0 })).toThrow(/equity must be > 0/);
    expect(() => new PortfolioRiskMonitor({ thresholds: { drawdown: -1 } })).toThrow(/thresholds.drawdown/);
    expect(() => new PortfolioRiskMonitor({ window: 1 })).toThrow(/window/);
  });
});
