import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { notionalOf, rememberNotional, surelyCovers } from './notional.js';

describe('notionalOf', () => {
  it('hands out the remembered product of the last fill, and multiplies for any other', () => {
    const fill = { quantity: new Decimal('0.015'), price: new Decimal('60792.47') };
    const remembered = fill.quantity.mul(fill.price);
    rememberNotional(fill, remembered);
    expect(notionalOf(fill)).toBe(remembered);
    const other = { quantity: new Decimal('2'), price: new Decimal('3.5') };
    expect(notionalOf(other).toString()).toBe('7');
  });

  it('does not trust the remembered product once the fill holds other Decimals', () => {
    const fill = { quantity: new Decimal('1'), price: new Decimal('100') };
    rememberNotional(fill, new Decimal(100));
    const changed = fill as { quantity: Decimal; price: Decimal };
    changed.quantity = new Decimal('2');
    expect(notionalOf(changed).toString()).toBe('200');
  });
});

describe('surelyCovers', () => {
  const d = (x: string) => new Decimal(x);

  it('is true when the exponents alone show the balance covers quantity x price x factor', () => {
    expect(surelyCovers(d('1e15'), d('0.001'), d('50000'), d('1.001'))).toBe(true);
    // at the boundary: 999.9 ... < 10^3 <= 1000
    expect(surelyCovers(d('1000'), d('9.99'), d('9.99'), d('9.99'))).toBe(true);
  });

  it('is false when unsure, for a zero or negative balance and for non-finite values', () => {
    // 0.1 × 60,000 × 1.001 = 6,006: the exponents cannot tell, the floats can (10,000 is far above it)
    expect(surelyCovers(d('10000'), d('0.1'), d('60000'), d('1.001'))).toBe(true);
    // exactly the cost, or a cent below it: too close for the floats to decide, the caller multiplies
    expect(surelyCovers(d('6006'), d('0.1'), d('60000'), d('1.001'))).toBe(false);
    expect(surelyCovers(d('6005.99'), d('0.1'), d('60000'), d('1.001'))).toBe(false);
    // 9.99³ = 997.002999: covered with room to spare, and not covered one millionth below it
    expect(surelyCovers(d('999.99'), d('9.99'), d('9.99'), d('9.99'))).toBe(true);
    expect(surelyCovers(d('997.002998'), d('9.99'), d('9.99'), d('9.99'))).toBe(false);
    expect(surelyCovers(d('0'), d('0.00001'), d('1'), d('1'))).toBe(false);
    expect(surelyCovers(d('-1e15'), d('1'), d('1'), d('1'))).toBe(false);
    expect(surelyCovers(d('1e15'), d('NaN'), d('1'), d('1'))).toBe(false);
    expect(surelyCovers(d('Infinity'), d('1'), d('1'), d('1'))).toBe(false);
  });

  it('never claims cover the product does not give (seeded sweep; a product rounded up to the power of ten)', () => {
    const nines = d(`9.${'9'.repeat(29)}`);
    const need = nines.mul(nines).mul(nines); // rounded to 20 digits: exactly 1000
    expect(need.toString()).toBe('1000');
    expect(surelyCovers(d('1000'), nines, nines, nines)).toBe(true);
    expect(d('1000').lt(need)).toBe(false);
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const digits = (n: number) => String(Math.floor(next() * 10 ** n) + 1);
    let claimed = 0;
    for (let i = 0; i < 2000; i++) {
      const q = d(`${digits(12)}e-${Math.floor(next() * 12)}`);
      const p = d(`${digits(12)}e-${Math.floor(next() * 8)}`);
      const f = d(`1.${digits(3)}`);
      const have = d(`${digits(3)}e${Math.floor(next() * 10)}`);
      if (surelyCovers(have, q, p, f)) {
        claimed += 1;
        expect(have.lt(q.mul(p).mul(f))).toBe(false);
      }
    }
    expect(claimed).toBeGreaterThan(30);
  });
});
