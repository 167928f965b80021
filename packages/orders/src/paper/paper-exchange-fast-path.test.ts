import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { btcBars, btcMarket, btcTrades } from '../../test/fixtures.js';
import type { ExecutionEvent } from '../exchange/exchange.js';
import { newOrder, type OrderIntentInput, parseOrderIntent } from '../model/intent.js';
import type { FillModelInput } from './fill-model.js';
import { type BarInput, PaperExchange, type TickInput } from './paper-exchange.js';

// Bars and ticks given as Decimals never take the float pre-check (it reads numbers and strings only), so they
// run the exact Decimal rules on every event: the behaviour before the pre-check existed. The same real series
// given as strings takes the pre-check wherever no resting order is in reach; both runs must agree exactly.
const asDecimals = (bar: BarInput): BarInput => ({
  ...bar,
  open: new Decimal(bar.open),
  high: new Decimal(bar.high),
  low: new Decimal(bar.low),
  close: new Decimal(bar.close),
  volume: new Decimal(bar.volume),
});

/**
 * The order placed just before bar `i` of the series: on every second bar, one order at that bar's exact high or
 * low, cycling through six kinds (buy and sell limits, stops and stop-limits). Such ties are where `touch` and
 * `through` differ and where a float pre-check would go wrong first; with one new order per level, a wrong answer
 * of the pre-check is not hidden by another order that sends the bar to the exact rules anyway.
 */
function levelOrder(bar: BarInput, i: number): OrderIntentInput | undefined {
  if (i % 2 === 0) return undefined;
  const base = { symbol: 'BTC/USDT', quantity: '0.01' } as const;
  const high = String(bar.high);
  const low = String(bar.low);
  const kinds: OrderIntentInput[] = [
    { ...base, side: 'buy', type: 'limit', price: low },
    { ...base, side: 'sell', type: 'limit', price: high },
    { ...base, side: 'buy', type: 'stop', stopPrice: high },
    { ...base, side: 'sell', type: 'stop', stopPrice: low },
    { ...base, side: 'sell', type: 'stop_limit', stopPrice: low, price: low },
    { ...base, side: 'buy', type: 'stop_limit', stopPrice: high, price: high },
  ];
  return kinds[((i - 1) / 2) % kinds.length];
}

function run(series: 'strings' | 'decimals', fillModel: FillModelInput) {
  const exchange = new PaperExchange({
    markets: [btcMarket],
    balances: { USDT: 100_000_000, BTC: 1_000 },
    fillModel,
    seed: 7,
  });
  const events: ExecutionEvent[] = [];
  exchange.subscribe((e) => events.push(e));
  let n = 0;
  const submit = (intent: OrderIntentInput) =>
    exchange.submitSync(newOrder(parseOrderIntent(intent), `o-${++n}`, 0));
  const far = { symbol: 'BTC/USDT', quantity: '0.01' } as const;
  // far from the market: they never trade, yet every bar must count them as resting (maker/taker)
  const reports = [
    submit({ ...far, side: 'buy', type: 'limit', price: '30000' }),
    submit({ ...far, side: 'sell', type: 'stop', stopPrice: '20000' }),
  ];
  for (const [i, bar] of btcBars().entries()) {
    const level = levelOrder(bar, i);
    if (level) reports.push(submit(level));
    if (i === 30) {
      // a post-only bid, a marketable IOC and a market order
      reports.push(submit({ ...far, side: 'buy', type: 'limit', price: '50000', timeInForce: 'PO' }));
      reports.push(submit({ ...far, side: 'sell', type: 'limit', price: '40000', timeInForce: 'IOC' }));
      reports.push(submit({ ...far, side: 'buy', type: 'market', quantity: '0.03' }));
    }
    // alone on their bar: an IOC and a FOK that cannot fill must still expire on the next event
    if (i === 40)
      reports.push(submit({ ...far, side: 'buy', type: 'limit', price: '30000', timeInForce: 'IOC' }));
    if (i === 50)
      reports.push(submit({ ...far, side: 'sell', type: 'limit', price: '90000', timeInForce: 'FOK' }));
    exchange.onBar(series === 'decimals' ? asDecimals(bar) : bar);
  }
  for (const tick of btcTrades()) {
    const t: TickInput =
      series === 'decimals'
        ? { ...tick, price: new Decimal(tick.price), quantity: new Decimal(tick.quantity) }
        : tick;
    exchange.onTick(t);
  }
  return { events, reports, balances: exchange.fetchBalances(), last: exchange.lastPrice('BTC/USDT') };
}

