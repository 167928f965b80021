import ccxt from 'ccxt';
import { Decimal } from 'decimal.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BinanceServer } from '../../test/ccxt/binance-server.js';
import { LIMIT_BUY, orderFactory, recordedRetries, startedManager } from '../../test/ccxt/venue-support.js';
import { btcBars } from '../../test/fixtures.js';
import { CcxtExchange } from './ccxt-exchange.js';

let server: BinanceServer;
let sleeps: number[];

function binance(timeout = 2000): InstanceType<typeof ccxt.binance> {
  const client = new ccxt.binance({
    apiKey: 'test-key',
    secret: 'test-secret',
    timeout,
    enableRateLimit: false,
    options: {
      fetchMarkets: { types: ['spot'] },
      fetchCurrencies: false,
      fetchOpenOrders: { warnWithoutSymbol: false },
    },
  });
  const api = client.urls['api'] as Record<string, string>;
  for (const key of Object.keys(api)) api[key] = String(api[key]).replace(/^https:\/\/[^/]+/, server.url);
  return client;
}

function venue(timeout?: number): CcxtExchange {
  return new CcxtExchange(binance(timeout), ccxt, {
    ...recordedRetries(sleeps),
  });
}

const order = orderFactory('rrr');

beforeEach(async () => {
  server = new BinanceServer();
  sleeps = [];
  await server.start();
});
afterEach(async () => {
  await server.stop();
});

