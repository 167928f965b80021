import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { btcBars, btcTrades } from '../../test/fixtures.js';
import { acceptedByDecimal, floatOf, plainFloat } from './bar-gate.js';

describe('plainFloat / acceptedByDecimal', () => {
  it('reads numbers and plain decimal strings, and refuses what decimal.js would read differently', () => {
    expect(plainFloat(60735.5)).toBe(60735.5);
    expect(plainFloat('60792.47')).toBe(60792.47);
    expect(plainFloat('1e3')).toBe(1000);
    // decimal.js refuses white space that Number ignores, and Number reads "" as 0
    expect(plainFloat(' 6')).toBeNaN();
    expect(plainFloat('6\n')).toBeNaN();
    expect(plainFloat('')).toBeNaN();
    expect(plainFloat('abc')).toBeNaN();
    expect(plainFloat(new Decimal(5))).toBeNaN();
    expect([' 6', '', 'abc'].map((v) => acceptedByDecimal(v))).toEqual([false, false, false]);
    expect([6, '6.5', new Decimal(1), Number.NaN].map((v) => acceptedByDecimal(v))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(acceptedByDecimal(undefined as never)).toBe(false);
  });

  it('gives exactly Number(value) for plain decimal strings, real prices and generated ones', () => {
    const real = [
      ...btcBars().flatMap((b) => [b.open, b.high, b.low, b.close, b.volume]),
      ...btcTrades().flatMap((t) => [t.price, t.quantity]),
    ].map(String);
    for (const value of real) expect(plainFloat(value)).toBe(Number(value));
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.integer({ min: 0, max: 25 }),
        fc.boolean(),
        (digits, scale, negative) => {
          const text = digits.toString().padStart(scale + 1, '0');
          const value = `${negative ? '-' : ''}${scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`}`;
          expect(plainFloat(value)).toBe(Number(value));
          expect(plainFloat(value)).toBe(new Decimal(value).toNumber());
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
    expect([plainFloat('5.'), plainFloat('.5'), plainFloat('-0.001'), plainFloat('+7')]).toEqual([
      5, 0.5, -0.001, 7,
    ]);
    expect([plainFloat('.'), plainFloat('-'), plainFloat('1.2.3'), plainFloat('1e3x')]).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });

  it('floatOf: NaN for a missing price, the nearest float otherwise', () => {
    expect(floatOf(undefined)).toBeNaN();
    expect(floatOf(new Decimal('60792.47'))).toBe(60792.47);
  });
});
