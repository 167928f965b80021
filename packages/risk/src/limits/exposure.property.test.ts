import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskLimits } from './riskLimits.js';
import type { PortfolioSnapshot } from './types.js';

const decimalString = (maxUnits: number, scale: number) =>
  fc.integer({ min: -maxUnits, max: maxUnits }).map((n) => new Decimal(n).div(10 ** scale).toString());

const symbols = ['S0', 'S1', 'S2', 'S3', 'S4', 'S5'];

/** Exact reference: gross and net exposure after the order, straight from the definitions. */
function exactAfter(snapshot: PortfolioSnapshot, symbol: string, side: 'buy' | 'sell', qty: string) {
  const positions = new Map<string, Decimal>();
  for (const p of snapshot.positions) positions.set(p.symbol, new Decimal(p.quantity));
  const delta = side === 'buy' ? new Decimal(qty) : new Decimal(qty).neg();
  positions.set(symbol, (positions.get(symbol) ?? new Decimal(0)).plus(delta));
  let gross = new Decimal(0);
  let net = new Decimal(0);
  for (const [s, q] of positions) {
    const value = q.times(new Decimal(snapshot.lastPrices[s] as string));
    gross = gross.plus(value.abs());
    net = net.plus(value);
  }
  return { gross, net };
}

describe('exposure limits: float pre-check never changes the exact decision', () => {
  it('accepts exactly when the exact Decimal exposure after the order is within the limit', () => {
    fc.assert(
      fc.property(
        fc.array(decimalString(100000, 3), { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 10 ** 7 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.integer({ min: 1, max: 100000 }),
        fc.constantFrom(-1, 0, 1),
        fc.constantFrom('gross', 'net'),
        (quantities, priceUnits, which, side, qtyUnits, nudge, rule) => {
          const lastPrices = Object.fromEntries(
            symbols.map((s, i) => [s, new Decimal(priceUnits[i] as number).div(1000).toString()]),
          );
          const snapshot: PortfolioSnapshot = {
            equity: 1e12,
            dayPnl: 0,
            positions: symbols.map((symbol, i) => ({ symbol, quantity: quantities[i] as string })),
            openOrders: [],
            lastPrices,
          };
          const symbol = symbols[which] as string;
          const qty = new Decimal(qtyUnits).div(1000).toString();
          const after = exactAfter(snapshot, symbol, side, qty);
          const exact = rule === 'gross' ? after.gross : after.net.abs();
          // Limit exactly at, one unit of 1e-12 above, or one below the exact exposure.
          const limit = exact.plus(new Decimal(nudge).times('1e-12'));
          fc.pre(limit.gt(0));
          const config = rule === 'gross' ? { maxGrossExposure: limit } : { maxNetExposure: limit };
          const limits = new RiskLimits({ defaults: config });
          const decision = limits.check({ symbol, side, quantity: qty }, snapshot);
          const position = new Decimal(quantities[which] as string);
          const reduces =
            (side === 'sell' && position.gt(0) && new Decimal(qty).lte(position)) ||
            (side === 'buy' && position.lt(0) && new Decimal(qty).lte(position.neg()));
          // Reducing orders skip exposure rules by design.
          const expected = reduces || exact.lte(limit);
          expect(decision.ok).toBe(expected);
        },
      ),
      { numRuns: 400, seed: 31337 },
    );
  });
});