describe('CcxtExchange with the real ccxt binance client against a local Binance-shaped server', () => {
  it('reads market rules from exchangeInfo (tick, lot step, minimums)', async () => {
    const m = await venue().market('BTC/USDT');
    expect([
      m.base,
      m.quote,
      m.tickSize.toString(),
      m.lotStep.toString(),
      m.minQuantity.toString(),
      m.minNotional.toString(),
    ]).toEqual(['BTC', 'USDT', '0.01', '0.00001', '0.00001', '5']);
    await expect(venue().market('DOGE/USDT')).rejects.toMatchObject({ code: 'unknown_market' });
  });

  it('places a limit order with our client order id and maps NEW to new', async () => {
    const o = order();
    const report = await venue().submit(o);
    expect(report).toMatchObject({ clientOrderId: o.clientOrderId, status: 'new', venueOrderId: '101' });
    expect(report.price?.toString()).toBe('60000');
    expect(server.orders.get(o.clientOrderId)?.timeInForce).toBe('GTC');
  });

  it('maps an immediately filled market order and its trades (price, quantity, commission) to fills', async () => {
    const o = order({ type: 'market', quantity: '0.02' });
    const report = await venue().submit(o);
    expect(report.status).toBe('filled');
    expect(
      report.fills.map((f) => [f.price.toString(), f.quantity.toString(), f.fee.toString(), f.feeCurrency]),
    ).toEqual([['60735', '0.02', '1.2147', 'USDT']]);
    expect(report.averageFillPrice?.toString()).toBe('60735');
  });

  it('maps a partial fill to partially_filled with the filled quantity', async () => {
    server.mode = 'partial';
    const report = await venue().submit(order({ quantity: '0.02' }));
    expect([report.status, report.filledQuantity.toString()]).toEqual(['partially_filled', '0.01']);
  });

  it('turns an exchange refusal into a rejected report named after the ccxt error', async () => {
    server.mode = 'reject';
    const report = await venue().submit(order());
    expect([report.status, report.reasonCode]).toEqual(['rejected', 'insufficient_funds']);
    expect(report.reason).toContain('insufficient balance');
  });

  it('retries a timed-out createOrder without creating a duplicate: it finds the order by client order id', async () => {
    server.delayNextCreateMs = 1500;
    const o = order();
    const report = await venue(300).submit(o);
    expect(report).toMatchObject({ clientOrderId: o.clientOrderId, status: 'new' });
    expect(server.createRequests).toEqual([o.clientOrderId]);
    expect(server.orders.size).toBe(1);
    expect(sleeps).toEqual([10]);
  });

  it('cancels, and reports the current state when the order is already gone', async () => {
    const v = venue();
    const a = order();
    const placed = await v.submit(a);
    const canceled = await v.cancel({ ...a, venueOrderId: placed.venueOrderId });
    expect(canceled.status).toBe('canceled');
    const b = order({ type: 'market' });
    const filled = await v.submit(b);
    const late = await v.cancel({ ...b, venueOrderId: filled.venueOrderId });
    expect(late.status).toBe('filled');
  });

  it('fetches orders by client order id, open orders and balances', async () => {
    const v = venue();
    const a = order();
    await v.submit(a);
    server.fill(a.clientOrderId, 0.004, 59_999.5);
    const fetched = await v.fetchOrder(a.clientOrderId, 'BTC/USDT');
    expect([
      fetched?.status,
      fetched?.filledQuantity.toString(),
      fetched?.averageFillPrice?.toString(),
    ]).toEqual(['partially_filled', '0.004', '59999.5']);
    // the order query reports only cumulative fills: the adapter reads the order's trades for price and fee
    expect(
      fetched?.fills.map((f) => [f.quantity.toString(), f.price.toString(), f.fee.toString(), f.liquidity]),
    ).toEqual([['0.004', '59999.5', '0.239998', 'maker']]);
    expect(await v.fetchOrder('nope', 'BTC/USDT')).toBeUndefined();
    expect((await v.fetchOpenOrders('BTC/USDT')).map((r) => r.clientOrderId)).toEqual([a.clientOrderId]);
    const balances = await v.fetchBalances();
    expect(balances['LTC']?.toString()).toBe('0.919741'); // recorded Binance account response
  });

  it('pages through OHLCV until the end time', async () => {
    const bars = btcBars();
    const first = bars[0]?.timestamp ?? 0;
    const until = bars[50]?.timestamp ?? 0;
    const got = await venue().fetchBars('BTC/USDT', '1h', first, until, 20);
    expect(got).toHaveLength(50);
    expect(got[0]?.open.toString()).toBe('60735');
    expect(got[49]?.timestamp).toBe(bars[49]?.timestamp);
    expect(new Set(got.map((b) => b.timestamp)).size).toBe(50);
  });

  it('edits an unfilled order through cancel-replace, keeping the client order id', async () => {
    const manager = await startedManager(venue());
    const created = await manager.create(LIMIT_BUY);
    const modified = await manager.modify(created.clientOrderId, { price: '60100.5', quantity: '0.02' });
    expect([modified.status, modified.price?.toString(), modified.quantity.toString()]).toEqual([
      'new',
      '60100.5',
      '0.02',
    ]);
    expect(modified.venueOrderId).not.toBe(created.venueOrderId);
    const atVenue = server.orders.get(created.clientOrderId);
    expect([atVenue?.orderId, atVenue?.price, atVenue?.origQty]).toEqual([
      modified.venueOrderId,
      '60100.5',
      '0.02',
    ]);
  });

  it('edits a partly filled order: the replacement is for what is left, fills before and after apply once', async () => {
    const manager = await startedManager(venue());
    const created = await manager.create({ ...LIMIT_BUY, quantity: '0.02' });
    server.fill(created.clientOrderId, 0.005, 60_000);
    await manager.reconcile();
    const modified = await manager.modify(created.clientOrderId, { price: '60100.5', quantity: '0.03' });
    expect([
      modified.status,
      modified.quantity.toString(),
      modified.filledQuantity.toString(),
      modified.price?.toString(),
    ]).toEqual(['partially_filled', '0.03', '0.005', '60100.5']);
    const atVenue = server.orders.get(created.clientOrderId);
    expect([atVenue?.orderId, atVenue?.origQty], 'the replacement is for 0.03 - 0.005').toEqual([
      modified.venueOrderId,
      '0.025',
    ]);
    expect(server.replaced.map((o) => [o.orderId, o.status, o.executedQty])).toEqual([
      [created.venueOrderId, 'CANCELED', 0.005],
    ]);
    server.fill(created.clientOrderId, 0.01, 60_100.5);
    const first = await manager.reconcile();
    expect(first.fillsApplied).toBe(1);
    let order = await manager.get(created.clientOrderId);
    expect([order?.status, order?.quantity.toString(), order?.filledQuantity.toString()]).toEqual([
      'partially_filled',
      '0.03',
      '0.015',
    ]);
    server.fill(created.clientOrderId, 0.015, 60_100.5);
    const second = await manager.reconcile();
    expect([second.fillsApplied, second.statusChanges]).toEqual([
      1,
      [{ clientOrderId: created.clientOrderId, from: 'partially_filled', to: 'filled' }],
    ]);
    order = await manager.get(created.clientOrderId);
    // (0.005 × 60000 + 0.025 × 60100.5) / 0.03
    expect([order?.status, order?.filledQuantity.toString(), order?.averageFillPrice?.toString()]).toEqual([
      'filled',
      '0.03',
      '60083.75',
    ]);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.03');
    expect((await manager.reconcile()).fillsApplied).toBe(0);
  });

  it('reports a fill that raced the cancel of a replace, and the quantity it adds', async () => {
    const manager = await startedManager(venue());
    const created = await manager.create({ ...LIMIT_BUY, quantity: '0.02' });
    server.fill(created.clientOrderId, 0.005, 60_000);
    await manager.reconcile();
    server.beforeCancelReplace = () => server.fill(created.clientOrderId, 0.004, 60_000);
    const modified = await manager.modify(created.clientOrderId, { quantity: '0.03' });
    // the replacement was sized from the 0.005 read before the edit: 0.025; 0.009 filled before it
    expect([modified.quantity.toString(), modified.filledQuantity.toString()]).toEqual(['0.034', '0.009']);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.009');
    expect((await manager.reconcile()).fillsApplied).toBe(0);
  });

  it('cancels a replaced partly filled order as our whole order', async () => {
    const manager = await startedManager(venue());
    const created = await manager.create({ ...LIMIT_BUY, quantity: '0.02' });
    server.fill(created.clientOrderId, 0.005, 60_000);
    await manager.reconcile();
    await manager.modify(created.clientOrderId, { quantity: '0.03' });
    server.fill(created.clientOrderId, 0.01, 60_000);
    const canceled = await manager.cancel(created.clientOrderId);
    expect([canceled.status, canceled.quantity.toString(), canceled.filledQuantity.toString()]).toEqual([
      'canceled',
      '0.03',
      '0.015',
    ]);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.015');
  });

  it('reads a replacement whose edit answer was lost through the replaced order', async () => {
    const v = venue();
    const o = order({ quantity: '0.02' });
    const placed = await v.submit(o);
    server.fill(o.clientOrderId, 0.005, 60_000);
    const before = { ...o, venueOrderId: placed.venueOrderId, status: 'new' as const };
    await v.modify(before, { quantity: new Decimal('0.03') }); // the answer is ignored: our view still points at the old order
    server.fill(o.clientOrderId, 0.002, 60_000);
    const report = await v.fetchOrder(o.clientOrderId, 'BTC/USDT', before);
    expect([
      report?.quantity.toString(),
      report?.filledQuantity.toString(),
      report?.fills.map((f) => f.quantity.toString()),
    ]).toEqual(['0.03', '0.007', ['0.005', '0.002']]);
  });

  it('refuses to edit below what filled at the venue, and leaves the order as it was', async () => {
    const manager = await startedManager(venue());
    const created = await manager.create({ ...LIMIT_BUY, quantity: '0.02' });
    server.fill(created.clientOrderId, 0.01, 60_000); // not yet reconciled: the manager believes 0 filled
    await expect(manager.modify(created.clientOrderId, { quantity: '0.01' })).rejects.toMatchObject({
      code: 'invalid_quantity',
    });
    expect((await manager.get(created.clientOrderId))?.status).toBe('new');
    expect(server.replaced).toHaveLength(0);
  });

  it('gives an OrderManager a rejected order with the reason and no venue id when Binance refuses', async () => {
    server.mode = 'reject';
    const manager = await startedManager(venue());
    const order = await manager.create(LIMIT_BUY);
    expect([order.status, order.reasonCode, order.venueOrderId]).toEqual([
      'rejected',
      'insufficient_funds',
      undefined,
    ]);
    await expect(manager.modify(order.clientOrderId, { price: '1' })).rejects.toMatchObject({
      code: 'order_not_open',
    });
  });

  it('drives an OrderManager: fills that happen at the venue are applied by reconcile', async () => {
    const manager = await startedManager(venue());
    const created = await manager.create(LIMIT_BUY);
    expect(created.status).toBe('new');
    server.fill(created.clientOrderId, 0.01, 60_000);
    const report = await manager.reconcile();
    expect(report.statusChanges).toEqual([
      { clientOrderId: created.clientOrderId, from: 'new', to: 'filled' },
    ]);
    expect(manager.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.01');
    expect((await manager.get(created.clientOrderId))?.fees.toString()).toBe('0.6'); // 0.01 * 60000 * 0.001 commission
  });
});
