import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors.js';
import { FixedFractionalSizer } from './fixedFractional.js';
import { positiveFloat } from './float-decision.js';
import type { SizeConstraints, SizeDecision } from './types.js';

/** A decision as plain strings, so two decisions compare by value and by wording. */
function plain(d: SizeDecision): unknown {
  return d.ok
    ? { ok: true, quantity: d.quantity.toString(), notional: d.notional.toString(), capped: d.capped }
    : { ok: false, code: d.code, reason: d.reason };
}

/** The exact path: the same inputs as Decimals (the float path only reads plain numbers). */
function exact(
  sizer: FixedFractionalSizer,
  equity: number,
  price: number,
  stopPrice: number,
  maxQuantity?: string,
) {
  return sizer.size({
    equity: new Decimal(equity),
    price: new Decimal(price),
    stopPrice: new Decimal(stopPrice),
    ...(maxQuantity !== undefined ? { maxQuantity: new Decimal(maxQuantity) } : {}),
  });
}

const constraintsArb: fc.Arbitrary<SizeConstraints> = fc.record(
  {
    lotStep: fc.constantFrom('1', '0.1', '0.001', '0.00001', '0.25', '0.0003'),
    minQuantity: fc.constantFrom('0.001', '0.5', '3'),
    maxQuantity: fc.double({ min: 3, max: 1e4, noNaN: true }).map((v) => v.toPrecision(6)),
    maxNotional: fc.double({ min: 100, max: 1e7, noNaN: true }).map((v) => v.toPrecision(6)),
    maxEquityFraction: fc.constantFrom('0.1', '0.10555555555555556', '0.5', '1', '2.5'),
    minNotional: fc.constantFrom('1', '5', '100'),
  },
  { requiredKeys: ['lotStep'] },
);

describe('FixedFractionalSizer float path', () => {
  it('decides exactly as the Decimal path on real-looking inputs', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 1e7, noNaN: true }),
        fc.double({ min: 1e-4, max: 1e5, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.constantFrom('0.01', '0.005', '0.02', '0.0333'),
        fc.option(fc.double({ min: 0.001, max: 1e5, noNaN: true }), { nil: undefined }),
        constraintsArb,
        (equity, price, stopPct, riskFraction, cap, constraints) => {
          const sizer = new FixedFractionalSizer({ riskFraction, constraints });
          const stopPrice = price * (1 - stopPct);
          const maxQuantity = cap?.toFixed(12);
          const fast = sizer.size({
            equity,
            price,
            stopPrice,
            ...(maxQuantity !== undefined ? { maxQuantity } : {}),
          });
          expect(plain(fast)).toEqual(plain(exact(sizer, equity, price, stopPrice, maxQuantity)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('decides exactly as the Decimal path when the quantity lands on or next to a lot boundary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.constantFrom(0.001, 0.00001, 0.1),
        fc.integer({ min: -3, max: 3 }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        (lots, step, ulps, price) => {
          const sizer = new FixedFractionalSizer({
            riskFraction: '0.01',
            constraints: { lotStep: String(step) },
          });
          const stopPrice = price * 0.97;
          const distance = price - stopPrice;
          // equity such that the raw quantity is `lots` whole lots, moved by a few ulps either way
          let equity = (lots * step * distance) / 0.01;
          for (let i = 0; i < Math.abs(ulps); i++) {
            equity = ulps > 0 ? equity + equity * 2 ** -52 : equity - equity * 2 ** -52;
          }
          const fast = sizer.size({ equity, price, stopPrice });
          expect(plain(fast)).toEqual(plain(exact(sizer, equity, price, stopPrice)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the exact whole-lot quantity when the raw quantity is exactly on a boundary', () => {
    // 10,000 × 0.01 / (100 − 90) = 10 exactly: the floats cannot tell 9.999… from 10, the Decimal path decides
    const sizer = new FixedFractionalSizer({ riskFraction: '0.01', constraints: { lotStep: '0.001' } });
    const d = sizer.size({ equity: 10_000, price: 100, stopPrice: 90 });
    expect(d.ok && d.quantity.toString()).toBe('10');
    expect(d.ok && d.notional.toString()).toBe('1000');
  });

  it('caps at a per-call maximum given as a plain decimal string', () => {
    const sizer = new FixedFractionalSizer({ riskFraction: '0.01', constraints: { lotStep: '0.00001' } });
    const d = sizer.size({ equity: 10_000, price: 60_000, stopPrice: 58_200, maxQuantity: '0.012345678912' });
    expect(plain(d)).toEqual({ ok: true, quantity: '0.01234', notional: '740.4', capped: ['max_quantity'] });
  });

  it('still refuses bad inputs with typed errors naming the field', () => {
    const sizer = new FixedFractionalSizer({ riskFraction: '0.01', constraints: { lotStep: '0.001' } });
    expect(() => sizer.size({ equity: 1000, price: 100, stopPrice: -5 })).toThrow(InvalidParameterError);
    expect(() => sizer.size({ equity: 1000, price: 0, stopPrice: 95 })).toThrow(/price must be > 0/);
    expect(() => sizer.size({ equity: 1000, price: 100, stopPrice: 95, maxQuantity: ' 5' })).toThrow(
      /maxQuantity must be a finite decimal/,
    );
    expect(() => sizer.size({ equity: 1000, price: 100, stopPrice: 95, maxQuantity: 0 })).toThrow(
      /maxQuantity must be > 0/,
    );
    expect(plain(sizer.size({ equity: -1, price: 100, stopPrice: 95 }))).toMatchObject({
      ok: false,
      code: 'no_equity',
    });
    expect(plain(sizer.size({ equity: 1000, price: 100, stopPrice: 100 }))).toMatchObject({
      ok: false,
      code: 'zero_risk_distance',
    });
  });

  it('leaves refusals to the Decimal path, which words them', () => {
    const sizer = new FixedFractionalSizer({
      riskFraction: '0.01',
      constraints: { lotStep: '0.001', minNotional: 100 },
    });
    const d = sizer.size({ equity: 100, price: 50, stopPrice: 40 });
    expect(plain(d)).toEqual({
      ok: false,
      code: 'below_min_notional',
      reason: 'notional 5 is below minNotional 100',
    });
  });
});

describe('positiveFloat', () => {
  it('reads finite positive numbers and plain decimal strings', () => {
    expect(positiveFloat(0.5)).toBe(0.5);
    expect(positiveFloat('123.456000000000')).toBe(123.456);
    expect(positiveFloat('7')).toBe(7);
  });

  it('is NaN for everything the exact path must read itself', () => {
    for (const x of [
      0,
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '0',
      '0.000',
      '-1',
      ' 1',
      '1e3',
      '0x10',
      '.5',
      '',
    ]) {
      expect(positiveFloat(x)).toBeNaN();
    }
    expect(positiveFloat(new Decimal(2))).toBeNaN();
    expect(positiveFloat(undefined)).toBeNaN();
  });
});
