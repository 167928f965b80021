import { describe, expect, it } from 'vitest';
import { btcBars, btcMarket } from '../../test/fixtures.js';
import { ExchangeError } from '../errors.js';
import { newOrder, parseOrderIntent } from '../model/intent.js';
import { PaperExchange } from './paper-exchange.js';

const bars = btcBars();
function barAt(i: number) {
  const bar = bars[i];
  if (!bar) throw new Error(`fixture has no bar ${i}`);
  return bar;
}
const first = barAt(0);

function venue(keepClosedOrders: boolean): PaperExchange {
  const exchange = new PaperExchange({
    markets: [btcMarket],
    balances: { USDT: 100_000 },
    seed: 3,
    keepClosedOrders,
  });
  exchange.onBar(first);
  return exchange;
}

const marketBuy = (id: string) =>
  newOrder(
    parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' }),
    id,
    first.timestamp,
  );

const farLimit = (id: string, quantity = '0.01') =>
  newOrder(
    parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity, price: '1000' }),
    id,
    first.timestamp,
  );

describe('PaperExchange keepClosedOrders: false', () => {
  it('forgets an order once it fills, and a resubmit of its id is a new order', async () => {
    const exchange = venue(false);
    const order = marketBuy('m-1');
    const accepted = exchange.submitSync(order);
    expect(accepted.status).toBe('new');
    expect((await exchange.fetchOrder('m-1'))?.status).toBe('new');
    exchange.onBar(barAt(1));
    expect(exchange.portfolio.position('BTC/USDT').quantity.toString()).toBe('0.01');
    expect(await exchange.fetchOrder('m-1')).toBeUndefined();
    expect(() => exchange.cancelSync(order)).toThrow(ExchangeError);
    const again = exchange.submitSync(order);
    expect(again.status).toBe('new');
    expect(again.venueOrderId).not.toBe(accepted.venueOrderId);
  });

  it('forgets canceled and rejected orders but answers for open ones', async () => {
    const exchange = venue(false);
    const resting = farLimit('l-1');
    exchange.submitSync(resting);
    const tooBig = exchange.submitSync(farLimit('l-2', '1000'));
    expect(tooBig.status).toBe('rejected');
    expect(tooBig.reasonCode).toBe('insufficient_balance');
    expect(await exchange.fetchOrder('l-2')).toBeUndefined();
    expect((await exchange.fetchOrder('l-1'))?.status).toBe('new');
    expect(exchange.cancelSync(resting).status).toBe('canceled');
    expect(await exchange.fetchOrder('l-1')).toBeUndefined();
    expect(await exchange.fetchOpenOrders()).toEqual([]);
  });

  it('keeps closed orders by default: fetchOrder and an idempotent resubmit still see them', async () => {
    const exchange = venue(true);
    const resting = farLimit('l-1');
    const accepted = exchange.submitSync(resting);
    exchange.cancelSync(resting);
    expect((await exchange.fetchOrder('l-1'))?.status).toBe('canceled');
    const again = exchange.submitSync(resting);
    expect(again.status).toBe('canceled');
    expect(again.venueOrderId).toBe(accepted.venueOrderId);
  });
});
