import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { RiskConfigError } from '../errors.js';
import { isReducing, RiskLimits, type TradingStateChange } from './riskLimits.js';
import { LimitCode, type LimitDecision, type PortfolioSnapshot, TradingState } from './types.js';

const snapshot = (over: Partial<PortfolioSnapshot> = {}): PortfolioSnapshot => ({
  equity: 100000,
  dayPnl: 0,
  positions: [
    { symbol: 'BTC/USDT', quantity: '1' },
    { symbol: 'ETH/USDT', quantity: '-10' },
  ],
  openOrders: [],
  lastPrices: { 'BTC/USDT': 60000, 'ETH/USDT': 3000, 'SOL/USDT': '150' },
  ...over,
});

const codeOf = (d: LimitDecision): string => (d.ok ? 'ok' : d.code);

const testClock = () => {
  let now = 1_700_000_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('RiskLimits: per-order rules', () => {
  it('accepts an order within every limit', () => {
    const limits = new RiskLimits({ defaults: { maxOrderQuantity: 2, maxOrderNotional: 200000 } });
    expect(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.5' }, snapshot())).toEqual({
      ok: true,
    });
  });

  it('max order quantity', () => {
    const limits = new RiskLimits({ defaults: { maxOrderQuantity: '0.5' } });
    const d = limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.51' }, snapshot());
    expect(d).toEqual({
      ok: false,
      code: LimitCode.maxOrderQuantity,
      reason: 'quantity 0.51 exceeds maxOrderQuantity 0.5 for BTC/USDT',
    });
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.5' }, snapshot()))).toBe('ok');
  });

  it('max order notional uses the limit price, or the last price for a market order', () => {
    const limits = new RiskLimits({ defaults: { maxOrderNotional: 30000 } });
    const s = snapshot();
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.5' }, s))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.5', price: 60001 }, s))).toBe(
      LimitCode.maxOrderNotional,
    );
    expect(codeOf(limits.check({ symbol: 'XRP/USDT', side: 'buy', quantity: 1 }, s))).toBe(
      LimitCode.noReferencePrice,
    );
  });

  it('price collar rejects a fat-finger limit price', () => {
    const limits = new RiskLimits({ defaults: { priceCollar: 0.05 } });
    const s = snapshot();
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 0.1, price: 63000 }, s))).toBe(
      'ok',
    );
    const d = limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 0.1, price: 63001 }, s);
    expect(codeOf(d)).toBe(LimitCode.priceCollar);
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'sell', quantity: 0.1, price: 6000 }, s))).toBe(
      LimitCode.priceCollar,
    );
    expect(codeOf(limits.check({ symbol: 'XRP/USDT', side: 'buy', quantity: 1, price: 1 }, s))).toBe(
      LimitCode.noReferencePrice,
    );
  });

  it('invalid quantity, price or side is a denied decision, not an exception', () => {
    const limits = new RiskLimits({});
    const s = snapshot();
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 0 }, s))).toBe(
      LimitCode.invalidOrder,
    );
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 'x' }, s))).toBe(
      LimitCode.invalidOrder,
    );
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 1, price: -1 }, s))).toBe(
      LimitCode.invalidOrder,
    );
    const badSide = { symbol: 'BTC/USDT', side: 'hold' as 'buy', quantity: 1 };
    expect(codeOf(limits.check(badSide, s))).toBe(LimitCode.invalidOrder);
  });

  it('a disabled symbol denies every order on it', () => {
    const limits = new RiskLimits({ symbols: { 'SOL/USDT': { enabled: false } } });
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: 1 }, snapshot()))).toBe(
      LimitCode.symbolDisabled,
    );
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 1 }, snapshot()))).toBe('ok');
  });
});

