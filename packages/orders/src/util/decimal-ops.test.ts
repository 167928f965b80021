import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, compare, mul, sub } from './decimal-ops.js';

/** Sign, exponent and digit words: two Decimals with the same form are the same to every decimal.js method. */
const form = (x: Decimal) => ({ s: x.s, e: x.e, d: x.d === null ? null : [...x.d] });

/** Decimals of 1–22 significant digits, exponents −30…30, either sign, and zero: the short fast path and past it. */
const decimalArb = fc.oneof(
  fc
    .tuple(fc.bigInt({ min: 1n, max: 10n ** 22n }), fc.integer({ min: -30, max: 30 }), fc.boolean())
    .map(([m, k, neg]) => new Decimal(`${neg ? '-' : ''}${m}e${k}`)),
  fc
    .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: -10, max: 4 }))
    .map(([m, k]) => new Decimal(`${m}e${k}`)),
  fc.constantFrom(
    new Decimal(0),
    new Decimal('-0'),
    new Decimal('0.001'),
    new Decimal('1e7'),
    new Decimal(1),
  ),
);

describe('decimal-ops', () => {
  it('mul, add and sub give the form decimal.js gives', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        expect(form(mul(a, b))).toEqual(form(a.mul(b)));
        expect(form(add(a, b))).toEqual(form(a.add(b)));
        expect(form(sub(a, b))).toEqual(form(a.sub(b)));
        expect(compare(a, b)).toBe(a.cmp(b));
        expect(compare(a, a.add(b).sub(b))).toBe(a.cmp(a.add(b).sub(b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('compares like cmp, zeros of either sign equal, non-finite values through cmp', () => {
    expect(compare(new Decimal(0), new Decimal('-0'))).toBe(0);
    expect(compare(new Decimal('-0.5'), new Decimal(0))).toBe(-1);
    expect(compare(new Decimal('123.4500001'), new Decimal('123.45'))).toBe(1);
    expect(compare(new Decimal('-123.4500001'), new Decimal('-123.45'))).toBe(-1);
    expect(compare(new Decimal(Number.NaN), new Decimal(1))).toBeNaN();
    expect(compare(new Decimal(Number.POSITIVE_INFINITY), new Decimal(1))).toBe(1);
  });

  it('writes a fourth digit word when the result needs it (16 digits and padding)', () => {
    const a = new Decimal('1e-8');
    const b = new Decimal('1e7');
    expect(form(add(a, b))).toEqual(form(a.add(b)));
    expect(add(a, b).toString()).toBe('10000000.00000001');
  });

  it('gives the form decimal.js gives on real fill values', () => {
    const price = new Decimal('61234.56');
    const quantity = new Decimal('0.01234');
    const notional = price.mul(quantity);
    const fee = notional.mul('0.001');
    expect(form(mul(quantity, price))).toEqual(form(notional));
    expect(mul(quantity, price).toString()).toBe('755.6344704');
    expect(form(mul(notional, new Decimal('0.001')))).toEqual(form(fee));
    const cash = new Decimal(10_000);
    expect(sub(sub(cash, notional), fee).toString()).toBe('9243.6098951296');
    expect(form(sub(sub(cash, notional), fee))).toEqual(form(cash.sub(notional).sub(fee)));
  });

  it('leaves zero results to decimal.js, which signs them by the rounding mode', () => {
    const Floor = Decimal.clone({ rounding: Decimal.ROUND_FLOOR });
    const a = new Floor('0.5');
    expect(sub(a, a).s).toBe(a.sub(a).s);
    expect(sub(a, a).s).toBe(-1);
    expect(add(new Decimal('0.5'), new Decimal('-0.5')).s).toBe(1);
  });

  it('rounds like decimal.js when the result has more digits than the precision', () => {
    const Short = Decimal.clone({ precision: 6 });
    const a = new Short('123.456');
    const b = new Short('7.89');
    expect(mul(a, b).toString()).toBe(a.mul(b).toString());
    expect(mul(a, b).toString()).toBe('974.068');
    expect(add(a, new Short('0.0001')).toString()).toBe('123.456');
    // operands of two constructors: decimal.js decides (the first operand's settings)
    expect(form(mul(new Decimal('1.5'), b))).toEqual(form(new Decimal('1.5').mul(b)));
  });
});
