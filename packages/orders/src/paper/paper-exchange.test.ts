import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { btcBars, btcMarket, btcTrades } from '../../test/fixtures.js';
import type { ExecutionEvent } from '../exchange/exchange.js';
import { newOrder, type OrderIntentInput, parseOrderIntent } from '../model/intent.js';
import { applyFillToOrder, transitionOrder } from '../model/order-ops.js';
import type { Fill, Order } from '../model/types.js';
import type { FillModelInput } from './fill-model.js';
import { PaperExchange } from './paper-exchange.js';

const bars = btcBars();
// bars[0]: 2024-08-04 04:00 O 60735 H 60792.47 L 60546.67 C 60564.12 V 399.81815
// bars[1]: O 60564.12 H 60938.54 L 60542.5 C 60792
// bars[2]: O 60792 H 60871.5 L 60714.6 C 60819.61
// bars[3]: O 60819.6 H 60830 L 60260 C 60373.99 V 819.82285

let seq = 0;
function order(input: Partial<OrderIntentInput> & Pick<OrderIntentInput, 'side' | 'type'>): Order {
  seq += 1;
  return newOrder(parseOrderIntent({ symbol: 'BTC/USDT', quantity: '0.1', ...input }), `t-${seq}`, 0);
}

function venue(
  fillModel: FillModelInput = {},
  balances: Record<string, string | number> = { USDT: 1_000_000, BTC: 10 },
  seed = 1,
) {
  const exchange = new PaperExchange({ markets: [btcMarket], balances, fillModel, seed });
  const events: ExecutionEvent[] = [];
  exchange.subscribe((e) => events.push(e));
  const fills = () => events.flatMap((e) => (e.type === 'fill' ? [e.fill] : []));
  return { exchange, events, fills };
}

