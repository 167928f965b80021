import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoinbaseServer } from '../../test/ccxt/coinbase-server.js';
import { LIMIT_BUY, orderFactory, recordedRetries, startedManager } from '../../test/ccxt/venue-support.js';
import { CcxtExchange } from './ccxt-exchange.js';

const recordedRequests = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../test/fixtures/ccxt/coinbase.request.json', import.meta.url)),
    'utf8',
  ),
) as { methods: Record<string, { description: string; output: string }[]> };

function recordedBody(description: string): Record<string, unknown> {
  const c = recordedRequests.methods['createOrder']?.find((x) => x.description === description);
  if (!c) throw new Error(`no recorded request ${description}`);
  return JSON.parse(c.output) as Record<string, unknown>;
}

function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
}

let server: CoinbaseServer;
let sleeps: number[];

function venue(timeout = 2000): CcxtExchange {
  const client = new ccxt.coinbase({
    apiKey: 'test-key',
    secret: 'test-secret',
    timeout,
    enableRateLimit: false,
  });
  client.urls['api'] = { rest: server.url };
  return new CcxtExchange(client, ccxt, {
    clientOrderIdLookup: 'fetchOrders',
    clientOrderIdParam: 'client_order_id',
    orderTradesParam: 'order_id',
    ...recordedRetries(sleeps),
  });
}

const order = orderFactory('cb');

beforeEach(async () => {
  server = new CoinbaseServer();
  sleeps = [];
  await server.start();
});
afterEach(async () => {
  await server.stop();
});

describe('CcxtExchange with the real ccxt coinbase client against a local Advanced-Trade-shaped server', () => {
  it('reads market rules from the products endpoint', async () => {
    const m = await venue().market('BTC/USDT');
    expect([m.tickSize.toString(), m.lotStep.toString()]).toEqual(['0.01', '1e-8']);
  });

  it('sends limit, post-only and stop-limit orders in the recorded request shapes, with our client order id', async () => {
    const v = venue();
    const limit = order();
    expect((await v.submit(limit)).status).toBe('new');
    await v.submit(order({ timeInForce: 'PO' }));
    await v.submit(order({ type: 'stop_limit', stopPrice: '59000', price: '59100' }));
    const [a, b, c] = server.createBodies;
    expect(shape(a)).toEqual(shape(recordedBody('spot limit buy')));
    expect(a).toMatchObject({
      client_order_id: limit.clientOrderId,
      product_id: 'BTC-USDT',
      side: 'BUY',
      order_configuration: { limit_limit_gtc: { base_size: '0.01', limit_price: '60000', post_only: false } },
    });
    expect(shape(b)).toEqual(shape(recordedBody('Spot limit buy with postOnly')));
    expect(b).toMatchObject({ order_configuration: { limit_limit_gtc: { post_only: true } } });
    expect(shape(c)).toEqual(shape(recordedBody('Spot limit buy with triggerPrice')));
    expect(c).toMatchObject({
      order_configuration: { stop_limit_stop_limit_gtc: { stop_price: '59000', limit_price: '59100' } },
    });
  });

  it('sees a filled market sell and a partial fill through fetchOrder by client order id', async () => {
    const v = venue();
    const sell = order({ type: 'market', side: 'sell', quantity: '0.02' });
    await v.submit(sell);
    const filled = await v.fetchOrder(sell.clientOrderId, 'BTC/USDT');
    expect([filled?.status, filled?.filledQuantity.toString(), filled?.averageFillPrice?.toString()]).toEqual(
      ['filled', '0.02', '60735'],
    );
    expect(
      filled?.fills.map((f) => [f.quantity.toString(), f.price.toString(), f.fee.toString(), f.liquidity]),
    ).toEqual([['0.02', '60735', '7.2882', 'taker']]);
    const limit = order({ quantity: '0.02' });
    await v.submit(limit);
    server.fill(limit.clientOrderId, 0.005, 60_000);
    const partial = await v.fetchOrder(limit.clientOrderId, 'BTC/USDT');
    expect([partial?.status, partial?.filledQuantity.toString()]).toEqual(['partially_filled', '0.005']);
    expect(await v.fetchOrder('unknown', 'BTC/USDT')).toBeUndefined();
  });

  it('cancels (reading the state back after the batch_cancel acknowledgement)', async () => {
    const v = venue();
    const o = order();
    const placed = await v.submit(o);
    const canceled = await v.cancel({ ...o, venueOrderId: placed.venueOrderId });
    expect(canceled.status).toBe('canceled');
    expect(server.orders.get(placed.venueOrderId)?.['status']).toBe('CANCELLED');
  });

  it('maps an INSUFFICIENT_FUND failure to a rejected report', async () => {
    server.reject = true;
    const report = await venue().submit(order());
    expect([report.status, report.reasonCode]).toEqual(['rejected', 'insufficient_funds']);
  });

  it('retries a timed-out create with the same client order id and ends with one order', async () => {
    server.delayNextCreateMs = 1500;
    const o = order();
    const report = await venue(300).submit(o);
    expect(report).toMatchObject({ clientOrderId: o.clientOrderId, status: 'new' });
    expect(server.orders.size).toBe(1);
    expect(sleeps).toEqual([10]);
  });

  it('lets an OrderManager reconcile a fill that happened at Coinbase', async () => {
    const manager = await startedManager(venue());
    const created = await manager.create(LIMIT_BUY);
    server.fill(created.clientOrderId, 0.01, 60_000);
    const report = await manager.reconcile();
    expect(report.statusChanges).toEqual([
      { clientOrderId: created.clientOrderId, from: 'new', to: 'filled' },
    ]);
    expect((await manager.get(created.clientOrderId))?.averageFillPrice?.toString()).toBe('60000');
  });
});
