import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { OrderValidationError } from '../errors.js';
import { newOrder, parseOrderIntent, validateForMarket } from './intent.js';
import { defineMarket } from './market.js';

function fieldOf(fn: () => unknown): { field: string; message: string; code: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof OrderValidationError)
      return { field: error.field, message: error.message, code: error.code };
    throw error;
  }
  throw new Error('expected an OrderValidationError');
}

const base = { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.5', price: '60000.10' } as const;

describe('parseOrderIntent', () => {
  it('accepts each order type with its required prices and converts numbers to Decimal', () => {
    const limit = parseOrderIntent(base);
    expect(limit.price?.toString()).toBe('60000.1');
    expect(limit.quantity.toString()).toBe('0.5');
    expect(limit.timeInForce).toBe('GTC');
    expect(limit.reduceOnly).toBe(false);
    expect(limit.clientOrderId).toBeUndefined();
    const market = parseOrderIntent({ symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: 2 });
    expect(market.price).toBeUndefined();
    const stop = parseOrderIntent({
      symbol: 'X/Y',
      side: 'sell',
      type: 'stop',
      quantity: 1,
      stopPrice: '90',
    });
    expect(stop.stopPrice?.toString()).toBe('90');
    const stopLimit = parseOrderIntent({
      symbol: 'X/Y',
      side: 'buy',
      type: 'stop_limit',
      quantity: new Decimal('0.1'),
      price: 101,
      stopPrice: 100,
      timeInForce: 'IOC',
      reduceOnly: true,
      clientOrderId: 'my-id_1',
    });
    expect([stopLimit.price?.toNumber(), stopLimit.stopPrice?.toNumber()]).toEqual([101, 100]);
    expect(stopLimit.reduceOnly).toBe(true);
    expect(stopLimit.clientOrderId).toBe('my-id_1');
    expect(stopLimit.timeInForce).toBe('IOC');
  });

  it('accepts post-only limit orders and FOK market orders', () => {
    expect(parseOrderIntent({ ...base, timeInForce: 'PO' }).timeInForce).toBe('PO');
    expect(
      parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: 1, timeInForce: 'FOK' })
        .timeInForce,
    ).toBe('FOK');
  });

  it('rejects a bad side, type or time in force naming the field and value', () => {
    const side = fieldOf(() => parseOrderIntent({ ...base, side: 'long' }));
    expect(side.field).toBe('side');
    expect(side.code).toBe('invalid_order');
    expect(side.message).toContain('"long"');
    expect(fieldOf(() => parseOrderIntent({ ...base, type: 'iceberg' })).field).toBe('type');
    expect(fieldOf(() => parseOrderIntent({ ...base, timeInForce: 'DAY' })).field).toBe('timeInForce');
    expect(fieldOf(() => parseOrderIntent({ ...base, symbol: '' })).field).toBe('symbol');
    expect(fieldOf(() => parseOrderIntent({ ...base, reduceOnly: 'yes' })).field).toBe('reduceOnly');
    expect(fieldOf(() => parseOrderIntent(null)).field).toBe('intent');
  });

  it('rejects zero, negative and non-numeric quantities', () => {
    for (const quantity of [0, -1, '0', 'abc', Number.NaN, Number.POSITIVE_INFINITY]) {
      const result = fieldOf(() => parseOrderIntent({ ...base, quantity }));
      expect(result.field).toBe('quantity');
      expect(result.message).toContain('quantity must be > 0');
    }
    expect(fieldOf(() => parseOrderIntent({ ...base, quantity: null })).field).toBe('quantity');
  });

  it('rejects a limit order without a price and a market order with one', () => {
    const { price: _price, ...noPrice } = base;
    expect(fieldOf(() => parseOrderIntent(noPrice))).toMatchObject({
      field: 'price',
      message: 'price is required for limit orders',
    });
    expect(fieldOf(() => parseOrderIntent({ ...base, type: 'market' }))).toMatchObject({
      field: 'price',
      message: 'price must not be set for market orders (got "60000.10")',
    });
    expect(fieldOf(() => parseOrderIntent({ ...base, price: -5 })).field).toBe('price');
  });

  it('rejects stop orders without a stop price and other orders with one', () => {
    expect(
      fieldOf(() => parseOrderIntent({ symbol: 'X/Y', side: 'sell', type: 'stop', quantity: 1 })).field,
    ).toBe('stopPrice');
    expect(fieldOf(() => parseOrderIntent({ ...base, type: 'stop_limit' })).message).toBe(
      'stopPrice is required for stop_limit orders',
    );
    expect(fieldOf(() => parseOrderIntent({ ...base, stopPrice: 5 })).field).toBe('stopPrice');
    expect(fieldOf(() => parseOrderIntent({ ...base, type: 'stop_limit', stopPrice: 0 })).field).toBe(
      'stopPrice',
    );
  });

  it('refuses post-only on anything but a limit order', () => {
    const result = fieldOf(() =>
      parseOrderIntent({ symbol: 'X/Y', side: 'buy', type: 'market', quantity: 1, timeInForce: 'PO' }),
    );
    expect(result.field).toBe('timeInForce');
  });

  it('refuses client order ids that are empty, too long or have odd characters', () => {
    for (const clientOrderId of ['', 'a'.repeat(65), 'has space', 'é']) {
      expect(fieldOf(() => parseOrderIntent({ ...base, clientOrderId })).field).toBe('clientOrderId');
    }
  });
});