describe('PaperExchange: market orders (rule: next price event + slippage)', () => {
  it('fills a market order at the open of the next bar, not at the bar it was sent after', async () => {
    const { exchange, fills } = venue();
    exchange.onBar(bars[0] as never);
    const report = await exchange.submit(order({ side: 'buy', type: 'market' }));
    expect(report.status).toBe('new');
    expect(fills()).toHaveLength(0);
    exchange.onBar(bars[1] as never);
    expect(fills().map((f) => [f.price.toString(), f.quantity.toString(), f.liquidity])).toEqual([
      ['60564.12', '0.1', 'taker'],
    ]);
    expect((await exchange.fetchOrder(report.clientOrderId))?.status).toBe('filled');
  });

  it('slippage fixed_bps moves the price against us and rounds to the tick', () => {
    const { exchange, fills } = venue({ slippage: { kind: 'fixed_bps', bps: 10 } });
    exchange.submitSync(order({ side: 'buy', type: 'market' }));
    exchange.submitSync(order({ side: 'sell', type: 'market' }));
    exchange.onBar(bars[0] as never);
    // 60735 * 1.001 = 60795.735 -> up to 60795.74; 60735 * 0.999 = 60674.265 -> down to 60674.26
    expect(fills().map((f) => f.price.toString())).toEqual(['60795.74', '60674.26']);
  });

  it('slippage volume_share is proportional to size / bar volume', () => {
    const { exchange, fills } = venue(
      { slippage: { kind: 'volume_share', bpsAtFullVolume: 100 } },
      { USDT: 5_000_000 },
    );
    exchange.submitSync(order({ side: 'buy', type: 'market', quantity: '39.98181' }));
    exchange.onBar(bars[0] as never);
    // 39.98181 / 399.81815 * 100 bps = 9.99999... bps; 60735 * (1 + 0.000999999) = 60795.7349... -> 60795.74
    const expected = new Decimal(60735)
      .mul(new Decimal('39.98181').div('399.81815').mul(100).div(10_000).add(1))
      .div('0.01')
      .ceil()
      .mul('0.01');
    expect(fills()[0]?.price.toString()).toBe(expected.toString());
    expect(expected.toString()).toBe('60795.74');
  });

  it('random_bps slippage is deterministic for a seed and differs across seeds', () => {
    const run = (seed: number) => {
      const { exchange, fills } = venue({ slippage: { kind: 'random_bps', maxBps: 50 } }, undefined, seed);
      for (let i = 0; i < 5; i++) exchange.submitSync(order({ side: 'buy', type: 'market' }));
      exchange.onBar(bars[0] as never);
      return fills().map((f) => f.price.toString());
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    for (const p of run(7)) expect(new Decimal(p).gte(60735) && new Decimal(p).lte(60735 * 1.005)).toBe(true);
  });

  it('fills at the next trade when driven by ticks', () => {
    const ticks = btcTrades();
    const { exchange, fills } = venue();
    exchange.onTick(ticks[0] as never);
    exchange.submitSync(order({ side: 'sell', type: 'market', quantity: '0.001' }));
    exchange.onTick(ticks[1] as never);
    expect(fills()[0]?.price.toString()).toBe('39439.44');
    expect(fills()[0]?.timestamp).toBe(1610064000310);
  });
});

describe('PaperExchange: limit orders (rule: touch vs through, limit or better on gaps)', () => {
  it('"through" needs the low strictly below a buy limit; "touch" fills when it is reached', () => {
    for (const [rule, filled] of [
      ['through', false],
      ['touch', true],
    ] as const) {
      const { exchange, fills } = venue({ limitFill: rule });
      exchange.onBar(bars[2] as never);
      exchange.submitSync(order({ side: 'buy', type: 'limit', price: '60260' }));
      exchange.onBar(bars[3] as never); // low is exactly 60260
      expect(fills().length > 0).toBe(filled);
    }
  });

  it('fills a resting limit at its price as maker when traded through', () => {
    const { exchange, fills } = venue({ makerFeeRate: '0.001', takerFeeRate: '0.002' });
    exchange.submitSync(order({ side: 'buy', type: 'limit', price: '60300' }));
    exchange.onBar(bars[0] as never);
    exchange.onBar(bars[1] as never);
    exchange.onBar(bars[2] as never);
    expect(fills()).toHaveLength(0);
    exchange.onBar(bars[3] as never);
    const fill = fills()[0];
    expect([fill?.price.toString(), fill?.liquidity, fill?.fee.toString()]).toEqual([
      '60300',
      'maker',
      '6.03',
    ]);
  });

  it('fills at the open when the market opened through the limit (gap: better price, taker)', () => {
    const { exchange, fills } = venue({ takerFeeRate: '0.002' });
    exchange.onBar(bars[2] as never);
    exchange.submitSync(order({ side: 'buy', type: 'limit', price: '60900' }));
    exchange.submitSync(order({ side: 'sell', type: 'limit', price: '60000' }));
    exchange.onBar(bars[3] as never); // opens at 60819.6
    expect(fills().map((f) => [f.side, f.price.toString(), f.liquidity])).toEqual([
      ['buy', '60819.6', 'taker'],
      ['sell', '60819.6', 'taker'],
    ]);
    expect(fills()[0]?.fee.toString()).toBe('12.16392'); // 0.1 * 60819.6 * 0.002
  });

  it('rejects a post-only order that would take, and fills a resting one as maker', async () => {
    const { exchange, fills } = venue({ makerFeeRate: '0.001' });
    exchange.onBar(bars[0] as never); // last 60564.12
    const taking = await exchange.submit(
      order({ side: 'buy', type: 'limit', price: '60600', timeInForce: 'PO' }),
    );
    expect([taking.status, taking.reasonCode]).toEqual(['rejected', 'post_only_would_take']);
    const resting = await exchange.submit(
      order({ side: 'buy', type: 'limit', price: '60500', timeInForce: 'PO' }),
    );
    expect(resting.status).toBe('new');
    for (const bar of bars.slice(1, 4)) exchange.onBar(bar);
    expect(fills().map((f) => [f.clientOrderId, f.price.toString(), f.liquidity])).toEqual([
      [resting.clientOrderId, '60500', 'maker'],
    ]);
  });

  it('expires an IOC limit that is not marketable on the next event', async () => {
    const { exchange, events } = venue();
    const o = order({ side: 'buy', type: 'limit', price: '60000', timeInForce: 'IOC' });
    exchange.submitSync(o);
    exchange.onBar(bars[0] as never);
    expect(events.map((e) => (e.type === 'order' ? [e.report.status, e.report.reasonCode] : e.type))).toEqual(
      [['expired', 'not_marketable']],
    );
    expect(await exchange.fetchOpenOrders()).toEqual([]);
  });
});

describe('PaperExchange: stops (rule: trigger on high/low, fill at stop or gap open, whichever is worse)', () => {
  it('triggers a sell stop on the low and fills at the stop', () => {
    const { exchange, fills } = venue();
    exchange.onBar(bars[2] as never);
    exchange.submitSync(order({ side: 'sell', type: 'stop', stopPrice: '60500' }));
    exchange.onBar(bars[3] as never); // low 60260
    expect(fills()[0]?.price.toString()).toBe('60500');
  });

  it('fills at the open when the open is already past the stop (gap: worse price)', () => {
    const { exchange, fills } = venue();
    exchange.onBar(bars[2] as never);
    exchange.submitSync(order({ side: 'sell', type: 'stop', stopPrice: '60900' }));
    exchange.submitSync(order({ side: 'buy', type: 'stop', stopPrice: '60800' }));
    exchange.onBar(bars[3] as never); // open 60819.6
    expect(fills().map((f) => [f.side, f.price.toString()])).toEqual([
      ['sell', '60819.6'],
      ['buy', '60819.6'],
    ]);
  });

  it('does not trigger a stop the bar never reached', () => {
    const { exchange, fills } = venue();
    exchange.submitSync(order({ side: 'buy', type: 'stop', stopPrice: '61000' }));
    for (const bar of bars.slice(0, 4)) exchange.onBar(bar);
    expect(fills()).toHaveLength(0);
  });

  it('turns a triggered stop-limit into a limit evaluated from the next event', () => {
    const { exchange, fills } = venue();
    exchange.onBar(bars[0] as never);
    exchange.submitSync(order({ side: 'buy', type: 'stop_limit', stopPrice: '60900', price: '60950' }));
    exchange.onBar(bars[1] as never); // high 60938.54 triggers
    expect(fills()).toHaveLength(0);
    exchange.onBar(bars[2] as never); // opens 60792 <= 60950
    expect(fills()[0]?.price.toString()).toBe('60792');
  });
});

describe('PaperExchange: participation cap, FOK, balance, reduce-only', () => {
  it('caps each fill at a share of bar volume and leaves the rest working (partial fills)', async () => {
    const { exchange, fills, events } = venue({ participation: 0.1 }, { USDT: 5_000_000 });
    const o = order({ side: 'buy', type: 'market', quantity: 50 });
    exchange.submitSync(o);
    exchange.onBar(bars[0] as never); // 10% of 399.81815 = 39.981815 -> 39.98181 on the lot step
    expect(fills().map((f) => f.quantity.toString())).toEqual(['39.98181']);
    expect(events.at(-1)?.type === 'order' && events.at(-1)).toMatchObject({
      report: { status: 'partially_filled' },
    });
    exchange.onBar(bars[1] as never);
    expect(fills().map((f) => [f.quantity.toString(), f.price.toString()])).toEqual([
      ['39.98181', '60735'],
      ['10.01819', '60564.12'],
    ]);
    expect((await exchange.fetchOrder(o.clientOrderId))?.status).toBe('filled');
  });

  it("shares one bar's capped volume between the orders that fill on it, in order", () => {
    const { exchange, fills } = venue({ participation: 0.1 }, { USDT: 5_000_000 });
    exchange.submitSync(order({ side: 'buy', type: 'market', quantity: 30 }));
    exchange.submitSync(order({ side: 'buy', type: 'market', quantity: 30 }));
    exchange.submitSync(order({ side: 'buy', type: 'market', quantity: 5 }));
    exchange.onBar(bars[0] as never); // 39.981815 to share: 30, then the 9.981815 left -> 9.98181, then nothing
    expect(fills().map((f) => f.quantity.toString())).toEqual(['30', '9.98181']);
  });

  it('expires a FOK order the capped volume cannot fill completely, without any fill', () => {
    const { exchange, fills, events } = venue({ participation: 0.1 }, { USDT: 5_000_000 });
    exchange.submitSync(order({ side: 'buy', type: 'market', quantity: 50, timeInForce: 'FOK' }));
    exchange.onBar(bars[0] as never);
    expect(fills()).toHaveLength(0);
    expect(events[0]?.type === 'order' && events[0].report.reasonCode).toBe('fok_not_filled');
  });

  it('IOC fills what it can and expires the remainder', () => {
    const { exchange, fills, events } = venue({ participation: 0.1 }, { USDT: 5_000_000 });
    exchange.submitSync(order({ side: 'buy', type: 'market', quantity: 50, timeInForce: 'IOC' }));
    exchange.onBar(bars[0] as never);
    expect(fills().map((f) => f.quantity.toString())).toEqual(['39.98181']);
    const last = events.at(-1);
    expect(last?.type === 'order' && [last.report.status, last.report.filledQuantity.toString()]).toEqual([
      'expired',
      '39.98181',
    ]);
  });

  it('rejects an order the balance cannot pay for (price known) and cancels a market order at fill time', async () => {
    const { exchange, events } = venue({}, { USDT: 100 });
    const early = await exchange.submit(order({ side: 'buy', type: 'market' })); // no price yet: accepted
    exchange.onBar(bars[0] as never);
    expect(
      events.map((e) => e.type === 'order' && [e.report.clientOrderId, e.report.status, e.report.reasonCode]),
    ).toEqual([[early.clientOrderId, 'canceled', 'insufficient_balance']]);
    const late = await exchange.submit(order({ side: 'buy', type: 'market' }));
    expect([late.status, late.reasonCode]).toEqual(['rejected', 'insufficient_balance']);
    const sell = await exchange.submit(order({ side: 'sell', type: 'limit', price: 70000 }));
    expect(sell.reason).toBe('insufficient BTC: need 0.1, have 0');
  });

  it('rejects reduce-only orders that would increase the position and caps them at the position', async () => {
    const { exchange, fills } = venue({}, { USDT: 1_000_000 });
    const r = await exchange.submit(order({ side: 'sell', type: 'market', reduceOnly: true }));
    expect([r.status, r.reasonCode]).toEqual(['rejected', 'reduce_only']);
    exchange.submitSync(order({ side: 'buy', type: 'market', quantity: '0.3' }));
    exchange.onBar(bars[0] as never);
    const ok = await exchange.submit(
      order({ side: 'sell', type: 'market', quantity: '0.3', reduceOnly: true }),
    );
    expect(ok.status).toBe('new');
    exchange.onBar(bars[1] as never);
    expect(exchange.portfolio.position('BTC/USDT').quantity.toString()).toBe('0');
    expect(fills()).toHaveLength(2);
  });

  it('rejects orders that break the market rules and orders for unknown markets', async () => {
    const { exchange } = venue();
    const offTick = await exchange.submit(order({ side: 'buy', type: 'limit', price: '60000.001' }));
    expect([offTick.status, offTick.reasonCode]).toEqual(['rejected', 'invalid_order']);
    const tiny = await exchange.submit(
      order({ side: 'buy', type: 'limit', price: '100', quantity: '0.00001' }),
    );
    expect(tiny.reason).toContain('notional');
    const unknown = await exchange.submit({ ...order({ side: 'buy', type: 'market' }), symbol: 'ETH/USDT' });
    expect(unknown.reasonCode).toBe('unknown_market');
  });
});

describe('PaperExchange: order management', () => {
  it('is idempotent per client order id', async () => {
    const { exchange, fills } = venue();
    const o = order({ side: 'buy', type: 'market' });
    const a = await exchange.submit(o);
    const b = await exchange.submit(o);
    expect(b.venueOrderId).toBe(a.venueOrderId);
    exchange.onBar(bars[0] as never);
    expect(fills()).toHaveLength(1);
  });

  it('cancels, modifies and lists open orders', async () => {
    const { exchange, fills } = venue();
    const a = order({ side: 'buy', type: 'limit', price: '60000' });
    const b = order({ side: 'buy', type: 'limit', price: '59000' });
    exchange.submitSync(a);
    exchange.submitSync(b);
    expect((await exchange.fetchOpenOrders('BTC/USDT')).map((r) => r.clientOrderId)).toEqual([
      a.clientOrderId,
      b.clientOrderId,
    ]);
    expect((await exchange.cancel(a)).status).toBe('canceled');
    expect((await exchange.cancel(a)).status).toBe('canceled');
    const modified = await exchange.modify(b, { price: new Decimal('60300'), quantity: new Decimal('0.2') });
    expect([modified.price?.toString(), modified.quantity.toString()]).toEqual(['60300', '0.2']);
    for (const bar of bars.slice(0, 4)) exchange.onBar(bar);
    expect(fills().map((f) => [f.clientOrderId, f.price.toString(), f.quantity.toString()])).toEqual([
      [b.clientOrderId, '60300', '0.2'],
    ]);
    await expect(exchange.modify(b, { price: new Decimal(1) })).rejects.toThrow('is filled');
    await expect(exchange.cancel(order({ side: 'buy', type: 'market' }))).rejects.toThrow('unknown to paper');
    expect(await exchange.fetchOrder('nope')).toBeUndefined();
  });

  it('cancelSync cancels at once with no event, and throws for an order it never saw', () => {
    const { exchange, events } = venue();
    const a = order({ side: 'buy', type: 'limit', price: '60000' });
    exchange.submitSync(a);
    const before = events.length;
    const report = exchange.cancelSync(a);
    expect([report.status, report.reasonCode]).toEqual(['canceled', 'canceled']);
    expect(events.length).toBe(before); // a requested cancel is answered by the report, not an event
    expect(exchange.cancelSync(a).status).toBe('canceled'); // closed orders come back unchanged
    for (const bar of bars.slice(0, 4)) exchange.onBar(bar);
    expect(events.filter((e) => e.type === 'fill')).toEqual([]); // it no longer works
    expect(() => exchange.cancelSync(order({ side: 'buy', type: 'market' }))).toThrow('unknown to paper');
  });

  it('updates balances with fills and fees', async () => {
    const { exchange } = venue({ takerFeeRate: '0.001' }, { USDT: 10_000 });
    exchange.submitSync(order({ side: 'buy', type: 'market', quantity: '0.1' }));
    exchange.onBar(bars[0] as never);
    const balances = await exchange.fetchBalances();
    // 10000 - 0.1 * 60735 - 6.0735 fee
    expect(balances['USDT']?.toString()).toBe('3920.4265');
    expect(balances['BTC']?.toString()).toBe('0.1');
  });

  it('replays the whole real 71-bar crash window deterministically', () => {
    const run = () => {
      const { exchange, fills } = venue(
        { slippage: { kind: 'random_bps', maxBps: 5 }, participation: 0.05 },
        { USDT: 1_000_000 },
        3,
      );
      for (const bar of bars) {
        exchange.submitSync(
          order({
            side: 'buy',
            type: 'limit',
            price: new Decimal(bar.close).mul('0.99').toDecimalPlaces(2).toString(),
          }),
        );
        exchange.onBar(bar);
      }
      return fills().map((f) => `${f.price}@${f.quantity}`);
    };
    const first = run();
    expect(first.length).toBeGreaterThan(5);
    expect(run()).toEqual(first);
  });
});

describe('PaperExchange: restore after a restart', () => {
  it('replays fills into balances and positions, keeps open orders working under their venue ids and trade numbering', async () => {
    const model: FillModelInput = { participation: 0.0001, takerFeeRate: '0.001' };
    const first = venue(model, { USDT: 100_000 });
    first.exchange.onBar(bars[0] as never);
    const buy = order({ side: 'buy', type: 'market' });
    const ack = await first.exchange.submit(buy);
    first.exchange.onBar(bars[1] as never);
    const partial = first.fills();
    expect(partial.map((f) => [f.tradeId, f.quantity.toString()])).toEqual([
      [`${ack.venueOrderId}-1`, '0.04683'],
    ]);
    const resting = order({ side: 'sell', type: 'limit', price: '70000', quantity: '0.01' });
    const restingAck = await first.exchange.submit(resting);
    // what an order store holds: the acknowledged orders with their fills; one cancel was in flight
    const stored = (o: Order, venueOrderId: string, fills: readonly Fill[]) =>
      fills.reduce(applyFillToOrder, transitionOrder(o, 'new', 1, { venueOrderId }));
    const storedBuy = stored(buy, ack.venueOrderId, partial);
    const storedSell = transitionOrder(stored(resting, restingAck.venueOrderId, []), 'pending_cancel', 2);
    const neverSent = order({ side: 'buy', type: 'market' });

    const second = new PaperExchange({
      markets: [btcMarket],
      balances: { USDT: 100_000 },
      fillModel: model,
      restore: {
        fills: partial,
        openOrders: [storedBuy, storedSell, neverSent],
        issuedVenueOrderIds: [ack.venueOrderId, restingAck.venueOrderId, 'other-9', undefined],
      },
    });
    expect(second.portfolio.snapshot()).toEqual(first.exchange.portfolio.snapshot());
    expect((await second.fetchOpenOrders()).map((r) => [r.clientOrderId, r.status, r.venueOrderId])).toEqual([
      [buy.clientOrderId, 'partially_filled', ack.venueOrderId],
      [resting.clientOrderId, 'new', restingAck.venueOrderId],
    ]);
    expect(await second.fetchOrder(neverSent.clientOrderId)).toBeUndefined();

    second.onBar(bars[2] as never);
    const report = await second.fetchOrder(buy.clientOrderId);
    expect(report?.fills.map((f) => [f.tradeId, f.quantity.toString()])).toEqual([
      [`${ack.venueOrderId}-1`, '0.04683'],
      [`${ack.venueOrderId}-2`, '0.02842'],
    ]);
    expect(second.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.07525');
    const fresh = await second.submit(order({ side: 'buy', type: 'market' }));
    expect(fresh.venueOrderId).toBe(`${ack.venueOrderId.split('-')[0]}-3`);
  });
});
