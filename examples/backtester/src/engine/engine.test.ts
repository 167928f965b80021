import { describe, expect, it } from 'vitest';
import { headSeries, loadData, loadFile } from '../data/bars.js';
import { DEFAULT_BTC_FILE, DEFAULT_DATA_DIR } from '../data/default-data.js';
import { DEFAULT_CONFIG } from './config.js';
import { runBacktest } from './engine.js';

const btc = headSeries(loadFile(DEFAULT_BTC_FILE).series, 2000);
const tight = {
  ...DEFAULT_CONFIG,
  strategy: 'donchian',
  params: { stopLossPct: 0.006, takeProfitPct: 0.006 },
  slippageBps: 0,
  participation: null,
};

describe('brackets from the strategy intent (stop-loss and take-profit at the venue)', () => {
  const pessimistic = runBacktest([btc], { ...tight, sameBarRule: 'stop_first' });
  const optimistic = runBacktest([btc], { ...tight, sameBarRule: 'target_first' });

  it('resolves bars that reach both legs by the chosen rule and counts them', () => {
    expect(pessimistic.ambiguousBars).toBeGreaterThan(0);
    const amb = pessimistic.trades.filter((t) => t.ambiguous);
    expect(amb.length).toBe(pessimistic.ambiguousBars);
    for (const t of amb) expect(t.exitReason).toBe('stop_loss');
    const ambOpt = optimistic.trades.filter((t) => t.ambiguous);
    expect(ambOpt.length).toBeGreaterThan(0);
    for (const t of ambOpt) expect(t.exitReason).toBe('take_profit');
    const final = (r: typeof pessimistic): number => r.equity[r.equity.length - 1] ?? 0;
    expect(final(optimistic)).toBeGreaterThan(final(pessimistic));
  });

  it('fills stops at the stop level or the worse gap open, and targets at the limit or the better gap open', () => {
    let stops = 0;
    let targets = 0;
    for (const t of pessimistic.trades) {
      const i = btc.time.indexOf(t.exitTime);
      const open = btc.open[i] ?? 0;
      if (t.exitReason === 'stop_loss') {
        const level = Math.floor(Math.round(t.entryPrice * (1 - 0.006) * 1e6) / 1e4) / 100;
        expect(t.exitPrice).toBeCloseTo(Math.min(level, open), 8);
        stops++;
      }
      if (t.exitReason === 'take_profit') {
        const level = Math.ceil(Math.round(t.entryPrice * 1.006 * 1e6) / 1e4) / 100;
        expect(t.exitPrice).toBeCloseTo(Math.max(level, open), 8);
        targets++;
      }
    }
    expect(stops).toBeGreaterThan(5);
    expect(targets).toBeGreaterThan(5);
  });

  it('sizes with @rrr/risk fixed fractional: the loss to the stop is about 1% of equity, capped at 0.95 of equity', () => {
    const first = pessimistic.trades[0];
    expect(first).toBeDefined();
    // risk 1% / stop distance 0.6% = 1.67 x equity, capped by maxEquityFraction 0.95 -> notional about 9500
    expect((first?.quantity ?? 0) * (first?.entryPrice ?? 0)).toBeGreaterThan(9000);
    expect((first?.quantity ?? 0) * (first?.entryPrice ?? 0)).toBeLessThan(10_000);
  });
});

describe('multi-asset portfolio with one cash balance', () => {
  const data = loadData(DEFAULT_DATA_DIR).map((f) => headSeries(f.series, 1500));
  const result = runBacktest(data, { ...DEFAULT_CONFIG, strategy: 'sma-cross' });

  it('trades several symbols and its final equity equals cash plus holdings rebuilt from the fills', () => {
    expect(new Set(result.trades.map((t) => t.symbol)).size).toBe(9);
    let cash = 10_000;
    const held = new Map<string, number>();
    for (const f of result.fills) {
      const notional = f.price.toNumber() * f.quantity.toNumber();
      const sign = f.side === 'buy' ? 1 : -1;
      cash -= sign * notional + f.fee.toNumber();
      held.set(f.symbol, (held.get(f.symbol) ?? 0) + sign * f.quantity.toNumber());
      expect(cash).toBeGreaterThan(-1e-6);
    }
    let equity = cash;
    for (const s of data) equity += (held.get(s.symbol) ?? 0) * (s.close[s.close.length - 1] ?? 0);
    expect(result.equity[result.equity.length - 1]).toBeCloseTo(equity, 6);
  });

  it('puts at most 0.95 / 9 of equity into one entry', () => {
    for (const t of result.trades) expect(t.quantity * t.entryPrice).toBeLessThan((0.95 / 9) * 12_000);
    expect(result.venueRefusals).toEqual({});
  });

  it('gives identical trades and fills when run again with the same config', () => {
    const again = runBacktest(data, { ...DEFAULT_CONFIG, strategy: 'sma-cross' });
    expect(again.trades).toEqual(result.trades);
    expect(again.fills.map((f) => f.tradeId)).toEqual(result.fills.map((f) => f.tradeId));
  });

  it('refuses an unknown strategy naming it', () => {
    expect(() => runBacktest([btc], { ...DEFAULT_CONFIG, strategy: 'nope' })).toThrow(
      /unknown strategy "nope"/,
    );
  });
});

