import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { btcBars, btcMarket } from '../../test/fixtures.js';
import { ScriptedExchange } from '../../test/scripted-exchange.js';
import { OrderNotFoundError, OrderStateError, OrderValidationError } from '../errors.js';
import type { Exchange } from '../exchange/exchange.js';
import type { OrderIntent } from '../model/intent.js';
import type { Fill, Order } from '../model/types.js';
import { PaperExchange } from '../paper/paper-exchange.js';
import { Portfolio } from '../position/portfolio.js';
import { MemoryOrderStore } from '../store/memory-store.js';
import type { OrderManagerEvent } from './events.js';
import { OrderManager, type OrderManagerOptions } from './order-manager.js';
import type { PreTradeSnapshot } from './pre-trade.js';

const bars = btcBars();
const clock = { now: () => 1_722_744_000_000 };

function paper() {
  return new PaperExchange({
    markets: [btcMarket],
    balances: { USDT: 100_000, BTC: 1 },
    fillModel: { takerFeeRate: '0.001' },
  });
}

async function setup(extra: Partial<OrderManagerOptions> = {}) {
  const exchange = extra.exchange ?? paper();
  const store = extra.store ?? new MemoryOrderStore();
  const manager = new OrderManager({
    exchange,
    store,
    clock,
    portfolio: new Portfolio({ USDT: 100_000, BTC: 1 }),
    ...extra,
  });
  const events: OrderManagerEvent[] = [];
  manager.onAny((e) => events.push(e));
  await manager.start();
  return { exchange, store, manager, events };
}

