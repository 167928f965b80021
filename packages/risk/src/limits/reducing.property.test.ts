import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskLimits } from './riskLimits.js';
import { type OpenOrderSnapshot, type PortfolioSnapshot, TradingState } from './types.js';

const symbols = ['A', 'B', 'C'] as const;
const qtyArb = fc.integer({ min: -50, max: 50 }).map((n) => new Decimal(n).div(10));

const snapshotArb = fc.record({
  positions: fc.tuple(qtyArb, qtyArb, qtyArb),
  prices: fc.tuple(
    fc.integer({ min: 1, max: 1000 }),
    fc.integer({ min: 1, max: 1000 }),
    fc.integer({ min: 1, max: 1000 }),
  ),
  openOrders: fc.array(
    fc.record({
      symbol: fc.constantFrom(...symbols),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      quantity: fc.integer({ min: 1, max: 30 }).map((n) => new Decimal(n).div(10)),
    }),
    { maxLength: 3 },
  ),
});

const orderArb = fc.record({
  symbol: fc.constantFrom(...symbols),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  quantity: fc.integer({ min: 1, max: 80 }).map((n) => new Decimal(n).div(10)),
});

describe('reducing-only state property', () => {
  it('never accepts an order that increases exposure, even with resting orders filled too', () => {
    let accepted = 0;
    let denied = 0;
    fc.assert(
      fc.property(snapshotArb, orderArb, (s, order) => {
        const limits = new RiskLimits({ defaults: { maxGrossExposure: 1e12 } });
        limits.setState(TradingState.reducing);
        const snapshot: PortfolioSnapshot = {
          equity: 1e6,
          dayPnl: 0,
          positions: symbols.map((symbol, i) => ({ symbol, quantity: s.positions[i] as Decimal })),
          openOrders: s.openOrders as OpenOrderSnapshot[],
          lastPrices: Object.fromEntries(symbols.map((symbol, i) => [symbol, s.prices[i] as number])),
        };
        const decision = limits.check(order, snapshot);
        if (!decision.ok) {
          denied += 1;
          expect(decision.code).toBe('reducing_only');
          return;
        }
        accepted += 1;
        const i = symbols.indexOf(order.symbol);
        const before = s.positions[i] as Decimal;
        const sameSide = s.openOrders
          .filter((o) => o.symbol === order.symbol && o.side === order.side)
          .reduce((sum, o) => sum.plus(o.quantity), new Decimal(0));
        const delta = order.side === 'buy' ? order.quantity : order.quantity.neg();
        const worst = order.side === 'buy' ? delta.plus(sameSide) : delta.minus(sameSide);
        // The order alone and with every same-side resting order filled both shrink |position| on that symbol,
        // so per-symbol and gross exposure cannot grow.
        expect(before.plus(delta).abs().lt(before.abs())).toBe(true);
        expect(before.plus(worst).abs().lte(before.abs())).toBe(true);
        expect(before.plus(delta).isZero() || before.plus(delta).isPositive() === before.isPositive()).toBe(
          true,
        );
      }),
      { numRuns: 500, seed: 4242 },
    );
    // The generator exercises both outcomes (the property is not vacuous).
    expect(accepted).toBeGreaterThan(50);
    expect(denied).toBeGreaterThan(50);
  });

  it('accepts the exact reducing orders: closing a position fully always passes', () => {
    fc.assert(
      fc.property(snapshotArb, fc.constantFrom(...symbols), (s, symbol) => {
        const i = symbols.indexOf(symbol);
        const position = s.positions[i] as Decimal;
        fc.pre(!position.isZero());
        const limits = new RiskLimits({});
        limits.setState(TradingState.reducing);
        const snapshot: PortfolioSnapshot = {
          equity: 1e6,
          dayPnl: 0,
          positions: [{ symbol, quantity: position }],
          openOrders: [],
          lastPrices: { [symbol]: 100 },
        };
        const side = position.isPositive() ? 'sell' : 'buy';
        expect(limits.check({ symbol, side, quantity: position.abs() }, snapshot)).toEqual({ ok: true });
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});
