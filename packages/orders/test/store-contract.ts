import { Decimal } from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { isOrderError } from '../src/errors.js';
import { newOrder, parseOrderIntent } from '../src/model/intent.js';
import { applyFillToOrder, transitionOrder } from '../src/model/order-ops.js';
import type { Fill, Order } from '../src/model/types.js';
import type { OrderStore } from '../src/store/order-store.js';

/** A store under test plus, for durable stores, a way to close it and open the same data again. */
export interface StoreHarness {
  store: OrderStore;
  reopen?: () => Promise<OrderStore>;
}

function limit(id: string, symbol = 'BTC/USDT', at = 1): Order {
  return newOrder(
    parseOrderIntent({
      symbol,
      side: 'buy',
      type: 'stop_limit',
      quantity: '0.12345678',
      price: '60000.01',
      stopPrice: '59999.99',
      timeInForce: 'GTC',
      reduceOnly: true,
    }),
    id,
    at,
  );
}

function fillOf(order: Order, tradeId: string, quantity: string): Fill {
  return {
    tradeId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    quantity: new Decimal(quantity),
    price: new Decimal('60000.01'),
    fee: new Decimal('0.0000001'),
    feeCurrency: 'USDT',
    liquidity: 'maker',
    timestamp: 42,
  };
}

function errorCode(error: unknown): string | undefined {
  return isOrderError(error) ? error.code : undefined;
}

/** The contract every OrderStore adapter must pass. */
export function describeOrderStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`OrderStore contract: ${name}`, () => {
    const opened: OrderStore[] = [];
    async function harness(): Promise<StoreHarness> {
      const h = await open();
      opened.push(h.store);
      return h;
    }
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('round-trips every field of an order exactly (decimals as decimals)', async () => {
      const { store } = await harness();
      const order = limit('a-1');
      expect(await store.insert(order)).toEqual({ inserted: true, order });
      const got = await store.get('a-1');
      expect(got).toEqual(order);
      expect(got?.quantity.toString()).toBe('0.12345678');
      expect(await store.get('missing')).toBeUndefined();
    });

    it('makes insert idempotent by client order id and returns the stored order', async () => {
      const { store } = await harness();
      const first = limit('dup', 'BTC/USDT', 1);
      await store.insert(first);
      const second = await store.insert(limit('dup', 'ETH/USDT', 2));
      expect(second.inserted).toBe(false);
      expect(second.order.symbol).toBe('BTC/USDT');
      expect(await store.list()).toHaveLength(1);
    });

    it('updates with optimistic concurrency and finds orders by venue id', async () => {
      const { store } = await harness();
      const order = limit('b-1');
      await store.insert(order);
      const acked = transitionOrder(order, 'new', 5, { venueOrderId: 'V-9' });
      await store.update(acked, 1);
      expect((await store.get('b-1'))?.status).toBe('new');
      expect((await store.getByVenueId('V-9'))?.clientOrderId).toBe('b-1');
      expect(await store.getByVenueId('V-0')).toBeUndefined();
      let error: unknown;
      try {
        await store.update(transitionOrder(acked, 'canceled', 6), 1);
      } catch (e) {
        error = e;
      }
      expect(errorCode(error)).toBe('version_conflict');
      expect((await store.get('b-1'))?.status).toBe('new');
      await expect(store.update(limit('nope'), 1)).rejects.toMatchObject({ code: 'order_not_found' });
    });

    it('records a fill with its order once per trade id', async () => {
      const { store } = await harness();
      const order = transitionOrder(limit('c-1'), 'new', 2);
      await store.insert(limit('c-1'));
      await store.update(order, 1);
      const fill = fillOf(order, 'T-1', '0.1');
      const after = applyFillToOrder(order, fill);
      expect(await store.recordFill(fill, after, order.version)).toBe(true);
      expect(await store.recordFill(fill, { ...after, version: after.version + 1 }, after.version)).toBe(
        false,
      );
      expect(await store.fills('c-1')).toEqual([fill]);
      expect(await store.fills()).toHaveLength(1);
      expect(await store.fills('other')).toEqual([]);
      const stored = await store.get('c-1');
      expect(stored?.filledQuantity.toString()).toBe('0.1');
      expect(stored?.status).toBe('partially_filled');
    });

    it('writes nothing for a fill whose order version conflicts', async () => {
      const { store } = await harness();
      const order = limit('d-1');
      await store.insert(order);
      const fill = fillOf(order, 'T-2', '0.1');
      await expect(store.recordFill(fill, applyFillToOrder(order, fill), 7)).rejects.toMatchObject({
        code: 'version_conflict',
      });
      expect(await store.fills()).toEqual([]);
      expect((await store.get('d-1'))?.filledQuantity.toString()).toBe('0');
    });

    it('lists by open/closed, status and symbol, oldest first', async () => {
      const { store } = await harness();
      const ids = ['o-1', 'o-2', 'o-3', 'o-4'];
      for (const [i, id] of ids.entries()) await store.insert(limit(id, i % 2 ? 'ETH/USDT' : 'BTC/USDT', i));
      const o2 = (await store.get('o-2')) as Order;
      await store.update(transitionOrder(o2, 'rejected', 9), o2.version);
      const o3 = (await store.get('o-3')) as Order;
      await store.update(transitionOrder(o3, 'new', 9), o3.version);
      expect((await store.list()).map((o) => o.clientOrderId)).toEqual(ids);
      expect((await store.list({ open: true })).map((o) => o.clientOrderId)).toEqual(['o-1', 'o-3', 'o-4']);
      expect((await store.list({ open: false })).map((o) => o.clientOrderId)).toEqual(['o-2']);
      expect((await store.list({ symbol: 'ETH/USDT' })).map((o) => o.clientOrderId)).toEqual(['o-2', 'o-4']);
      expect((await store.list({ statuses: ['new', 'rejected'] })).map((o) => o.clientOrderId)).toEqual([
        'o-2',
        'o-3',
      ]);
      expect(await store.list({ statuses: [] })).toEqual([]);
      expect((await store.list({ symbol: 'ETH/USDT', open: true })).map((o) => o.clientOrderId)).toEqual([
        'o-4',
      ]);
    });

    it('keeps everything across close and reopen (durable stores)', async (ctx) => {
      const h = await harness();
      if (!h.reopen) {
        ctx.skip();
        return;
      }
      const order = transitionOrder(limit('e-1'), 'new', 3, { venueOrderId: 'V-1' });
      await h.store.insert(limit('e-1'));
      await h.store.update(order, 1);
      const fill = fillOf(order, 'T-9', '0.12345678');
      await h.store.recordFill(fill, applyFillToOrder(order, fill), order.version);
      await h.store.close();
      const again = await h.reopen();
      opened.push(again);
      expect((await again.get('e-1'))?.status).toBe('filled');
      expect(await again.fills('e-1')).toEqual([fill]);
    });
  });
}