describe('RiskLimits: position and exposure rules', () => {
  it('max position quantity counts same-side open orders', () => {
    const limits = new RiskLimits({ defaults: { maxPositionQuantity: 2 } });
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 1 }, snapshot()))).toBe('ok');
    const withOpen = snapshot({ openOrders: [{ symbol: 'BTC/USDT', side: 'buy', quantity: '0.5' }] });
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 1 }, withOpen))).toBe(
      LimitCode.maxPositionQuantity,
    );
    // Selling 4 flips a 1 BTC long to a 3 BTC short: |-3| > 2.
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'sell', quantity: 4 }, snapshot()))).toBe(
      LimitCode.maxPositionQuantity,
    );
  });

  it('max position notional', () => {
    const limits = new RiskLimits({ defaults: { maxPositionNotional: 90000 } });
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.5' }, snapshot()))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.51' }, snapshot()))).toBe(
      LimitCode.maxPositionNotional,
    );
  });

  it('max gross exposure: sum of |qty| * price after the order', () => {
    // gross now = 60000 + 30000 = 90000
    const limits = new RiskLimits({ defaults: { maxGrossExposure: 120000 } });
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.5' }, snapshot()))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: '201' }, snapshot()))).toBe(
      LimitCode.maxGrossExposure,
    );
  });

  it('decides exactly at the boundary where float64 sums would round (0.1 * 0.1 + 0.2 * 0.1 = 0.03)', () => {
    const limits = new RiskLimits({ defaults: { maxGrossExposure: '0.03', maxNetExposure: '0.03' } });
    const tiny: PortfolioSnapshot = {
      equity: 1,
      dayPnl: 0,
      positions: [{ symbol: 'A', quantity: '0.1' }],
      openOrders: [],
      lastPrices: { A: '0.1', B: '0.1' },
    };
    expect(0.1 * 0.1 + 0.2 * 0.1).toBeGreaterThan(0.03); // the float sum would deny
    expect(codeOf(limits.check({ symbol: 'B', side: 'buy', quantity: '0.2' }, tiny))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'B', side: 'buy', quantity: '0.2000000000000000001' }, tiny))).toBe(
      LimitCode.maxGrossExposure,
    );
  });

  it('recomputes aggregates for a new snapshot object', () => {
    const limits = new RiskLimits({ defaults: { maxPositionQuantity: 2 } });
    const order = { symbol: 'BTC/USDT', side: 'buy', quantity: '1.5' } as const;
    expect(codeOf(limits.check(order, snapshot({ positions: [] })))).toBe('ok');
    expect(codeOf(limits.check(order, snapshot()))).toBe(LimitCode.maxPositionQuantity);
    expect(codeOf(limits.check(order, snapshot({ positions: [] })))).toBe('ok');
  });

  it('max net exposure: |sum of qty * price| after the order', () => {
    // net now = 60000 - 30000 = 30000
    const limits = new RiskLimits({ defaults: { maxNetExposure: 40000 } });
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: 66 }, snapshot()))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: 67 }, snapshot()))).toBe(
      LimitCode.maxNetExposure,
    );
    // Adding a short lowers net exposure.
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'sell', quantity: 300 }, snapshot()))).toBe('ok');
  });

  it('max leverage: gross / equity', () => {
    const limits = new RiskLimits({ defaults: { maxLeverage: 1 } });
    expect(codeOf(limits.check({ symbol: 'ETH/USDT', side: 'sell', quantity: 3 }, snapshot()))).toBe('ok'); // 99000
    const d = limits.check({ symbol: 'ETH/USDT', side: 'sell', quantity: 4 }, snapshot()); // 102000 / 100000
    expect(d).toEqual({
      ok: false,
      code: LimitCode.maxLeverage,
      reason: 'leverage 1.02 would exceed maxLeverage 1',
    });
    expect(
      codeOf(limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: 1 }, snapshot({ equity: 0 }))),
    ).toBe(LimitCode.maxLeverage);
  });

  it('exposure rules need a last price for every position', () => {
    const limits = new RiskLimits({ defaults: { maxGrossExposure: 1e9 } });
    const s = snapshot({ lastPrices: { 'BTC/USDT': 60000 } });
    expect(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 1 }, s)).toEqual({
      ok: false,
      code: LimitCode.noReferencePrice,
      reason: 'no last price for position ETH/USDT (exposure limits)',
    });
  });

  it('max open orders, account-wide and per symbol', () => {
    const limits = new RiskLimits({ defaults: { maxOpenOrders: 2, maxOpenOrdersPerSymbol: 1 } });
    const one = snapshot({ openOrders: [{ symbol: 'BTC/USDT', side: 'sell', quantity: 1 }] });
    expect(codeOf(limits.check({ symbol: 'ETH/USDT', side: 'buy', quantity: 1 }, one))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 1 }, one))).toBe(
      LimitCode.maxOpenOrders,
    );
    const two = snapshot({
      openOrders: [
        { symbol: 'BTC/USDT', side: 'sell', quantity: 1 },
        { symbol: 'SOL/USDT', side: 'buy', quantity: 1 },
      ],
    });
    expect(codeOf(limits.check({ symbol: 'ETH/USDT', side: 'buy', quantity: 1 }, two))).toBe(
      LimitCode.maxOpenOrders,
    );
  });
});

describe('RiskLimits: per-symbol overrides', () => {
  it('a symbol entry overrides the default for orders on that symbol only', () => {
    const limits = new RiskLimits({
      defaults: { maxOrderNotional: 50000, maxLeverage: 3 },
      symbols: { 'SOL/USDT': { maxOrderNotional: 1000, maxLeverage: 0.95 } },
    });
    const s = snapshot();
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.5' }, s))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: 7 }, s))).toBe(
      LimitCode.maxOrderNotional,
    );
    // 6 SOL = 900 notional passes the order rule; gross 90900 / 100000 = 0.909 < 0.95.
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: 6 }, s))).toBe('ok');
    const lower = snapshot({ equity: 95000 }); // 90900 / 95000 = 0.957 > 0.95
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: 6 }, lower))).toBe(
      LimitCode.maxLeverage,
    );
    expect(limits.rulesFor('SOL/USDT').maxLeverage?.toString()).toBe('0.95');
    expect(limits.rulesFor('BTC/USDT').maxLeverage?.toString()).toBe('3');
  });
});