describe('pre-trade limits from @rrr/risk (RiskLimits) before every order', () => {
  it('denies entries above maxOrderNotional and counts them by code', () => {
    const result = runBacktest([btc], {
      ...DEFAULT_CONFIG,
      riskLimits: { defaults: { maxOrderNotional: 1000 } },
    });
    expect(result.trades).toEqual([]);
    expect(result.venueRefusals.max_order_notional ?? 0).toBeGreaterThan(10);
  });

  it('the drawdown kill switch in reduce mode stops new entries but lets positions close', () => {
    const data = loadData(DEFAULT_DATA_DIR).map((f) => headSeries(f.series, 1500));
    const result = runBacktest(data, {
      ...DEFAULT_CONFIG,
      riskLimits: { killSwitch: { maxDrawdown: 0.05, action: 'reduce' } },
    });
    // first step where equity is 5% below its running peak (starting at the initial cash)
    let peak = 10_000;
    let trip = -1;
    for (let i = 0; i < result.equity.length && trip < 0; i++) {
      const e = result.equity[i] ?? 0;
      peak = Math.max(peak, e);
      if (e <= peak * 0.95) trip = result.equityTime[i] ?? 0;
    }
    expect(trip).toBeGreaterThan(0);
    const buysAfter = result.fills.filter((f) => f.side === 'buy' && f.timestamp > trip);
    const sellsAfter = result.fills.filter((f) => f.side === 'sell' && f.timestamp > trip);
    expect(buysAfter).toEqual([]);
    expect(sellsAfter.length).toBeGreaterThan(0);
    expect(result.venueRefusals.reducing_only ?? 0).toBeGreaterThan(0);
  });
});

describe("Kelly sizing (@rrr/risk KellySizer on the run's own closed trades)", () => {
  it('sizes each entry at equity x f* x 0.5 where f* = p - q / b of the previous 10 trade returns', () => {
    const full = loadFile(DEFAULT_BTC_FILE).series;
    const result = runBacktest([full], {
      ...DEFAULT_CONFIG,
      params: { fast: 10, slow: 50 },
      slippageBps: 0,
      participation: null,
      sizing: 'kelly',
      kellyFraction: 0.5,
      kellyLookback: 10,
      kellyMinTrades: 10,
    });
    const trades = result.trades;
    expect(trades.length).toBeGreaterThan(15);
    let checked = 0;
    for (let k = 10; k < trades.length; k++) {
      const recent = trades.slice(k - 10, k).map((t) => t.returnPct);
      const wins = recent.filter((r) => r > 0);
      const losses = recent.filter((r) => r < 0);
      const p = wins.length / 10;
      const q = losses.length / 10;
      const b =
        wins.reduce((a, r) => a + r, 0) / wins.length / (-losses.reduce((a, r) => a + r, 0) / losses.length);
      const f = p - q / b;
      const t = trades[k];
      if (!t || !(f > 0)) continue;
      const i = full.time.indexOf(t.entryTime) - 1; // decision on the previous closed bar
      const equity = result.equity[i] ?? 0;
      const close = full.close[i] ?? 0;
      const expected = Math.floor((Math.min(equity * f * 0.5, equity * 0.95) / close) * 1e5 + 1e-9) / 1e5;
      expect(t.quantity).toBeCloseTo(expected, 5);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
    // entries refused for a non-positive Kelly fraction are counted
    expect(result.venueRefusals.no_edge ?? 0).toBeGreaterThan(0);
  });
});