describe('PaperExchange float pre-check (onBar / onTick fast path)', () => {
  for (const [name, fillModel] of [
    ['defaults (through, no fees)', {}],
    [
      'touch, fees, slippage, 5% participation',
      {
        limitFill: 'touch',
        makerFeeRate: '0.0002',
        takerFeeRate: '0.0007',
        slippage: { kind: 'random_bps', maxBps: 3 },
        participation: 0.05,
      },
    ],
  ] as const) {
    it(`gives exactly the fills and reports of the exact rules on the 2024-08-05 crash series: ${name}`, async () => {
      const fast = run('strings', fillModel);
      const exact = run('decimals', fillModel);
      const fills = exact.events.filter((e) => e.type === 'fill');
      expect(fills.length, 'the resting orders trade on the series').toBeGreaterThan(15);
      expect(exact.reports.length).toBeGreaterThan(35);
      expect(fast.events).toEqual(exact.events);
      expect(fast.reports).toEqual(exact.reports);
      expect(await fast.balances).toEqual(await exact.balances);
      expect(fast.last?.toString()).toBe(exact.last?.toString());
    });
  }

  it('still refuses a bar value decimal.js cannot read, with or without resting orders', () => {
    const exchange = new PaperExchange({ markets: [btcMarket], balances: { USDT: 1000 } });
    const bar = btcBars()[0] as BarInput;
    expect(() => exchange.onBar({ ...bar, volume: ' 12' })).toThrow(/Invalid argument/);
    expect(() => exchange.onBar({ ...bar, close: '' })).toThrow(/Invalid argument/);
    exchange.submitSync(
      newOrder(
        parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.001', price: '100' }),
        'x',
        0,
      ),
    );
    expect(() => exchange.onBar({ ...bar, low: 'abc' })).toThrow(/Invalid argument/);
    expect(exchange.lastPrice('BTC/USDT'), 'refused bars leave no last price').toBeUndefined();
  });

  it('reports the close of a skipped bar as the last price', () => {
    const exchange = new PaperExchange({ markets: [btcMarket], balances: { USDT: 1000 } });
    const bar = btcBars()[0] as BarInput;
    exchange.onBar({ ...bar, close: '60564.12' });
    expect(exchange.lastPrice('BTC/USDT')?.toString()).toBe('60564.12');
    exchange.onBar({ ...bar, close: 60600.5 });
    expect(exchange.lastPrice('BTC/USDT')?.toString()).toBe('60600.5');
  });

  it('counts rested events from the trigger for stop-limits: taker on the next bar, maker after', () => {
    const exchange = new PaperExchange({
      markets: [btcMarket],
      balances: { BTC: 1 },
      fillModel: { makerFeeRate: '0.001', takerFeeRate: '0.002' },
    });
    const fills: string[] = [];
    exchange.subscribe((e) => {
      if (e.type === 'fill') fills.push(`${e.fill.clientOrderId} ${e.fill.price} ${e.fill.liquidity}`);
    });
    for (const [id, limit] of [
      ['next-bar', '60600'],
      ['later', '60700'],
    ] as const) {
      const intent = { symbol: 'BTC/USDT', side: 'sell', type: 'stop_limit', quantity: '0.01' } as const;
      exchange.submitSync(newOrder(parseOrderIntent({ ...intent, stopPrice: '60300', price: limit }), id, 0));
    }
    // bars 0-2 stay above the stop; bar 3 (low 60260) triggers both; bar 4 (high 60666) trades through 60600;
    // bar 5 (high 60740) through 60700
    for (const bar of btcBars().slice(0, 6)) exchange.onBar(bar);
    expect(fills).toEqual(['next-bar 60600 taker', 'later 60700 maker']);
  });
});