const buyLimit = { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.1', price: '60300' } as const;

function describeEvent(e: OrderManagerEvent): string {
  switch (e.type) {
    case 'order_status':
      return `status ${e.from}->${e.order.status}`;
    case 'fill':
      return `fill ${e.fill.quantity}@${e.fill.price}`;
    case 'error':
      return `error ${String(e.error)}`;
    default:
      return `${e.type} ${e.order.status}`;
  }
}

describe('OrderManager.create', () => {
  it('persists, submits, then applies fills from price events to the order and the portfolio, emitting each change', async () => {
    const { exchange, manager, events } = await setup();
    const order = await manager.create({ ...buyLimit, clientOrderId: 'o-1' });
    expect(order.status).toBe('new');
    expect(order.venueOrderId).toBeDefined();
    for (const bar of bars.slice(0, 4)) (exchange as PaperExchange).onBar(bar);
    await manager.idle();
    const filled = await manager.get('o-1');
    expect(filled?.status).toBe('filled');
    expect(filled?.averageFillPrice?.toString()).toBe('60300');
    expect(events.map(describeEvent)).toEqual([
      'order_created pending_new',
      'status pending_new->new',
      'fill 0.1@60300',
      'status new->filled',
    ]);
    const position = manager.portfolio.position('BTC/USDT');
    expect(position.quantity.toString()).toBe('0.1'); // the position counts fills only
    expect(manager.portfolio.balance('BTC').toString()).toBe('1.1'); // the balance includes the starting 1 BTC
    expect(manager.portfolio.balance('USDT').toString()).toBe('93970'); // maker fill: maker fee rate is 0
  });

  it('is idempotent by client order id: the venue sees one order', async () => {
    const exchange = new ScriptedExchange();
    const { manager } = await setup({ exchange });
    const [a, b] = await Promise.all([
      manager.create({ ...buyLimit, clientOrderId: 'same' }),
      manager.create({ ...buyLimit, clientOrderId: 'same' }),
    ]);
    const c = await manager.create({ ...buyLimit, clientOrderId: 'same', quantity: 5 });
    expect([a.clientOrderId, b.clientOrderId, c.quantity.toString()]).toEqual(['same', 'same', '0.1']);
    expect(exchange.calls).toEqual(['submit same']);
  });

  it('uses a store that is not a plain MemoryOrderStore through its asynchronous interface', async () => {
    const calls: string[] = [];
    class CountingStore extends MemoryOrderStore {
      override async insert(order: Order) {
        calls.push(`insert ${order.status}`);
        return super.insert(order);
      }
      override async update(order: Order, expectedVersion: number) {
        calls.push(`update ${order.status}`);
        return super.update(order, expectedVersion);
      }
    }
    const { manager } = await setup({ store: new CountingStore() });
    const [a, b] = await Promise.all([
      manager.create({ ...buyLimit, clientOrderId: 'c-1' }),
      manager.create({ ...buyLimit, clientOrderId: 'c-1' }),
    ]);
    expect([a.status, b.status]).toEqual(['new', 'new']);
    expect(calls).toEqual(['insert pending_new', 'update new']);
  });

  it('queues operations on one order behind each other', async () => {
    const { manager, store } = await setup();
    await manager.create({ ...buyLimit, clientOrderId: 'q-1' });
    const [modified, canceled] = await Promise.all([
      manager.modify('q-1', { price: '60200' }),
      manager.cancel('q-1'),
    ]);
    // the cancel waited for the modification to finish: it started from `new`, not from `pending_replace`
    expect([modified.status, modified.price?.toString(), canceled.status]).toEqual([
      'new',
      '60200',
      'canceled',
    ]);
    expect((await store.get('q-1'))?.status).toBe('canceled');
  });

  it('generates distinct client order ids when none is given', async () => {
    const { manager } = await setup({ exchange: new ScriptedExchange(), seed: 5 });
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await manager.create(buyLimit)).clientOrderId);
    expect(ids.size).toBe(20);
  });

  it('stores the intent as pending_new before the venue is called', async () => {
    const store = new MemoryOrderStore();
    const exchange = new ScriptedExchange();
    const seen: (string | undefined)[] = [];
    exchange.nextSubmit = (order) => {
      void store.get(order.clientOrderId).then((o) => seen.push(o?.status));
      return {
        clientOrderId: order.clientOrderId,
        venueOrderId: 'V1',
        symbol: order.symbol,
        status: 'new',
        filledQuantity: new Decimal(0),
        quantity: order.quantity,
        fills: [],
        timestamp: 1,
      };
    };
    const { manager } = await setup({ exchange, store });
    await manager.create({ ...buyLimit, clientOrderId: 'p-1' });
    expect(seen).toEqual(['pending_new']);
  });

  it('turns a refused pre-trade check into a denied order with the reason, without calling the venue', async () => {
    const exchange = new ScriptedExchange();
    const snapshots: PreTradeSnapshot[] = [];
    const intents: OrderIntent[] = [];
    const { manager, events } = await setup({
      exchange,
      preTradeCheck: (intent, snapshot) => {
        intents.push(intent);
        snapshots.push(snapshot);
        return intent.quantity.gt(1)
          ? { ok: false, code: 'max_quantity', reason: `quantity ${intent.quantity} > 1` }
          : { ok: true };
      },
    });
    await manager.create({ ...buyLimit, clientOrderId: 'ok-1' });
    const denied = await manager.create({ ...buyLimit, quantity: 2, clientOrderId: 'big' });
    expect(denied).toMatchObject({ status: 'denied', reasonCode: 'max_quantity', reason: 'quantity 2 > 1' });
    expect(exchange.calls).toEqual(['submit ok-1']);
    expect((await manager.get('big'))?.status).toBe('denied');
    expect(events.filter((e) => e.type === 'order_denied')).toHaveLength(1);
    expect(snapshots[1]?.openOrders.map((o) => o.clientOrderId)).toEqual(['ok-1']);
    expect(snapshots[1]?.portfolio.balances['USDT']?.toString()).toBe('100000');
    expect(snapshots[1]?.now).toBe(clock.now());
    expect(intents[1]?.quantity.toString()).toBe('2');
  });

  it('refuses invalid intents with OrderValidationError naming the field, storing nothing', async () => {
    const { manager, store } = await setup({ exchange: new ScriptedExchange() });
    await expect(manager.create({ ...buyLimit, price: '60300.001' })).rejects.toMatchObject({
      field: 'price',
    });
    await expect(manager.create({ ...buyLimit, quantity: 0 })).rejects.toBeInstanceOf(OrderValidationError);
    expect(await store.list()).toEqual([]);
  });

  it('records a venue rejection with its reason', async () => {
    const { exchange, manager } = await setup();
    (exchange as PaperExchange).onBar(bars[0] as never);
    const order = await manager.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: 5 });
    expect(order).toMatchObject({ status: 'rejected', reasonCode: 'insufficient_balance' });
  });

  it('leaves the order pending_new when the venue call fails, and reconcile resubmits it once', async () => {
    const exchange = new ScriptedExchange();
    const { manager } = await setup({ exchange });
    exchange.nextSubmit = new Error('socket hang up');
    await expect(manager.create({ ...buyLimit, clientOrderId: 'net-1' })).rejects.toThrow('socket hang up');
    expect((await manager.get('net-1'))?.status).toBe('pending_new');
    const report = await manager.reconcile();
    expect(report.resubmitted).toEqual(['net-1']);
    expect(report.statusChanges).toEqual([{ clientOrderId: 'net-1', from: 'pending_new', to: 'new' }]);
    expect(exchange.calls.filter((c) => c.startsWith('submit'))).toEqual(['submit net-1', 'submit net-1']);
    expect((await manager.get('net-1'))?.status).toBe('new');
  });
});

