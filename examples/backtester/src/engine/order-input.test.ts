import { parseOrderIntent } from '@rrr/orders';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { engineIntent, exactProduct } from './order-input.js';

const d = (x: string): Decimal => new Decimal(x);

describe('engineIntent', () => {
  it('equals what parseOrderIntent returns for the same order', () => {
    const orders = [
      { side: 'buy', type: 'market', quantity: d('0.01234') },
      { side: 'sell', type: 'stop', quantity: d('0.5'), stopPrice: d('41000.01') },
      { side: 'sell', type: 'limit', quantity: d('0.5'), price: d('45000.5') },
    ] as const;
    for (const order of orders) {
      const parsed = parseOrderIntent({ symbol: 'BTC/USDT', ...order, clientOrderId: 'stop-7' });
      expect(engineIntent('BTC/USDT', order, 'stop-7')).toEqual(parsed);
    }
  });

  it('lets parseOrderIntent refuse a number that is not > 0, naming the field', () => {
    expect(() =>
      engineIntent('BTC/USDT', { side: 'sell', type: 'stop', quantity: d('1'), stopPrice: d('0') }, 'x'),
    ).toThrow(/stopPrice must be > 0/);
    expect(() => engineIntent('BTC/USDT', { side: 'buy', type: 'market', quantity: d('-1') }, 'x')).toThrow(
      /quantity must be > 0/,
    );
  });
});

describe('exactProduct', () => {
  it('is true when the digits of price and quantity fit the precision, so notional / quantity is the price', () => {
    const price = d('42283.58');
    const quantity = d('0.02345');
    expect(exactProduct(price, quantity)).toBe(true);
    expect(price.mul(quantity).div(quantity).eq(price)).toBe(true);
  });

  it('is false when the product could be rounded', () => {
    const price = d('1.2345678901');
    const quantity = d('9.87654321012');
    expect(price.sd() + quantity.sd()).toBeGreaterThan(Decimal.precision);
    expect(exactProduct(price, quantity)).toBe(false);
  });
});
