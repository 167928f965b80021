import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixedNotionalSizer } from './fixedNotional.js';

/** The lot-step rule as written in the docs: floor(quantity / lotStep) * lotStep. */
const floorToLot = (quantity: Decimal, lot: Decimal): Decimal => quantity.div(lot).floor().times(lot);

describe('lot-step rounding', () => {
  it('rounds down to the lot step, by decimal places or not', () => {
    const ten = new FixedNotionalSizer({ notional: 1000, constraints: { lotStep: '0.00001' } });
    const d = ten.size({ equity: 10_000, price: '60792.47' });
    expect(d.ok && d.quantity.toString()).toBe('0.01644');
    const odd = new FixedNotionalSizer({ notional: 1000, constraints: { lotStep: '0.0025' } });
    const e = odd.size({ equity: 10_000, price: '60792.47' });
    expect(e.ok && e.quantity.toString()).toBe('0.015');
  });

  it('caps at a maxQuantity of more digits than the precision the way the division rounds it', () => {
    // 21 nines: the division by the lot step rounds it to 1 (20 digits) before the floor
    const sizer = new FixedNotionalSizer({
      notional: 1e9,
      constraints: { lotStep: '0.00001', maxQuantity: '0.999999999999999999999' },
    });
    const d = sizer.size({ equity: 1e12, price: 1 });
    expect(d.ok && d.quantity.toString()).toBe('1');
  });

  it('equals floor(quantity / lotStep) * lotStep for any notional, price and lot step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: -4, max: 4 }),
        fc.constantFrom('0.00001', '0.001', '1', '0.0025', '10'),
        (notional, priceDigits, priceExp, lot) => {
          const price = new Decimal(`${priceDigits}e${priceExp}`);
          const d = new FixedNotionalSizer({ notional, constraints: { lotStep: lot } }).size({
            equity: 1e15,
            price,
          });
          const expected = floorToLot(new Decimal(notional).div(price), new Decimal(lot));
          if (expected.gt(0)) expect(d.ok && d.quantity.toString()).toBe(expected.toString());
          else expect(d.ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