describe('validateForMarket', () => {
  const market = defineMarket({
    symbol: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    tickSize: '0.01',
    lotStep: '0.00001',
    minQuantity: '0.0001',
    minNotional: 5,
  });

  it('accepts an order on the tick and lot grid above the minimums', () => {
    expect(() => validateForMarket(parseOrderIntent(base), market)).not.toThrow();
  });

  it('names price when off the tick grid', () => {
    const result = fieldOf(() =>
      validateForMarket(parseOrderIntent({ ...base, price: '60000.123' }), market),
    );
    expect(result).toMatchObject({
      field: 'price',
      message: 'price 60000.123 is not a multiple of the tick size 0.01',
    });
  });

  it('names stopPrice when off the tick grid', () => {
    const intent = parseOrderIntent({ ...base, type: 'stop_limit', stopPrice: '1.001' });
    expect(fieldOf(() => validateForMarket(intent, market)).field).toBe('stopPrice');
  });

  it('names quantity when off the lot step or below the minimum quantity', () => {
    expect(
      fieldOf(() => validateForMarket(parseOrderIntent({ ...base, quantity: '0.000015' }), market)),
    ).toMatchObject({
      field: 'quantity',
      message: 'quantity 0.000015 is not a multiple of the lot step 0.00001',
    });
    expect(
      fieldOf(() => validateForMarket(parseOrderIntent({ ...base, quantity: '0.00005' }), market)).message,
    ).toBe('quantity 0.00005 is below the minimum 0.0001');
  });

  it('names notional when quantity * price is below the minimum, also for market orders with a reference', () => {
    const small = parseOrderIntent({ ...base, quantity: '0.0001', price: '100' });
    expect(fieldOf(() => validateForMarket(small, market))).toMatchObject({
      field: 'notional',
      message: 'notional 0.01 (quantity * price) is below the minimum 5',
    });
    const mkt = parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.0001' });
    expect(() => validateForMarket(mkt, market)).not.toThrow();
    expect(fieldOf(() => validateForMarket(mkt, market, 40_000)).field).toBe('notional');
    expect(() => validateForMarket(mkt, market, 60_000)).not.toThrow();
  });

  it('checks grids that are not powers of ten (tick 0.05, lot 1)', () => {
    const odd = defineMarket({ symbol: 'X/Y', base: 'X', quote: 'Y', tickSize: '0.05', lotStep: 1 });
    const ok = parseOrderIntent({ symbol: 'X/Y', side: 'buy', type: 'limit', quantity: 3, price: '1.15' });
    expect(() => validateForMarket(ok, odd)).not.toThrow();
    const offTick = parseOrderIntent({
      symbol: 'X/Y',
      side: 'buy',
      type: 'limit',
      quantity: 3,
      price: '1.12',
    });
    expect(fieldOf(() => validateForMarket(offTick, odd)).field).toBe('price');
    const offLot = parseOrderIntent({
      symbol: 'X/Y',
      side: 'buy',
      type: 'limit',
      quantity: '2.5',
      price: '1.15',
    });
    expect(fieldOf(() => validateForMarket(offLot, odd)).field).toBe('quantity');
    const tens = defineMarket({ symbol: 'X/Y', base: 'X', quote: 'Y', tickSize: 10, lotStep: '0.1' });
    expect(
      fieldOf(() => validateForMarket(parseOrderIntent({ ...ok, quantity: '0.1', price: 15 }), tens)).field,
    ).toBe('price');
    expect(() =>
      validateForMarket(parseOrderIntent({ ...ok, quantity: '0.1', price: 20 }), tens),
    ).not.toThrow();
  });

  it('names symbol when the intent is for another market', () => {
    expect(
      fieldOf(() => validateForMarket(parseOrderIntent({ ...base, symbol: 'ETH/USDT' }), market)).field,
    ).toBe('symbol');
  });
});

