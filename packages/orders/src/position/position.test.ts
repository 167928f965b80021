import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderError } from '../errors.js';
import { Portfolio, splitSymbol } from './portfolio.js';
import {
  applyFillToPosition,
  emptyPosition,
  type Position,
  type PositionFill,
  unrealizedPnl,
} from './position.js';

function f(
  side: 'buy' | 'sell',
  quantity: string | number,
  price: string | number,
  fee: string | number = 0,
  feeCurrency = 'USDT',
): PositionFill {
  return {
    symbol: 'BTC/USDT',
    side,
    quantity: new Decimal(quantity),
    price: new Decimal(price),
    fee: new Decimal(fee),
    feeCurrency,
  };
}

function str(p: Position): Record<string, string> {
  return {
    quantity: p.quantity.toString(),
    averageEntryPrice: p.averageEntryPrice.toString(),
    grossRealizedPnl: p.grossRealizedPnl.toString(),
    fees: p.fees.toString(),
    realizedPnl: p.realizedPnl.toString(),
  };
}

// Hand-computed sequence: two buys, a partial sell, a flip to short, a buy back to flat.
const steps: [PositionFill, Record<string, string>][] = [
  [
    f('buy', 1, 100, '0.1'),
    { quantity: '1', averageEntryPrice: '100', grossRealizedPnl: '0', fees: '0.1', realizedPnl: '-0.1' },
  ],
  // avg = (100*1 + 110*1) / 2 = 105
  [
    f('buy', 1, 110, '0.11'),
    { quantity: '2', averageEntryPrice: '105', grossRealizedPnl: '0', fees: '0.21', realizedPnl: '-0.21' },
  ],
  // closes 0.5 at 120: (120-105)*0.5 = 7.5
  [
    f('sell', '0.5', 120, '0.06'),
    { quantity: '1.5', averageEntryPrice: '105', grossRealizedPnl: '7.5', fees: '0.27', realizedPnl: '7.23' },
  ],
  // closes 1.5 at 100: (100-105)*1.5 = -7.5 -> gross 0; opens a 1.5 short at 100
  [
    f('sell', 3, 100, '0.3'),
    { quantity: '-1.5', averageEntryPrice: '100', grossRealizedPnl: '0', fees: '0.57', realizedPnl: '-0.57' },
  ],
  // short covered at 90: (100-90)*1.5 = 15
  [
    f('buy', '1.5', 90, '0.135'),
    { quantity: '0', averageEntryPrice: '0', grossRealizedPnl: '15', fees: '0.705', realizedPnl: '14.295' },
  ],
];

describe('applyFillToPosition', () => {
  it('follows a hand-computed sequence of adds, a partial close, a flip and a close', () => {
    let p = emptyPosition('BTC/USDT');
    for (const [fill, expected] of steps) {
      p = applyFillToPosition(p, fill, 'USDT');
      expect(str(p)).toEqual(expected);
    }
  });

  it('averages a short built in two sells and realizes on a partial cover', () => {
    let p = applyFillToPosition(emptyPosition('X'), f('sell', 2, 50), 'USDT');
    p = applyFillToPosition(p, f('sell', 1, 80), 'USDT');
    expect(p.averageEntryPrice.toString()).toBe('60'); // (2*50 + 80) / 3
    p = applyFillToPosition(p, f('buy', 1, 70), 'USDT');
    expect(p.grossRealizedPnl.toString()).toBe('-10'); // short from 60 covered at 70
    expect(p.quantity.toString()).toBe('-2');
    expect(p.averageEntryPrice.toString()).toBe('60');
  });

  it('keeps decimal exactness where floats would drift', () => {
    let p = emptyPosition('X');
    for (let i = 0; i < 10; i++) p = applyFillToPosition(p, f('buy', '0.1', '0.3'), 'USDT');
    p = applyFillToPosition(p, f('sell', 1, '0.4'), 'USDT');
    expect(p.grossRealizedPnl.toString()).toBe('0.1');
    expect(p.quantity.isZero()).toBe(true);
  });

  it('does not count fees charged in another currency against the position', () => {
    const p = applyFillToPosition(emptyPosition('X'), f('buy', 1, 100, '0.5', 'BNB'), 'USDT');
    expect(p.fees.toString()).toBe('0');
  });
});