describe('RiskLimits: order rate with an injected clock', () => {
  it('allows maxOrders per sliding window per symbol, then again once old orders leave the window', () => {
    const clock = testClock();
    const limits = new RiskLimits({ defaults: { orderRate: { maxOrders: 2, windowMs: 1000 } } }, { clock });
    const s = snapshot();
    const buy = { symbol: 'BTC/USDT', side: 'buy', quantity: '0.01' } as const;
    expect(codeOf(limits.check(buy, s))).toBe('ok');
    clock.advance(400);
    expect(codeOf(limits.check(buy, s))).toBe('ok');
    clock.advance(400);
    expect(codeOf(limits.check(buy, s))).toBe(LimitCode.orderRate);
    expect(codeOf(limits.check({ ...buy, symbol: 'ETH/USDT' }, s))).toBe('ok'); // separate window
    clock.advance(200); // first order now exactly 1000 ms old: out of the window
    expect(codeOf(limits.check(buy, s))).toBe('ok');
  });

  it('denied orders and evaluate() dry runs do not count', () => {
    const clock = testClock();
    const limits = new RiskLimits({ defaults: { orderRate: { maxOrders: 1, windowMs: 1000 } } }, { clock });
    const s = snapshot();
    expect(codeOf(limits.evaluate({ symbol: 'BTC/USDT', side: 'buy', quantity: 1 }, s))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 0 }, s))).toBe(
      LimitCode.invalidOrder,
    );
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 1 }, s))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 1 }, s))).toBe(
      LimitCode.orderRate,
    );
  });

  it('account-wide rate counts all symbols together', () => {
    const clock = testClock();
    const limits = new RiskLimits({ accountOrderRate: { maxOrders: 2, windowMs: 60000 } }, { clock });
    const s = snapshot();
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 1 }, s))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'ETH/USDT', side: 'buy', quantity: 1 }, s))).toBe('ok');
    const d = limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: 1 }, s);
    expect(d.ok === false && d.reason).toBe(
      '2 orders in the last 60000 ms reach accountOrderRate.maxOrders 2',
    );
    clock.advance(60000);
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'buy', quantity: 1 }, s))).toBe('ok');
  });
});

