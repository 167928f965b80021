import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { kellyFromWinLoss } from '../kelly/classic.js';
import { FixedFractionalSizer } from './fixedFractional.js';
import { FixedNotionalSizer } from './fixedNotional.js';
import { KellySizer } from './kellySizer.js';
import { NoTradeCode, SizeCap, type SizeDecision, type Sizer } from './types.js';
import { VolatilityTargetSizer } from './volatilityTarget.js';

const qty = (d: SizeDecision): string => {
  if (!d.ok) throw new Error(`expected a size, got ${d.code}: ${d.reason}`);
  return d.quantity.toString();
};
const code = (d: SizeDecision): string => (d.ok ? 'ok' : d.code);

describe('KellySizer', () => {
  const kelly = kellyFromWinLoss({ winRate: 0.55, avgWin: 1, avgLoss: 1 }); // 0.1

  it('sizes equity * f* * fraction / price', () => {
    const sizer = new KellySizer({ kelly, fraction: 0.5 });
    expect(qty(sizer.size({ equity: 20000, price: 50000 }))).toBe('0.02');
    expect(sizer.fraction.toString()).toBe('0.05');
  });

  it('rounds down to the lot step, never up', () => {
    const sizer = new KellySizer({ kelly: '0.1', constraints: { lotStep: '0.001' } });
    // 1000 / 30001 = 0.03333222... -> 0.033
    expect(qty(sizer.size({ equity: 10000, price: 30001 }))).toBe('0.033');
    const lot = new KellySizer({ kelly: '0.1', constraints: { lotStep: '0.5' } });
    expect(qty(lot.size({ equity: 10000, price: 100 }))).toBe('10'); // exactly 10: stays
    expect(qty(lot.size({ equity: 10000, price: 101 }))).toBe('9.5'); // 9.90 -> 9.5
  });

  it('zero Kelly: no trade with the estimate reason', () => {
    const d = new KellySizer({ kelly: kellyFromWinLoss({ winRate: 0.5, avgWin: 1, avgLoss: 1 }) }).size({
      equity: 1000,
      price: 10,
    });
    expect(d).toEqual({
      ok: false,
      code: NoTradeCode.noEdge,
      reason: 'kelly fraction 0 is not positive (zero_edge)',
    });
  });

  it('negative Kelly (including -Infinity) and a negative raw fraction: no trade', () => {
    const never = kellyFromWinLoss({ winRate: 0, avgWin: 0, avgLoss: 1 });
    expect(code(new KellySizer({ kelly: never }).size({ equity: 1000, price: 10 }))).toBe(NoTradeCode.noEdge);
    expect(code(new KellySizer({ kelly: -0.2 }).size({ equity: 1000, price: 10 }))).toBe(NoTradeCode.noEdge);
  });

  it('caps at maxQuantity, maxNotional and maxEquityFraction, reporting which applied', () => {
    const full = new KellySizer({
      kelly: 4, // continuous Kelly above 1: leverage
      constraints: { maxEquityFraction: 1, maxNotional: 50000, maxQuantity: 2 },
    });
    const d = full.size({ equity: 10000, price: 1000 }); // raw 40 units
    expect(d.ok && d.capped).toEqual([SizeCap.maxQuantity]);
    expect(qty(d)).toBe('2');
    const d2 = full.size({ equity: 10000, price: 10000 }); // raw 4 -> max 2 -> notional 20000 > equity 10000 -> 1
    expect(d2.ok && d2.capped).toEqual([SizeCap.maxQuantity, SizeCap.maxEquityFraction]);
    expect(qty(d2)).toBe('1');
  });

  it('a per-call maxQuantity caps like constraints.maxQuantity, for that call only', () => {
    const sizer = new FixedFractionalSizer({ riskFraction: '0.01', constraints: { lotStep: '0.001' } });
    const context = { equity: 10000, price: 100, stopPrice: 97 }; // raw 100 / 3 = 33.333... units
    expect(qty(sizer.size(context))).toBe('33.333');
    const capped = sizer.size({ ...context, maxQuantity: '12.34567' });
    expect(capped.ok && capped.capped).toEqual([SizeCap.maxQuantity]);
    expect(qty(capped)).toBe('12.345'); // capped, then rounded down to the lot step
    expect(qty(sizer.size(context))).toBe('33.333'); // the cap did not stay with the sizer
    expect(qty(sizer.size({ ...context, maxQuantity: 50 }))).toBe('33.333'); // a cap above the size changes nothing
    const both = new KellySizer({ kelly: 4, constraints: { maxQuantity: 2 } });
    const d = both.size({ equity: 10000, price: 1000, maxQuantity: '1.5' });
    expect(d.ok && d.capped).toEqual([SizeCap.maxQuantity]); // reported once when both caps apply
    expect(qty(d)).toBe('1.5');
    const notional = new FixedNotionalSizer({ notional: 1000 });
    expect(qty(notional.size({ equity: 5000, price: 10, maxQuantity: 40 }))).toBe('40');
    expect(code(sizer.size({ ...context, maxQuantity: '0.0004' }))).toBe(NoTradeCode.belowLotStep);
  });

  it('rejects a per-call maxQuantity that is not > 0, naming it', () => {
    const sizer = new FixedNotionalSizer({ notional: 1000 });
    expect(() => sizer.size({ equity: 5000, price: 10, maxQuantity: 0 })).toThrow(/maxQuantity must be > 0/);
    expect(() => sizer.size({ equity: 5000, price: 10, maxQuantity: 'x' })).toThrow(/maxQuantity/);
  });

  it('minimum notional and minimum quantity reject instead of rounding up', () => {
    const sizer = new KellySizer({ kelly: 0.001, constraints: { lotStep: '0.00001', minNotional: 10 } });
    const d = sizer.size({ equity: 5000, price: 60000 }); // notional 5 < 10
    expect(code(d)).toBe(NoTradeCode.belowMinNotional);
    const minQ = new KellySizer({ kelly: 0.01, constraints: { minQuantity: 1 } });
    expect(code(minQ.size({ equity: 5000, price: 100 }))).toBe(NoTradeCode.belowMinQuantity);
    const lot = new KellySizer({ kelly: 0.01, constraints: { lotStep: 1 } });
    expect(code(lot.size({ equity: 5000, price: 100 }))).toBe(NoTradeCode.belowLotStep);
  });

  it('huge capital with a tiny Kelly is sized exactly in Decimal', () => {
    const tiny = kellyFromWinLoss({ winRate: '0.500001', avgWin: 1, avgLoss: 1 }); // 0.000002
    const sizer = new KellySizer({ kelly: tiny, constraints: { lotStep: '0.00000001' } });
    const d = sizer.size({ equity: '1000000000000', price: '65432.10' }); // notional 2,000,000
    expect(qty(d)).toBe('30.56603715');
    expect(new Decimal('2000000').div('65432.10').toFixed(8, Decimal.ROUND_DOWN)).toBe('30.56603715');
  });

  it('no equity: no trade', () => {
    expect(code(new KellySizer({ kelly: 0.1 }).size({ equity: 0, price: 10 }))).toBe(NoTradeCode.noEquity);
  });

  it('rejects invalid parameters naming them', () => {
    expect(() => new KellySizer({ kelly: 0.1, fraction: 0 })).toThrow(/fraction must be in \(0, 1\]/);
    expect(() => new KellySizer({ kelly: 0.1, constraints: { lotStep: 0 } })).toThrow(/constraints.lotStep/);
    expect(() => new KellySizer({ kelly: 0.1, constraints: { minQuantity: 2, maxQuantity: 1 } })).toThrow(
      /constraints.minQuantity/,
    );
    expect(() => new KellySizer({ kelly: 0.1 }).size({ equity: 10, price: -1 })).toThrow(/price must be > 0/);
    expect(() => new KellySizer({ kelly: 0.1 }).size({ equity: Number.NaN, price: 1 })).toThrow(/equity/);
  });
});

