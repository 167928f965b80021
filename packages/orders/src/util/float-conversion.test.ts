import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalFromFloat, decimalToFloat } from './float-conversion.js';

/** Sign, exponent and digit words: two Decimals with the same form are the same to every decimal.js method. */
const form = (x: Decimal) => ({ s: x.s, e: x.e, d: x.d === null ? null : [...x.d] });

describe('decimalToFloat', () => {
  it('gives exactly toNumber() for prices, quantities and money of every size', () => {
    const cases = [
      '0',
      '-0',
      '1',
      '-1',
      '0.1',
      '0.3',
      '60792.47',
      '0.00001',
      '123456789012345',
      '9007199254740991',
      '9007199254740993',
      '1e22',
      '1e23',
      '1.5e-22',
      '1.5e-30',
      '12345678.9012345678901',
      '-4444.4444444',
      '0.95',
      '1e-7',
      '10000000',
      '99999999999999.99',
    ];
    for (const text of cases) {
      const d = new Decimal(text);
      expect(Object.is(decimalToFloat(d), d.toNumber()), text).toBe(true);
    }
    for (const text of ['NaN', 'Infinity', '-Infinity']) {
      const d = new Decimal(text);
      expect(Object.is(decimalToFloat(d), d.toNumber()), text).toBe(true);
    }
  });

  it('matches toNumber() on products and quotients as the engine makes them (seeded sweep)', () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    let fast = 0;
    for (let i = 0; i < 20_000; i++) {
      const a = new Decimal(Math.floor(next() * 1e8)).div(10 ** Math.floor(next() * 9));
      const b = new Decimal(Math.floor(next() * 1e6) + 1).div(10 ** Math.floor(next() * 6));
      const sign = next() < 0.3 ? -1 : 1;
      for (const d of [a.mul(b).mul(sign), a.div(b), a.sub(b), a.add(b).mul(sign)]) {
        const expected = d.toNumber();
        expect(decimalToFloat(d)).toBe(expected);
        if ((d.d?.length ?? 9) <= 3 && Math.abs(expected) < 2 ** 53) fast += 1;
      }
    }
    expect(fast).toBeGreaterThan(10_000);
  });
});

describe('decimalFromFloat', () => {
  it('reads floats as their shortest decimal string, as new Decimal(x) does', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: false }),
          fc.integer({ min: 1, max: 10_000_000 }).map((n) => n / 100),
          fc.integer({ min: 1, max: 99_999_999 }).map((n) => n / 1e8),
          fc.double({ min: 1e-7, max: 1e16 }),
        ),
        (x) => {
          expect(form(decimalFromFloat(x))).toEqual(form(new Decimal(x)));
        },
      ),
      { numRuns: 50_000 },
    );
    for (const x of [0.1 + 0.2, 61234.56, 1e-7, 123456789012345.6, 1e15, -0.5, 0, -0, 5e-324]) {
      expect(form(decimalFromFloat(x))).toEqual(form(new Decimal(x)));
    }
  });

  it('builds with the constructor it is given', () => {
    const Short = Decimal.clone({ precision: 4 });
    const x = decimalFromFloat(60000.12, Short);
    expect(x).toBeInstanceOf(Short);
    expect(form(x)).toEqual(form(new Short(60000.12)));
  });
});