describe('RiskLimits: daily loss and drawdown kill switch', () => {
  it('max daily loss blocks new exposure but lets reducing orders pass', () => {
    const limits = new RiskLimits({ defaults: { maxDailyLoss: 2000 } });
    const down = snapshot({ dayPnl: '-2000' });
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.1' }, down))).toBe(
      LimitCode.dailyLoss,
    );
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.5' }, down))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'ETH/USDT', side: 'buy', quantity: '10' }, down))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'ETH/USDT', side: 'buy', quantity: '11' }, down))).toBe(
      LimitCode.dailyLoss,
    );
    expect(
      codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.1' }, snapshot({ dayPnl: -1999 }))),
    ).toBe('ok');
  });

  it('drawdown kill switch with action "halt" denies everything until resumed', () => {
    const changes: TradingStateChange[] = [];
    const clock = testClock();
    const limits = new RiskLimits(
      { killSwitch: { maxDrawdown: 0.2, action: 'halt' } },
      { clock, onStateChange: (c) => changes.push(c) },
    );
    expect(limits.observe(snapshot({ equity: 125000 }))).toBe(TradingState.active);
    expect(limits.peakEquity?.toString()).toBe('125000');
    const s = snapshot({ equity: 100000 }); // exactly 20% below the peak
    expect(limits.check({ symbol: 'BTC/USDT', side: 'sell', quantity: 1 }, s)).toEqual({
      ok: false,
      code: LimitCode.halted,
      reason: 'trading is halted',
    });
    expect(limits.state).toBe(TradingState.halted);
    expect(changes).toEqual([
      {
        from: 'active',
        to: 'halted',
        reason: 'drawdown 0.2 from peak 125000 reached killSwitch.maxDrawdown 0.2',
        time: clock.now(),
      },
    ]);
    limits.setState(TradingState.active, 'risk officer resumed');
    expect(changes[1]?.reason).toBe('risk officer resumed');
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'sell', quantity: 1 }, s))).toBe('ok');
  });

  it('drawdown kill switch with action "reduce" lets only exposure-reducing orders pass', () => {
    const limits = new RiskLimits({ killSwitch: { maxDrawdown: 0.1, action: 'reduce' } });
    const s = snapshot({ equity: 89000, peakEquity: 100000 });
    expect(limits.observe(s)).toBe(TradingState.reducing);
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.4' }, s))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'sell', quantity: '1.1' }, s))).toBe(
      LimitCode.reducingOnly,
    );
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.1' }, s))).toBe(
      LimitCode.reducingOnly,
    );
    expect(codeOf(limits.check({ symbol: 'ETH/USDT', side: 'buy', quantity: '10' }, s))).toBe('ok');
    expect(codeOf(limits.check({ symbol: 'SOL/USDT', side: 'sell', quantity: '1' }, s))).toBe(
      LimitCode.reducingOnly,
    );
    // A reducing sell together with resting sells may not flip the position.
    const resting = snapshot({
      equity: 89000,
      peakEquity: 100000,
      openOrders: [{ symbol: 'BTC/USDT', side: 'sell', quantity: '0.8' }],
    });
    expect(codeOf(limits.check({ symbol: 'BTC/USDT', side: 'sell', quantity: '0.3' }, resting))).toBe(
      LimitCode.reducingOnly,
    );
  });

  it('trips again on a new snapshot after a manual resume unless the peak is reset', () => {
    const limits = new RiskLimits({ killSwitch: { maxDrawdown: 0.2, action: 'halt' } });
    limits.observe(snapshot({ equity: 100000 }));
    expect(limits.observe(snapshot({ equity: 80000 }))).toBe(TradingState.halted);
    limits.setState(TradingState.active);
    expect(limits.observe(snapshot({ equity: 80000 }))).toBe(TradingState.halted);
    limits.setState(TradingState.active);
    limits.resetPeak();
    expect(limits.observe(snapshot({ equity: 80000 }))).toBe(TradingState.active);
    expect(limits.peakEquity?.toString()).toBe('80000');
    expect(limits.observe(snapshot({ equity: 64000 }))).toBe(TradingState.halted);
  });

  it('does not trip above the threshold', () => {
    const limits = new RiskLimits({ killSwitch: { maxDrawdown: 0.1, action: 'halt' } });
    expect(limits.observe(snapshot({ equity: 90001, peakEquity: 100000 }))).toBe(TradingState.active);
  });
});

describe('RiskLimits config validation (zod)', () => {
  const issuesOf = (config: unknown): readonly string[] => {
    try {
      new RiskLimits(config as never);
    } catch (error) {
      if (error instanceof RiskConfigError) return error.issues;
      throw error;
    }
    throw new Error('expected RiskConfigError');
  };

  it('names each bad field and value', () => {
    expect(issuesOf({ defaults: { maxOrderQuantity: -1 } })).toEqual([
      'defaults.maxOrderQuantity: expected a finite decimal > 0, got -1',
    ]);
    expect(issuesOf({ symbols: { 'BTC/USDT': { priceCollar: 1.5 } } })).toEqual([
      'symbols.BTC/USDT.priceCollar: expected a number in (0, 1), got 1.5',
    ]);
    expect(issuesOf({ defaults: { maxOrderNotional: 'lots' } })[0]).toBe(
      'defaults.maxOrderNotional: expected a finite decimal > 0, got "lots"',
    );
    expect(issuesOf({ killSwitch: { maxDrawdown: 0.2, action: 'panic' } })[0]).toMatch(
      /^killSwitch.action: /,
    );
    expect(issuesOf({ defaults: { orderRate: { maxOrders: 0, windowMs: 1000 } } })[0]).toBe(
      'defaults.orderRate.maxOrders: expected an integer >= 1',
    );
    expect(issuesOf({ defaults: { maxOrderQty: 1 } })[0]).toMatch(/^defaults: .*maxOrderQty/);
  });

  it('accepts Decimal values', () => {
    const limits = new RiskLimits({ defaults: { maxOrderNotional: new Decimal('1e4') } });
    expect(limits.config.defaults?.maxOrderNotional?.toString()).toBe('10000');
  });
});

describe('isReducing', () => {
  const d = (v: string) => new Decimal(v);
  it('is true only for orders that shrink a position without flipping it', () => {
    expect(isReducing('sell', d('1'), d('3'), null)).toBe(true);
    expect(isReducing('sell', d('3'), d('3'), null)).toBe(true);
    expect(isReducing('sell', d('4'), d('3'), null)).toBe(false);
    expect(isReducing('buy', d('1'), d('3'), null)).toBe(false);
    expect(isReducing('buy', d('2'), d('-3'), d('1'))).toBe(true);
    expect(isReducing('buy', d('2'), d('-3'), d('1.5'))).toBe(false);
    expect(isReducing('sell', d('1'), null, null)).toBe(false);
  });
});