describe('FixedFractionalSizer', () => {
  it('risks riskFraction of equity to the stop (long and short)', () => {
    const sizer = new FixedFractionalSizer({ riskFraction: 0.01, constraints: { lotStep: '0.001' } });
    expect(qty(sizer.size({ equity: 10000, price: 60000, stopPrice: 58000 }))).toBe('0.05');
    expect(qty(sizer.size({ equity: 10000, price: 60000, stopPrice: 61500 }))).toBe('0.066'); // 0.0666.. down
  });

  it('a stop at the entry price is a no-trade decision; a missing stop is an error', () => {
    const sizer = new FixedFractionalSizer({ riskFraction: 0.02 });
    expect(code(sizer.size({ equity: 10000, price: 100, stopPrice: 100 }))).toBe(
      NoTradeCode.zeroRiskDistance,
    );
    expect(() => sizer.size({ equity: 10000, price: 100 })).toThrow(/stopPrice is required/);
    expect(() => new FixedFractionalSizer({ riskFraction: 1.5 })).toThrow(/riskFraction/);
  });
});

describe('VolatilityTargetSizer', () => {
  it('ATR: equity * risk / (multiple * ATR)', () => {
    const sizer = new VolatilityTargetSizer({ method: 'atr', riskFraction: 0.01, atrMultiple: 2 });
    expect(qty(sizer.size({ equity: 10000, price: 100, atr: 2.5 }))).toBe('20');
    expect(sizer.name).toBe('volatility_target_atr');
    expect(() => sizer.size({ equity: 10000, price: 100 })).toThrow(/atr is required/);
  });

  it('stdev: notional = equity * target / volatility', () => {
    const sizer = new VolatilityTargetSizer({ method: 'stdev', targetVolatility: 0.01 });
    expect(qty(sizer.size({ equity: 10000, price: 100, volatility: 0.04 }))).toBe('25');
    expect(() => sizer.size({ equity: 10000, price: 100, volatility: 0 })).toThrow(/volatility must be > 0/);
  });
});

describe('FixedNotionalSizer', () => {
  it('buys a fixed notional, rounded down', () => {
    const sizer = new FixedNotionalSizer({ notional: 500, constraints: { lotStep: '0.01' } });
    expect(qty(sizer.size({ equity: 10000, price: 30 }))).toBe('16.66');
    expect(() => new FixedNotionalSizer({ notional: 0 })).toThrow(/notional must be > 0/);
  });
});

describe('Sizer interface', () => {
  it('lets a strategy swap sizers', () => {
    const sizers: Sizer[] = [
      new KellySizer({ kelly: 0.05 }),
      new FixedFractionalSizer({ riskFraction: 0.005 }),
      new VolatilityTargetSizer({ method: 'atr', riskFraction: 0.005 }),
      new FixedNotionalSizer({ notional: 500 }),
    ];
    const context = { equity: 10000, price: 100, stopPrice: 90, atr: 5 };
    expect(sizers.map((s) => `${s.name}=${qty(s.size(context))}`)).toEqual([
      'kelly=5',
      'fixed_fractional=5',
      'volatility_target_atr=10',
      'fixed_notional=5',
    ]);
  });
});