describe('defineMarket', () => {
  it('defaults minQuantity to the lot step and minNotional to 0', () => {
    const m = defineMarket({ symbol: 'A/B', base: 'A', quote: 'B', tickSize: 1, lotStep: '0.1' });
    expect(m.minQuantity.toString()).toBe('0.1');
    expect(m.minNotional.toString()).toBe('0');
  });

  it('rejects non-positive steps naming the field', () => {
    expect(
      fieldOf(() => defineMarket({ symbol: 'A/B', base: 'A', quote: 'B', tickSize: 0, lotStep: 1 })).field,
    ).toBe('market.tickSize');
    expect(
      fieldOf(() =>
        defineMarket({ symbol: 'A/B', base: 'A', quote: 'B', tickSize: 1, lotStep: 1, minNotional: -1 }),
      ).field,
    ).toBe('market.minNotional');
    expect(
      fieldOf(() => defineMarket({ symbol: '', base: 'A', quote: 'B', tickSize: 1, lotStep: 1 })).field,
    ).toBe('market.symbol');
  });
});

describe('newOrder', () => {
  it('starts pending_new with nothing filled, version 1', () => {
    const order = newOrder(parseOrderIntent(base), 'c-1', 1_700_000_000_000);
    expect(order).toMatchObject({
      clientOrderId: 'c-1',
      status: 'pending_new',
      version: 1,
      createdAt: 1_700_000_000_000,
    });
    expect(order.filledQuantity.isZero()).toBe(true);
    expect(order.price?.toString()).toBe('60000.1');
    expect('stopPrice' in order).toBe(false);
  });
});

describe('validateForMarket minimum notional around powers of ten', () => {
  const tenMin = defineMarket({
    symbol: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    tickSize: '0.01',
    lotStep: '0.00001',
    minNotional: 10,
  });
  const limit = (quantity: string, price: string) =>
    parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity, price });

  it('refuses a notional just below the minimum and accepts one at or far above it', () => {
    expect(fieldOf(() => validateForMarket(limit('0.1', '99.99'), tenMin))).toMatchObject({
      field: 'notional',
      message: 'notional 9.999 (quantity * price) is below the minimum 10',
    });
    expect(() => validateForMarket(limit('0.1', '100'), tenMin)).not.toThrow();
    expect(() => validateForMarket(limit('0.99999', '99.99'), tenMin)).not.toThrow();
    expect(() => validateForMarket(limit('1', '100'), tenMin)).not.toThrow();
    expect(fieldOf(() => validateForMarket(limit('0.00001', '999999.99'), tenMin)).field).toBe('notional');
  });
});