describe('OrderManager.modify / cancel / list', () => {
  it('modifies price and quantity through pending_replace', async () => {
    const { manager, events, exchange } = await setup();
    await manager.create({ ...buyLimit, clientOrderId: 'm-1' });
    const modified = await manager.modify('m-1', { price: '60400', quantity: '0.2' });
    expect([modified.status, modified.price?.toString(), modified.quantity.toString()]).toEqual([
      'new',
      '60400',
      '0.2',
    ]);
    expect(events.map(describeEvent).slice(2)).toEqual([
      'status new->pending_replace',
      'status pending_replace->new',
    ]);
    for (const bar of bars.slice(0, 4)) (exchange as PaperExchange).onBar(bar);
    await manager.idle();
    expect((await manager.get('m-1'))?.filledQuantity.toString()).toBe('0.2');
    await expect(manager.modify('m-1', { price: '1' })).rejects.toBeInstanceOf(OrderStateError);
  });

  it('refuses a modification off the tick grid and restores the order when the venue refuses', async () => {
    const exchange = new ScriptedExchange();
    const { manager } = await setup({ exchange });
    await manager.create({ ...buyLimit, clientOrderId: 'm-2' });
    await expect(manager.modify('m-2', { price: '1.001' })).rejects.toMatchObject({ field: 'price' });
    exchange.modify = async () => {
      throw new Error('venue refused');
    };
    await expect(manager.modify('m-2', { price: '61000' })).rejects.toThrow('venue refused');
    const order = await manager.get('m-2');
    expect([order?.status, order?.price?.toString()]).toEqual(['new', '60300']);
  });

  it('cancels through pending_cancel, refuses to cancel twice, finds orders by venue id', async () => {
    const { manager, events } = await setup();
    const order = await manager.create({ ...buyLimit, clientOrderId: 'c-1' });
    const canceled = await manager.cancel(order.venueOrderId ?? '');
    expect(canceled.status).toBe('canceled');
    expect(events.map(describeEvent).slice(2)).toEqual([
      'status new->pending_cancel',
      'status pending_cancel->canceled',
    ]);
    await expect(manager.cancel('c-1')).rejects.toThrow('cannot cancel order "c-1": it is canceled');
    await expect(manager.cancel('nope')).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it('cancels all open orders, optionally by symbol, and lists by state', async () => {
    const exchange = new PaperExchange({
      markets: [btcMarket, { ...btcMarket, symbol: 'ETH/USDT', base: 'ETH' }],
      balances: { USDT: 1_000_000 },
    });
    const { manager } = await setup({ exchange });
    await manager.create({ ...buyLimit, clientOrderId: 'b-1' });
    await manager.create({ ...buyLimit, clientOrderId: 'b-2', price: '50000' });
    await manager.create({ ...buyLimit, clientOrderId: 'e-1', symbol: 'ETH/USDT', price: '2000' });
    await manager.create({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      quantity: '0.1',
      clientOrderId: 'mk',
    });
    exchange.onBar(bars[0] as never);
    await manager.idle();
    expect((await manager.list({ filled: true })).map((o) => o.clientOrderId)).toEqual(['mk']);
    expect((await manager.list({ open: true })).map((o) => o.clientOrderId)).toEqual(['b-1', 'b-2', 'e-1']);
    const canceled = await manager.cancelAll('BTC/USDT');
    expect(canceled.map((o) => `${o.clientOrderId}:${o.status}`)).toEqual(['b-1:canceled', 'b-2:canceled']);
    expect((await manager.list({ symbol: 'ETH/USDT' })).map((o) => o.status)).toEqual(['new']);
    expect((await manager.list({ status: 'canceled' })).length).toBe(2);
    expect((await manager.list({ status: ['canceled', 'filled'] })).length).toBe(3);
    await manager.cancelAll();
    expect(await manager.list({ open: true })).toEqual([]);
  });
});

describe('OrderManager: venue events', () => {
  const fill = (id: string, tradeId: string, quantity: string, price = '60000'): Fill => ({
    tradeId,
    clientOrderId: id,
    symbol: 'BTC/USDT',
    side: 'buy',
    quantity: new Decimal(quantity),
    price: new Decimal(price),
    fee: new Decimal('0.5'),
    feeCurrency: 'USDT',
    liquidity: 'maker',
    timestamp: 5,
  });

  it('applies a late fill after cancel: the order stays canceled until the fill completes it', async () => {
    const exchange = new ScriptedExchange();
    const { manager } = await setup({ exchange });
    await manager.create({ ...buyLimit, clientOrderId: 'late' });
    await manager.cancel('late');
    exchange.push({ type: 'fill', fill: fill('late', 'T1', '0.04') });
    await manager.idle();
    let order = await manager.get('late');
    expect([order?.status, order?.filledQuantity.toString()]).toEqual(['canceled', '0.04']);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.04');
    exchange.push({ type: 'fill', fill: fill('late', 'T2', '0.06') });
    await manager.idle();
    order = await manager.get('late');
    expect([order?.status, order?.filledQuantity.toString()]).toEqual(['filled', '0.1']);
  });

  it('applies each trade once even when the venue repeats it', async () => {
    const exchange = new ScriptedExchange();
    const { manager, events } = await setup({ exchange });
    await manager.create({ ...buyLimit, clientOrderId: 'dup' });
    exchange.push({ type: 'fill', fill: fill('dup', 'T1', '0.04') });
    exchange.push({ type: 'fill', fill: fill('dup', 'T1', '0.04') });
    await manager.idle();
    expect((await manager.get('dup'))?.filledQuantity.toString()).toBe('0.04');
    expect(events.filter((e) => e.type === 'fill')).toHaveLength(1);
  });

  it('derives a fill from a cumulative report (venue without trade details)', async () => {
    const exchange = new ScriptedExchange();
    const { manager } = await setup({ exchange });
    const order = await manager.create({ ...buyLimit, clientOrderId: 'cum' });
    exchange.push({
      type: 'order',
      report: {
        clientOrderId: 'cum',
        venueOrderId: order.venueOrderId ?? '',
        symbol: 'BTC/USDT',
        status: 'filled',
        filledQuantity: new Decimal('0.1'),
        quantity: new Decimal('0.1'),
        price: new Decimal('60300'),
        averageFillPrice: new Decimal('60250'),
        fills: [],
        timestamp: 9,
      },
    });
    await manager.idle();
    const done = await manager.get('cum');
    expect([done?.status, done?.averageFillPrice?.toString()]).toEqual(['filled', '60250']);
  });

  it('sizes a quote-sized order by its fills: past the requested quantity, applied once closed, at what filled', async () => {
    const exchange = new ScriptedExchange();
    const { manager, events } = await setup({ exchange });
    const order = await manager.create({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      quantity: '0.1',
      clientOrderId: 'q',
    });
    const report = (status: 'partially_filled' | 'filled', filled: string, fills: Fill[]) => ({
      clientOrderId: 'q',
      venueOrderId: order.venueOrderId ?? '',
      symbol: 'BTC/USDT',
      status,
      filledQuantity: new Decimal(filled),
      quantity: new Decimal('0.1'),
      quoteQuantity: new Decimal('6030'),
      fills,
      timestamp: 9,
    });
    // fills above the requested 0.1 (the price fell) while the venue still works the order: no overfill, and
    // the order is not taken for complete; the report waits until the venue closes the order
    exchange.push({ type: 'order', report: report('partially_filled', '0.104', [fill('q', 'T1', '0.104')]) });
    await manager.idle();
    let current = await manager.get('q');
    expect([current?.status, current?.quantity.toString(), current?.filledQuantity.toString()]).toEqual([
      'new',
      '0.1',
      '0',
    ]);
    // the venue closes it after one more fill: the order is filled at what it bought
    exchange.push({
      type: 'order',
      report: report('filled', '0.105', [fill('q', 'T1', '0.104'), fill('q', 'T2', '0.001')]),
    });
    await manager.idle();
    current = await manager.get('q');
    expect([current?.status, current?.quantity.toString(), current?.filledQuantity.toString()]).toEqual([
      'filled',
      '0.105',
      '0.105',
    ]);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.105');
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('closes a quote-sized order that bought less than requested once the venue reports it filled', async () => {
    const exchange = new ScriptedExchange();
    const { manager } = await setup({ exchange });
    const order = await manager.create({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      quantity: '0.1',
      clientOrderId: 'q2',
    });
    exchange.push({ type: 'fill', fill: fill('q2', 'T1', '0.0995') });
    await manager.idle();
    expect((await manager.get('q2'))?.status).toBe('partially_filled');
    exchange.push({
      type: 'order',
      report: {
        clientOrderId: 'q2',
        venueOrderId: order.venueOrderId ?? '',
        symbol: 'BTC/USDT',
        status: 'filled',
        filledQuantity: new Decimal('0.0995'),
        quantity: new Decimal('0.0995'),
        quoteQuantity: new Decimal('6030'),
        fills: [],
        timestamp: 9,
      },
    });
    await manager.idle();
    const done = await manager.get('q2');
    expect([done?.status, done?.quantity.toString()]).toEqual(['filled', '0.0995']);
  });

  it('reports an event that breaks the lifecycle as an error event and keeps working', async () => {
    const exchange = new ScriptedExchange();
    const { manager, events } = await setup({ exchange });
    await manager.create({ ...buyLimit, clientOrderId: 'x' });
    exchange.push({ type: 'fill', fill: fill('x', 'T1', '5') });
    exchange.push({ type: 'fill', fill: fill('ghost', 'T2', '1') });
    await manager.idle();
    const errors = events.flatMap((e) => (e.type === 'error' ? [String(e.error)] : []));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('exceeds the remaining');
    expect(errors[1]).toContain('no order with id or clientOrderId "ghost"');
    expect((await manager.get('x'))?.status).toBe('new');
  });

  it('closes an acknowledged order the venue then reports rejected as canceled with the venue reason', async () => {
    const exchange = new ScriptedExchange();
    const { manager, events } = await setup({ exchange });
    const order = await manager.create({ ...buyLimit, clientOrderId: 'late-reject' });
    expect(order.status).toBe('new');
    exchange.push({
      type: 'order',
      report: {
        clientOrderId: 'late-reject',
        venueOrderId: order.venueOrderId ?? '',
        symbol: 'BTC/USDT',
        status: 'rejected',
        filledQuantity: new Decimal(0),
        quantity: new Decimal('0.1'),
        price: new Decimal('60300'),
        fills: [],
        reasonCode: 'margin_check',
        reason: 'insufficient margin',
        timestamp: 9,
      },
    });
    await manager.idle();
    expect(await manager.get('late-reject')).toMatchObject({
      status: 'canceled',
      reasonCode: 'margin_check',
      reason: 'insufficient margin',
    });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(events.map(describeEvent).slice(-1)).toEqual(['status new->canceled']);
  });

  it('delivers events to for-await consumers', async () => {
    const { manager, exchange } = await setup();
    const controller = new AbortController();
    const seen: string[] = [];
    const consumer = (async () => {
      for await (const event of manager.events(controller.signal)) {
        seen.push(event.type);
        if (event.type === 'fill') break;
      }
    })();
    await manager.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    (exchange as PaperExchange).onBar(bars[0] as never);
    await manager.idle();
    await consumer;
    expect(seen).toEqual(['order_created', 'order_status', 'fill']);
    const typed: string[] = [];
    manager.on('order_status', (e) => typed.push(`${e.from}->${e.order.status}`));
    const aborted = manager.events(controller.signal);
    controller.abort();
    expect(await aborted.next()).toEqual({ done: true, value: undefined });
    await manager.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    expect(typed).toEqual(['pending_new->new']);
  });
});

describe('OrderManager.start: reload and reconcile', () => {
  it('applies fills that happened while down, resolves unknown orders and reports untracked venue orders', async () => {
    const store = new MemoryOrderStore();
    const exchange = paper();
    const first = new OrderManager({ exchange, store, clock, seed: 1 });
    await first.start();
    await first.create({ ...buyLimit, clientOrderId: 'r-fill' });
    await first.create({ ...buyLimit, clientOrderId: 'r-open', price: '50000' });
    first.stop(); // crash: no more events reach the first manager
    for (const bar of bars.slice(0, 4)) exchange.onBar(bar);
    // an intent stored just before a crash, never sent; and an acknowledged order the venue lost
    const ghost = await store.get('r-open');
    if (!ghost) throw new Error('setup');
    await store.insert({
      ...ghost,
      clientOrderId: 'r-unsent',
      status: 'pending_new',
      venueOrderId: undefined as never,
      version: 1,
    });
    await store.insert({ ...ghost, clientOrderId: 'r-lost', venueOrderId: 'V-lost' });
    const { clientOrderId: _c, ...rest } = ghost;
    await exchange.submit({ ...rest, clientOrderId: 'foreign', status: 'pending_new' });

    const second = new OrderManager({ exchange, store, clock, portfolio: new Portfolio({ USDT: 100_000 }) });
    const report = await second.start();
    expect(report.checked).toBe(4);
    expect(report.fillsApplied).toBe(1);
    expect(report.statusChanges).toEqual([
      { clientOrderId: 'r-fill', from: 'new', to: 'filled' },
      { clientOrderId: 'r-unsent', from: 'pending_new', to: 'new' },
      { clientOrderId: 'r-lost', from: 'new', to: 'canceled' },
    ]);
    expect(report.resubmitted).toEqual(['r-unsent']);
    expect(report.resolvedUnknown).toEqual(['r-lost']);
    expect(report.untracked.map((r) => r.clientOrderId)).toEqual(['foreign']);
    expect(second.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.1');
    expect(second.portfolio.balance('USDT').toString()).toBe('93970'); // 100000 - 0.1 * 60300 (maker, no fee)
    expect((await second.get('r-lost'))?.reasonCode).toBe('unknown_to_venue');
    const again = await second.reconcile();
    expect(again.statusChanges).toEqual([]);
    expect(again.fillsApplied).toBe(0);
  });

  it('marks never-sent intents rejected when configured to', async () => {
    const store = new MemoryOrderStore();
    const exchange: Exchange = new ScriptedExchange();
    const seedManager = new OrderManager({ exchange, store, clock });
    exchange.submit = async () => {
      throw new Error('down');
    };
    await expect(seedManager.create({ ...buyLimit, clientOrderId: 'u-1' })).rejects.toThrow('down');
    const manager = new OrderManager({
      exchange: new ScriptedExchange(),
      store,
      clock,
      unknownPendingNew: 'reject',
    });
    const report = await manager.start();
    expect(report.resolvedUnknown).toEqual(['u-1']);
    expect((await manager.get('u-1'))?.status).toBe('rejected');
  });
});
