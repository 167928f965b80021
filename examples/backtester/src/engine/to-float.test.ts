import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { toFloat } from './to-float.js';

describe('toFloat', () => {
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
      expect(Object.is(toFloat(d), d.toNumber()), text).toBe(true);
    }
    for (const text of ['NaN', 'Infinity', '-Infinity']) {
      const d = new Decimal(text);
      expect(Object.is(toFloat(d), d.toNumber()), text).toBe(true);
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
        expect(toFloat(d)).toBe(expected);
        if ((d.d?.length ?? 9) <= 3 && Math.abs(expected) < 2 ** 53) fast += 1;
      }
    }
    expect(fast).toBeGreaterThan(10_000);
  });
});