describe('unrealizedPnl', () => {
  it('is (mark - entry) * signed quantity', () => {
    let p = applyFillToPosition(emptyPosition('X'), f('buy', 2, 105), 'USDT');
    expect(unrealizedPnl(p, 120).toString()).toBe('30');
    p = applyFillToPosition(p, f('sell', '3.5', 100), 'USDT');
    expect(unrealizedPnl(p, 90).toString()).toBe('15'); // short 1.5 from 100
    expect(unrealizedPnl(emptyPosition('X'), 90).toString()).toBe('0');
  });
});

describe('Portfolio', () => {
  it('tracks balances per currency and equity at marks for the hand-computed sequence', () => {
    const portfolio = new Portfolio({ USDT: 1000 });
    const balances = ['899.9', '789.79', '849.73', '1149.43', '1014.295'];
    steps.forEach(([fill], i) => {
      portfolio.applyFill(fill);
      expect(portfolio.balance('USDT').toString()).toBe(balances[i]);
    });
    expect(portfolio.balance('BTC').toString()).toBe('0');
    expect(portfolio.position('BTC/USDT').realizedPnl.toString()).toBe('14.295');
    expect(portfolio.equity('USDT', {}).toString()).toBe('1014.295');
  });

  it('values open positions at the mark: equity = start + realized + unrealized', () => {
    const portfolio = new Portfolio({ USDT: 1000 });
    for (const [fill] of steps.slice(0, 4)) portfolio.applyFill(fill);
    expect(portfolio.balance('BTC').toString()).toBe('-1.5');
    expect(portfolio.equity('USDT', { 'BTC/USDT': 90 }).toString()).toBe('1014.43'); // 1149.43 - 1.5 * 90
    expect(portfolio.unrealizedPnl('BTC/USDT', 90).toString()).toBe('15');
    expect(portfolio.position('BTC/USDT').realizedPnl.toString()).toBe('-0.57'); // 1000 - 0.57 + 15 = 1014.43
  });

  it('charges fees in their own currency', () => {
    const portfolio = new Portfolio({ USDT: 1000, BNB: 1 });
    portfolio.applyFill(f('buy', 1, 100, '0.01', 'BNB'));
    expect(portfolio.balance('BNB').toString()).toBe('0.99');
    expect(portfolio.equity('USDT', { 'BTC/USDT': 100, 'BNB/USDT': 500 }).toString()).toBe('1495'); // 900 + 100 + 0.99*500
  });

  it('refuses to value a balance without a mark', () => {
    const portfolio = new Portfolio({ USDT: 10, ETH: 1 });
    expect(() => portfolio.equity('USDT', {})).toThrow(OrderError);
    expect(() => portfolio.equity('USDT', {})).toThrow('no mark price for ETH/USDT');
  });

  it('snapshots balances and positions', () => {
    const portfolio = new Portfolio({ USDT: 100 });
    portfolio.applyFill(f('buy', 1, 10));
    const snap = portfolio.snapshot();
    expect(snap.balances['USDT']?.toString()).toBe('90');
    expect(snap.positions['BTC/USDT']?.quantity.toString()).toBe('1');
  });

  it('keeps equity = start + realized + unrealized for any fill sequence (quote fees)', () => {
    const fillArb = fc.record({
      side: fc.constantFrom('buy' as const, 'sell' as const),
      qty: fc.integer({ min: 1, max: 500 }),
      price: fc.integer({ min: 1, max: 100_000 }),
      fee: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(
        fc.array(fillArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 100_000 }),
        (fills, mark) => {
          const portfolio = new Portfolio({ USDT: 1_000_000 });
          for (const x of fills)
            portfolio.applyFill(
              f(
                x.side,
                new Decimal(x.qty).div(100).toString(),
                new Decimal(x.price).div(100).toString(),
                new Decimal(x.fee).div(100).toString(),
              ),
            );
          const equity = portfolio.equity('USDT', { 'BTC/USDT': new Decimal(mark).div(100) });
          const pos = portfolio.position('BTC/USDT');
          const expected = new Decimal(1_000_000)
            .add(pos.realizedPnl)
            .add(unrealizedPnl(pos, new Decimal(mark).div(100)));
          // The average entry is a division, rounded at decimal.js's 20 significant digits: allow that rounding only.
          expect(equity.sub(expected).abs().lte('1e-9'), `${equity} vs ${expected}`).toBe(true);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});

describe('splitSymbol', () => {
  it('splits BASE/QUOTE and BASE/QUOTE:SETTLE, refuses other shapes', () => {
    expect(splitSymbol('BTC/USDT')).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(splitSymbol('BTC/USDT:USDT')).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(() => splitSymbol('BTCUSDT')).toThrow('is not of the form BASE/QUOTE');
  });
});
