import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { OrderManager } from '../src/manager/order-manager.js';
import type { Order } from '../src/model/types.js';
import { PaperExchange, type PaperExchangeOptions } from '../src/paper/paper-exchange.js';
import { Portfolio } from '../src/position/portfolio.js';
import { SqliteOrderStore } from '../src/sqlite/sqlite-store.js';
import { MemoryOrderStore } from '../src/store/memory-store.js';
import type { OrderStore } from '../src/store/order-store.js';
import { btcBars, btcMarket } from './fixtures.js';

// Restarts of a process that keeps its order store but whose paper venue lives in memory (examples/paper-bot).
const bars = btcBars();
function bar(i: number) {
  const b = bars[i];
  if (!b) throw new Error(`fixture has no bar ${i}`);
  return b;
}
const clock = { now: () => 1_722_744_000_000 };
const START = { USDT: 100_000 } as const;
const FEE = '0.001';

function venue(extra: Partial<PaperExchangeOptions> = {}): PaperExchange {
  return new PaperExchange({
    markets: [btcMarket],
    balances: START,
    fillModel: { takerFeeRate: FEE, makerFeeRate: FEE },
    ...extra,
  });
}

async function run(exchange: PaperExchange, store: OrderStore, seed: number) {
  const manager = new OrderManager({ exchange, store, clock, seed, portfolio: new Portfolio(START) });
  const report = await manager.start();
  return { manager, report };
}

/** First run: a filled market buy of 0.1 BTC at bar 1's open, then a reduce-only limit sell resting above. */
async function firstRun(store: OrderStore) {
  const exchange = venue();
  const { manager } = await run(exchange, store, 1);
  exchange.onBar(bar(0));
  const buy = await manager.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.1' });
  exchange.onBar(bar(1));
  await manager.idle();
  const sell = await manager.create({
    symbol: 'BTC/USDT',
    side: 'sell',
    type: 'limit',
    quantity: '0.1',
    price: '70000',
    reduceOnly: true,
  });
  manager.stop();
  return { exchange, buy: (await store.get(buy.clientOrderId)) as Order, sell };
}

async function restoreFrom(store: OrderStore) {
  return {
    fills: await store.fills(),
    openOrders: await store.list({ open: true }),
    issuedVenueOrderIds: (await store.list()).map((o) => o.venueOrderId),
  };
}

const stores = [
  ['memory', () => new MemoryOrderStore()],
  ['sqlite', () => SqliteOrderStore.open(':memory:')],
] as const;

describe.each(stores)('restart with a %s store: venue order ids', (_name, makeStore) => {
  it('a fill of a new order whose venue id repeats a stored one is recorded for the right order with its fee', async () => {
    const store = makeStore();
    const { buy } = await firstRun(store);
    expect(buy.status).toBe('filled');
    // Restart with the same seed and no restore: the venue issues the ids of the first run again.
    const exchange = venue();
    const { manager } = await run(exchange, store, 2);
    exchange.onBar(bar(2));
    const order = await manager.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.05' });
    expect(order.venueOrderId).toBe(buy.venueOrderId);
    // while it works, its (reused) venue id resolves to it, not to the filled order of the first run
    expect((await manager.get(order.venueOrderId ?? ''))?.clientOrderId).toBe(order.clientOrderId);
    exchange.onBar(bar(3));
    await manager.idle();

    const open = new Decimal(bar(3).open);
    const fills = await store.fills(order.clientOrderId);
    expect(fills).toHaveLength(1);
    expect(fills[0]?.tradeId).toBe(`${order.clientOrderId}:${buy.venueOrderId}-1`);
    expect(fills[0]?.price.toString()).toBe(open.toString());
    expect(fills[0]?.fee.toString()).toBe(open.mul('0.05').mul(FEE).toString());
    expect((await store.get(order.clientOrderId))?.status).toBe('filled');
    // the first order keeps its single fill
    expect(await store.fills(buy.clientOrderId)).toHaveLength(1);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.15');
  });

  it('a restored venue continues the id sequence; venueIdPrefix sets the namespace', async () => {
    const store = makeStore();
    const { buy, sell } = await firstRun(store);
    const restored = venue({ restore: await restoreFrom(store) });
    restored.onBar(bar(2));
    const next = await restored.submit({ ...buy, clientOrderId: 'after-restart', status: 'pending_new' });
    const tag = buy.venueOrderId?.split('-')[0];
    expect([buy.venueOrderId, sell.venueOrderId]).toEqual([`${tag}-1`, `${tag}-2`]);
    expect(next.venueOrderId).toBe(`${tag}-3`);

    const named = venue({ venueIdPrefix: 'run2' });
    const report = await named.submit({ ...buy, clientOrderId: 'named', status: 'pending_new' });
    expect(report.venueOrderId).toBe('run2-1');
  });
});

describe.each(stores)('restart with a %s store: restoring the paper venue', (_name, makeStore) => {
  it('restores balances, positions and open orders: reconciliation keeps the order, reduce-only sells are accepted', async () => {
    const store = makeStore();
    const { exchange: before, sell } = await firstRun(store);
    const exchange = venue({ restore: await restoreFrom(store) });
    expect(exchange.portfolio.snapshot()).toEqual(before.portfolio.snapshot());
    expect((await exchange.fetchOrder(sell.clientOrderId))?.venueOrderId).toBe(sell.venueOrderId);

    const { manager, report } = await run(exchange, store, 2);
    expect(report).toMatchObject({ checked: 1, fillsApplied: 0, statusChanges: [], resolvedUnknown: [] });
    expect(manager.portfolio.snapshot()).toEqual(exchange.portfolio.snapshot());

    exchange.onBar(bar(2));
    const exit = await manager.create({
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      quantity: '0.04',
      reduceOnly: true,
    });
    expect(exit.status).toBe('new');
    exchange.onBar(bar(3));
    await manager.idle();
    expect((await manager.get(exit.clientOrderId))?.status).toBe('filled');
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.06');
    expect(manager.portfolio.snapshot()).toEqual(exchange.portfolio.snapshot());

    // the restored resting sell is still working at the venue under its venue id and can be canceled
    const canceled = await manager.cancel(sell.venueOrderId ?? '');
    expect(canceled).toMatchObject({ clientOrderId: sell.clientOrderId, status: 'canceled' });
  });
});

describe.each(stores)(
  'restart with a %s store: the venue rejects an order the store holds as new',
  (_name, makeStore) => {
    it('reconciliation closes it as canceled with the venue reason and reports it instead of throwing', async () => {
      const store = makeStore();
      const { sell } = await firstRun(store);
      expect(sell.status).toBe('new');
      // A venue restored with balances only has no position: resubmitting the reduce-only sell is rejected.
      const exchange = venue({
        balances: await venue({ restore: await restoreFrom(store) }).fetchBalances(),
      });
      expect(exchange.submitSync(sell).status).toBe('rejected');

      const { manager, report } = await run(exchange, store, 2);
      expect(report.statusChanges).toEqual([
        { clientOrderId: sell.clientOrderId, from: 'new', to: 'canceled' },
      ]);
      expect(report.rejectedByVenue).toEqual([
        {
          clientOrderId: sell.clientOrderId,
          from: 'new',
          reasonCode: 'reduce_only',
          reason: 'reduce-only sell of 0.1 would increase the position 0',
        },
      ]);
      const stored = await manager.get(sell.clientOrderId);
      expect(stored).toMatchObject({ status: 'canceled', reasonCode: 'reduce_only' });
      expect(await manager.list({ open: true })).toEqual([]);
    });
  },
);
