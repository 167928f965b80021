import { describe, expect, it } from 'vitest';
import { describeOrderStoreContract } from '../../test/store-contract.js';
import { isOrderError } from '../errors.js';
import { newOrder, parseOrderIntent } from '../model/intent.js';
import { transitionOrder } from '../model/order-ops.js';
import type { Order } from '../model/types.js';
import { MemoryOrderStore } from './memory-store.js';

describeOrderStoreContract('memory', async () => ({ store: new MemoryOrderStore() }));

function order(id: string): Order {
  return newOrder(
    parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.5', price: '60000' }),
    id,
    1,
  );
}

describe('MemoryOrderStore synchronous methods and open list', () => {
  it('inserts idempotently, reads and updates without a promise, refusing a stale version', () => {
    const store = new MemoryOrderStore();
    const a = order('a');
    expect(store.insertSync(a)).toEqual({ inserted: true, order: a });
    expect(store.insertSync(order('a'))).toEqual({ inserted: false, order: a });
    const acked = transitionOrder(a, 'new', 2, { venueOrderId: 'V-1' });
    store.updateSync(acked, 1);
    expect(store.getSync('a')).toBe(acked);
    expect(store.getSync('missing')).toBeUndefined();
    let error: unknown;
    try {
      store.updateSync(transitionOrder(acked, 'canceled', 3), 1);
    } catch (caught) {
      error = caught;
    }
    expect(isOrderError(error) && error.code).toBe('version_conflict');
  });

  it('lists open orders oldest first, dropping closed ones and listing a reopened order once', async () => {
    const store = new MemoryOrderStore();
    const [a, b, c] = [order('a'), order('b'), order('c')];
    for (const o of [a, b, c]) await store.insert(o);
    const canceledB = transitionOrder(transitionOrder(b, 'new', 2), 'canceled', 3);
    await store.update(canceledB, 1);
    expect((await store.list({ open: true })).map((o) => o.clientOrderId)).toEqual(['a', 'c']);
    // a store does not enforce the lifecycle: an order stored closed then open again is open once
    const canceledA = transitionOrder(transitionOrder(a, 'new', 2), 'canceled', 3);
    await store.update(canceledA, 1);
    await store.update({ ...canceledA, status: 'new', version: canceledA.version + 1 }, canceledA.version);
    await store.update({ ...canceledB, status: 'new', version: canceledB.version + 1 }, canceledB.version);
    expect((await store.list({ open: true })).map((o) => o.clientOrderId)).toEqual(['a', 'c', 'b']);
    expect((await store.list({ open: false })).map((o) => o.clientOrderId)).toEqual([]);
  });

  it('finds an order by each venue id it was given, the latest holder of a reused venue id winning', async () => {
    const store = new MemoryOrderStore();
    const [a, b] = [order('a'), order('b')];
    await store.insert(a);
    await store.insert(b);
    const ackedA = transitionOrder(a, 'new', 2, { venueOrderId: 'V-1' });
    await store.update(ackedA, 1);
    expect((await store.getByVenueId('V-1'))?.clientOrderId).toBe('a');
    await store.update({ ...ackedA, venueOrderId: 'V-2', version: ackedA.version + 1 }, ackedA.version);
    await store.update(transitionOrder(b, 'new', 2, { venueOrderId: 'V-1' }), 1);
    expect((await store.getByVenueId('V-2'))?.clientOrderId).toBe('a');
    expect((await store.getByVenueId('V-1'))?.clientOrderId).toBe('b');
    expect(await store.getByVenueId('V-3')).toBeUndefined();
  });
});
