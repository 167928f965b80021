import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixedFractionalSizer } from './fixedFractional.js';
import { KellySizer } from './kellySizer.js';
import type { SizeConstraints } from './types.js';

const positive = (min: number, max: number) =>
  fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .map((v) => new Decimal(v).toSignificantDigits(8));

const constraintsArb = fc
  .record(
    {
      lotStep: fc.constantFrom('1', '0.1', '0.001', '0.00001'),
      maxQuantity: positive(0.001, 1e4),
      maxNotional: positive(1, 1e7),
      maxEquityFraction: positive(0.01, 3),
      minNotional: positive(0.01, 100),
    },
    { requiredKeys: ['lotStep'] },
  )
  .filter(
    (c) => c.minNotional === undefined || c.maxNotional === undefined || c.minNotional.lte(c.maxNotional),
  );

function assertWithinCaps(
  decision: ReturnType<KellySizer['size']>,
  c: SizeConstraints,
  equity: Decimal,
  price: Decimal,
): void {
  if (!decision.ok) return;
  const q = decision.quantity;
  expect(q.gt(0)).toBe(true);
  expect(q.mod(c.lotStep ?? 1).isZero()).toBe(true);
  if (c.maxQuantity !== undefined) expect(q.lte(c.maxQuantity)).toBe(true);
  if (c.maxNotional !== undefined) expect(q.times(price).lte(c.maxNotional)).toBe(true);
  if (c.maxEquityFraction !== undefined)
    expect(q.times(price).lte(equity.times(c.maxEquityFraction))).toBe(true);
  if (c.minNotional !== undefined) expect(q.times(price).gte(c.minNotional)).toBe(true);
}

describe('sizing properties', () => {
  it('Kelly size is never negative and never exceeds any cap', () => {
    fc.assert(
      fc.property(
        positive(1, 1e9),
        positive(0.0001, 1e5),
        fc.double({ min: -2, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        constraintsArb,
        (equity, price, f, multiplier, constraints) => {
          const sizer = new KellySizer({ kelly: f, fraction: multiplier, constraints });
          const d = sizer.size({ equity, price });
          if (f <= 0) expect(d.ok).toBe(false);
          assertWithinCaps(d, constraints, equity, price);
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it('fixed fractional size never risks more than riskFraction of equity', () => {
    fc.assert(
      fc.property(
        positive(1, 1e7),
        positive(1, 1e5),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 0.0001, max: 0.2, noNaN: true }),
        constraintsArb,
        (equity, price, risk, stopDistance, constraints) => {
          const stop = price.times(1 - stopDistance);
          const d = new FixedFractionalSizer({ riskFraction: risk, constraints }).size({
            equity,
            price,
            stopPrice: stop,
          });
          assertWithinCaps(d, constraints, equity, price);
          if (d.ok) expect(d.quantity.times(price.minus(stop)).lte(equity.times(risk))).toBe(true);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
