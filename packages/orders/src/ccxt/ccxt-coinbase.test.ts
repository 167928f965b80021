import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoinbaseServer } from '../../test/ccxt/coinbase-server.js';
import { LIMIT_BUY, orderFactory, recordedRetries, startedManager } from '../../test/ccxt/venue-support.js';
import { CcxtExchange, type CcxtExchangeOptions } from './ccxt-exchange.js';

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

function venue(timeout = 2000, extra: CcxtExchangeOptions = {}): CcxtExchange {
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
    ...extra,
  });
}

const order = orderFactory('cb');

/** A market buy of 0.01 BTC, the quantity every quote-sizing case asks for. */
const MARKET_BUY = { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' } as const;

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

  it('sends a market buy as a quote amount: base × best ask, rounded up to the quote step, in the recorded shape', async () => {
    const v = venue();
    const buy = order({ type: 'market', quantity: '0.01' });
    const report = await v.submit(buy);
    const [body] = server.createBodies;
    expect(shape(body)).toEqual(shape(recordedBody('Spot market buy')));
    // 0.01 × 60735.5 = 607.355 -> 607.36 (quote step 0.01, rounded up)
    expect(body).toMatchObject({ order_configuration: { market_market_ioc: { quote_size: '607.36' } } });
    expect(server.tickerRequests).toBe(1);
    expect([report.status, report.quoteQuantity?.toString()]).toEqual(['new', '607.36']);
  });

  it('adds the configured buffer to the quote amount, and refuses a negative buffer', async () => {
    await venue(2000, { marketBuyBufferBps: 50 }).submit(order({ type: 'market', quantity: '0.01' }));
    // 607.355 × 1.005 = 610.391775 -> 610.40
    expect(server.createBodies[0]).toMatchObject({
      order_configuration: { market_market_ioc: { quote_size: '610.4' } },
    });
    expect(() => venue(2000, { marketBuyBufferBps: -1 })).toThrow(/marketBuyBufferBps/);
  });

  it('fills a market buy through OrderManager: the order closes filled at the base quantity the quote bought', async () => {
    server.marketPrice = 60_740; // the price moved up between the ticker and the fill
    const manager = await startedManager(venue());
    const created = await manager.create(MARKET_BUY);
    expect(created.status).toBe('new');
    const report = await manager.reconcile();
    // 607.36 / 60740 = 0.0099993414... -> 0.00999934 BTC (base increment 1e-8): less than the 0.01 requested
    const filled = await manager.get(created.clientOrderId);
    expect([filled?.status, filled?.quantity.toString(), filled?.filledQuantity.toString()]).toEqual([
      'filled',
      '0.00999934',
      '0.00999934',
    ]);
    expect(report.statusChanges).toEqual([
      { clientOrderId: created.clientOrderId, from: 'new', to: 'filled' },
    ]);
    expect(report.fillsApplied).toBe(1);
    const position = manager.portfolio.position('BTC/USDT');
    expect([position.quantity.toString(), position.averageEntryPrice.toString()]).toEqual([
      '0.00999934',
      '60740',
    ]);
    expect((await manager.reconcile()).fillsApplied, 'a second reconcile applies nothing').toBe(0);
  });

  it('takes a market buy that bought more than requested (price fell, buffer spent) as filled, without an overfill', async () => {
    server.marketPrice = 60_700;
    const manager = await startedManager(venue(2000, { marketBuyBufferBps: 50 }));
    const created = await manager.create(MARKET_BUY);
    await manager.reconcile();
    // 610.40 / 60700 = 0.010056013... -> 0.01005601 BTC
    const filled = await manager.get(created.clientOrderId);
    expect([filled?.status, filled?.quantity.toString(), filled?.filledQuantity.toString()]).toEqual([
      'filled',
      '0.01005601',
      '0.01005601',
    ]);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.01005601');
  });

  it('rejects a market buy without sending it when the ticker gives neither an ask nor a last price', async () => {
    server.bestAsk = Number.NaN;
    server.marketPrice = Number.NaN;
    const report = await venue().submit(order({ type: 'market', quantity: '0.01' }));
    expect([report.status, report.reasonCode]).toEqual(['rejected', 'no_reference_price']);
    expect(server.createBodies).toHaveLength(0);
  });

  it('rejects a market buy the venue refuses, with the reason', async () => {
    server.reject = true;
    const manager = await startedManager(venue());
    const created = await manager.create(MARKET_BUY);
    expect([created.status, created.reasonCode]).toEqual(['rejected', 'insufficient_funds']);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0');
  });

  it('retries a timed-out market buy with the same client order id and quote amount: one order, filled once', async () => {
    server.delayNextCreateMs = 1500;
    const manager = await startedManager(venue(300));
    const created = await manager.create(MARKET_BUY);
    expect(server.orders.size).toBe(1);
    expect(sleeps).toEqual([10]);
    // the retry found the order (already filled at the venue) by client order id instead of sending it again
    expect(server.createBodies).toHaveLength(1);
    expect(server.createBodies[0]).toMatchObject({
      order_configuration: { market_market_ioc: { quote_size: '607.36' } },
    });
    expect([created.status, created.quantity.toString()]).toEqual(['filled', '0.01000016']); // 607.36 / 60735
    await manager.reconcile();
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.01000016');
  });

  it('reconciles a market buy whose create never answered: the quote size is read back from the venue order', async () => {
    server.delayNextCreateMs = 1500;
    const manager = await startedManager(venue(300, { attempts: 1 }));
    await expect(
      manager.create({
        clientOrderId: 'cb-lost',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        quantity: '0.01',
      }),
    ).rejects.toMatchObject({ code: 'network' });
    expect((await manager.get('cb-lost'))?.status).toBe('pending_new');
    const report = await manager.reconcile();
    expect([report.resubmitted, report.statusChanges]).toEqual([
      [],
      [{ clientOrderId: 'cb-lost', from: 'pending_new', to: 'filled' }],
    ]);
    const order = await manager.get('cb-lost');
    expect([order?.quantity.toString(), order?.filledQuantity.toString()]).toEqual([
      '0.01000016',
      '0.01000016',
    ]);
    expect(server.createBodies).toHaveLength(1);
  });

  it('edits a partly filled order in place: same venue id, size = new total, fills before and after apply once', async () => {
    const manager = await startedManager(venue());
    const created = await manager.create({ ...LIMIT_BUY, quantity: '0.02' });
    server.fill(created.clientOrderId, 0.005, 60_000);
    await manager.reconcile();
    const modified = await manager.modify(created.clientOrderId, { quantity: '0.03', price: '60100' });
    expect(server.editBodies).toEqual([{ order_id: created.venueOrderId, size: '0.03', price: '60100' }]);
    expect([
      modified.status,
      modified.venueOrderId,
      modified.quantity.toString(),
      modified.filledQuantity.toString(),
      modified.price?.toString(),
    ]).toEqual(['partially_filled', created.venueOrderId, '0.03', '0.005', '60100']);
    server.fill(created.clientOrderId, 0.025, 60_100);
    const report = await manager.reconcile();
    expect([report.fillsApplied, report.statusChanges]).toEqual([
      1,
      [{ clientOrderId: created.clientOrderId, from: 'partially_filled', to: 'filled' }],
    ]);
    const order = await manager.get(created.clientOrderId);
    expect([order?.filledQuantity.toString(), order?.averageFillPrice?.toString()]).toEqual([
      '0.03',
      '60083.333333333333333', // (0.005 × 60000 + 0.025 × 60100) / 0.03
    ]);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.03');
    expect((await manager.reconcile()).fillsApplied).toBe(0);
  });

  it("turns Coinbase's edit refusal into an error with its reason, leaving the order as it was", async () => {
    const manager = await startedManager(venue());
    const created = await manager.create({ ...LIMIT_BUY, quantity: '0.02' });
    server.fill(created.clientOrderId, 0.01, 60_000); // not yet reconciled: the manager believes 0 filled
    await expect(manager.modify(created.clientOrderId, { quantity: '0.008' })).rejects.toMatchObject({
      code: 'invalid_edited_size',
    });
    expect((await manager.get(created.clientOrderId))?.status).toBe('new');
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
