import {
  type BarInput,
  defineMarket,
  isOrderError,
  MemoryOrderStore,
  OrderManager,
  PaperExchange,
  Portfolio,
} from '@rrr/orders';

// The venue's trading rules: price tick, quantity step, minimum notional (quantity × price) in USDT.
const btc = defineMarket({
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  tickSize: '0.01',
  lotStep: '0.00001',
  minNotional: 5,
});

// Real Binance spot BTC/USDT 1h bars of 2024-08-04 04:00–08:00 UTC (timestamp = bar open time, ms UTC),
// copied from packages/orders/test/fixtures/binance_BTCUSDT_1h_2024-08-04_07.csv (provenance in its README).
const btcBar = (timestamp: number, open: string, high: string, low: string, close: string, volume: string) =>
  ({ symbol: 'BTC/USDT', timestamp, open, high, low, close, volume }) satisfies BarInput;
const bars = [
  btcBar(1722744000000, '60735', '60792.47', '60546.67', '60564.12', '399.81815'),
  btcBar(1722747600000, '60564.12', '60938.54', '60542.5', '60792', '468.34097'),
  btcBar(1722751200000, '60792', '60871.5', '60714.6', '60819.61', '284.28564'),
  btcBar(1722754800000, '60819.6', '60830', '60260', '60373.99', '819.82285'),
  btcBar(1722758400000, '60374', '60666', '60081.57', '60565.41', '862.41634'),
];

// Time is injected: orders are placed at 04:00 UTC, as the first bar opens; the loop below moves the clock
// to each bar's close.
let now = Date.UTC(2024, 7, 4, 4, 0);
const clock = { now: () => now };

// A simulated venue with 10,000 USDT. Every fill rule is an option: market orders and triggered stops pay
// 2 bps of slippage, a resting limit fills only when price trades through it, fees are fractions of notional.
const exchange = new PaperExchange({
  markets: [btc],
  balances: { USDT: 10_000 },
  fillModel: {
    slippage: { kind: 'fixed_bps', bps: 2 },
    limitFill: 'through',
    makerFeeRate: '0.0008',
    takerFeeRate: '0.001',
  },
  clock,
});

const manager = new OrderManager({
  exchange,
  store: new MemoryOrderStore(), // or SqliteOrderStore.open('orders.db') from '@rrr/orders/sqlite'
  portfolio: new Portfolio({ USDT: 10_000 }),
  clock,
  // Runs before anything is stored or sent; a refusal becomes a `denied` order and the venue is never called.
  preTradeCheck: (intent) =>
    intent.quantity.gt('0.05')
      ? { ok: false, code: 'max_quantity', reason: `${intent.quantity} BTC exceeds the 0.05 BTC limit` }
      : { ok: true },
});
manager.on('fill', ({ fill, position }) =>
  console.log(
    `${new Date(fill.timestamp).toISOString()} fill ${fill.clientOrderId}: ${fill.side} ${fill.quantity} @ ${fill.price}` +
      ` ${fill.liquidity} fee ${fill.fee} ${fill.feeCurrency} -> position ${position.quantity} BTC`,
  ),
);
await manager.start(); // reloads open orders from the store and reconciles them with the venue

// A market buy fills at the open of the next bar (plus slippage); the limit buy rests until price trades below it.
const market = await manager.create({
  clientOrderId: 'entry-mkt',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  quantity: '0.02',
});
const limit = await manager.create({
  clientOrderId: 'entry-lmt',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  quantity: '0.03',
  price: '60300',
});
const big = await manager.create({
  clientOrderId: 'entry-big',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  quantity: '0.5',
});
console.log(`${market.clientOrderId}: ${market.status}, ${limit.clientOrderId}: ${limit.status}`);
console.log(`${big.clientOrderId}: ${big.status} (${big.reasonCode}: ${big.reason})`);

// Market rules are checked before the order is stored: a price off the 0.01 tick is refused.
try {
  await manager.create({
    symbol: 'BTC/USDT',
    side: 'sell',
    type: 'limit',
    quantity: '0.01',
    price: '61000.005',
  });
} catch (error) {
  if (!isOrderError(error)) throw error;
  console.log(`${error.code}: ${error.message}`);
}

// Feed the bars one at a time; after the fourth, take profit on 0.02 BTC with a resting limit sell.
for (const [i, bar] of bars.entries()) {
  exchange.onBar(bar);
  now = bar.timestamp + 3_600_000; // the bar is known once it has closed
  await manager.idle(); // every fill and status change of this bar has been applied
  if (i === 3) {
    await manager.create({
      clientOrderId: 'take-profit',
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'limit',
      quantity: '0.02',
      price: '60600',
    });
  }
}

for (const order of await manager.list()) {
  const average = order.averageFillPrice ? ` avg ${order.averageFillPrice}` : '';
  console.log(
    `${order.clientOrderId.padEnd(11)} ${order.status.padEnd(6)} ${order.filledQuantity}/${order.quantity}${average}`,
  );
}

// Position and equity at the last close; equity = 10,000 + realized (net of fees) + unrealized PnL.
const mark = exchange.lastPrice('BTC/USDT');
if (mark === undefined) throw new Error('no bar was fed');
const position = manager.portfolio.position('BTC/USDT');
console.log(
  `position ${position.quantity} BTC, avg entry ${position.averageEntryPrice}, realized ${position.realizedPnl}` +
    ` (gross ${position.grossRealizedPnl}, fees ${position.fees}), unrealized ${manager.portfolio.unrealizedPnl('BTC/USDT', mark)} at ${mark}`,
);
console.log(`equity ${manager.portfolio.equity('USDT', { 'BTC/USDT': mark })} USDT`);
manager.stop();
