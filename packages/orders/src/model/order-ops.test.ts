import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, OrderError } from '../errors.js';
import { newOrder, parseOrderIntent } from './intent.js';
import { applyFillToOrder, transitionOrder } from './order-ops.js';
import type { Fill, Order } from './types.js';

const order = newOrder(
  parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: 3, price: 100 }),
  'c-1',
  0,
);

function fill(quantity: number, price: number, id: string, fee = '0.1'): Fill {
  return {
    tradeId: id,
    clientOrderId: 'c-1',
    symbol: 'BTC/USDT',
    side: 'buy',
    quantity: new Decimal(quantity),
    price: new Decimal(price),
    fee: new Decimal(fee),
    feeCurrency: 'USDT',
    liquidity: 'maker',
    timestamp: 10,
  };
}

function at(status: Order['status']): Order {
  return { ...order, status };
}

describe('transitionOrder', () => {
  it('moves along the table, recording venue id and bumping the version', () => {
    const acked = transitionOrder(order, 'new', 5, { venueOrderId: 'v1' });
    expect(acked).toMatchObject({ status: 'new', venueOrderId: 'v1', updatedAt: 5, version: 2 });
    expect(order.status).toBe('pending_new');
  });

  it('throws IllegalTransitionError for a cancel of a filled order', () => {
    expect(() => transitionOrder(at('filled'), 'canceled', 1)).toThrow(IllegalTransitionError);
  });
});

describe('applyFillToOrder', () => {
  it('accumulates quantity, volume-weighted average price and fees', () => {
    const a = applyFillToOrder(at('new'), fill(1, 100, 't1'));
    expect(a.status).toBe('partially_filled');
    const b = applyFillToOrder(a, fill(2, 97, 't2', '0.2'));
    expect(b.status).toBe('filled');
    expect(b.filledQuantity.toString()).toBe('3');
    expect(b.averageFillPrice?.toString()).toBe('98'); // (100 + 2 * 97) / 3
    expect(b.fees.toString()).toBe('0.3');
    expect(b.version).toBe(3);
  });

  it('takes the fill price as the average of an exact first fill, and the fee as the fees (no arithmetic)', () => {
    const first = fill(1, 100, 't1');
    const a = applyFillToOrder(at('new'), first);
    expect(a.averageFillPrice).toBe(first.price);
    expect(a.filledQuantity).toBe(first.quantity);
    expect(a.fees).toBe(first.fee);
  });

  it('divides the rounded notional when a first fill has more digits than the precision', () => {
    // 1.5 * 0.77777777777777777777 = 1.166666666666666666655, rounded to 20 digits 1.1666666666666666667;
    // / 1.5 = 0.77777777777777777780 -> 0.7777777777777777778, not the fill price
    const big = newOrder(
      parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '1.5' }),
      'c-2',
      0,
    );
    const priced: Fill = {
      ...fill(1, 1, 't1'),
      clientOrderId: 'c-2',
      quantity: new Decimal('1.5'),
      price: new Decimal('0.77777777777777777777'),
    };
    const a = applyFillToOrder(big, priced);
    expect(a.status).toBe('filled');
    expect(a.averageFillPrice?.toString()).toBe('0.7777777777777777778');
  });

  it('fills straight from pending_new (fill reported before the ack)', () => {
    expect(applyFillToOrder(order, fill(3, 100, 't1')).status).toBe('filled');
  });

  it('keeps pending_cancel on a partial fill and goes to filled on a complete one', () => {
    expect(applyFillToOrder(at('pending_cancel'), fill(1, 100, 't1')).status).toBe('pending_cancel');
    expect(applyFillToOrder(at('pending_replace'), fill(1, 100, 't1')).status).toBe('pending_replace');
    expect(applyFillToOrder(at('pending_cancel'), fill(3, 100, 't1')).status).toBe('filled');
  });

  it('handles a late fill after cancel: partial stays canceled with the quantity recorded, complete becomes filled', () => {
    const partial = applyFillToOrder(at('canceled'), fill(1, 100, 't1'));
    expect(partial.status).toBe('canceled');
    expect(partial.filledQuantity.toString()).toBe('1');
    expect(applyFillToOrder(partial, fill(2, 100, 't2')).status).toBe('filled');
  });

  it('refuses fills beyond the ordered quantity', () => {
    let error: unknown;
    try {
      applyFillToOrder(at('new'), fill(4, 100, 't1'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OrderError);
    expect((error as OrderError).code).toBe('overfill');
  });

  it('refuses fills on rejected or denied orders and fills of another side', () => {
    expect(() => applyFillToOrder(at('rejected'), fill(1, 100, 't1'))).toThrow(IllegalTransitionError);
    expect(() => applyFillToOrder(at('denied'), fill(1, 100, 't1'))).toThrow(IllegalTransitionError);
    expect(() => applyFillToOrder(at('new'), { ...fill(1, 100, 't1'), side: 'sell' })).toThrow(
      /does not match/,
    );
  });
});
