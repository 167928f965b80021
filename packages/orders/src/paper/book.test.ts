import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { OrderSide, OrderType, TimeInForce } from '../model/types.js';
import { type BookOrder, SymbolBook } from './book.js';

function resting(
  side: OrderSide,
  type: OrderType,
  prices: { limit?: string; stop?: string },
  timeInForce: TimeInForce = 'GTC',
  triggered = false,
): BookOrder {
  const limit = prices.limit === undefined ? undefined : new Decimal(prices.limit);
  const stop = prices.stop === undefined ? undefined : new Decimal(prices.stop);
  return {
    order: {
      side,
      type,
      timeInForce,
      ...(limit === undefined ? {} : { price: limit }),
      ...(stop === undefined ? {} : { stopPrice: stop }),
    },
    limitFloat: undefined,
    stopFloat: undefined,
    triggered,
    seenFrom: 0,
  };
}

function bookOf(...orders: BookOrder[]): SymbolBook<BookOrder> {
  const book = new SymbolBook<BookOrder>();
  for (const [i, o] of orders.entries()) book.add(`o-${i}`, o);
  return book;
}

/** The exact rules may act on the order: the book is not quiet with this order alone. */
function mayTrade(order: BookOrder, open: number, high: number, low: number): boolean {
  return !bookOf(order).quiet(open, high, low);
}

describe('SymbolBook.quiet with one order (float pre-check of the paper fill model)', () => {
  it('clears a resting buy limit only when the open and the low are strictly above it', () => {
    const buy = resting('buy', 'limit', { limit: '50000' });
    expect(mayTrade(buy, 60000, 61000, 55000)).toBe(false);
    expect(mayTrade(buy, 60000, 61000, 50000), 'touching the limit is for the exact rules').toBe(true);
    expect(mayTrade(buy, 60000, 61000, 49999.99)).toBe(true);
    expect(mayTrade(buy, 49000, 61000, 48000), 'gap below the limit').toBe(true);
  });

  it('clears a resting sell limit only when the open and the high are strictly below it', () => {
    const sell = resting('sell', 'limit', { limit: '62000' });
    expect(mayTrade(sell, 60000, 61999.99, 59000)).toBe(false);
    expect(mayTrade(sell, 60000, 62000, 59000)).toBe(true);
    expect(mayTrade(resting('sell', 'limit', { limit: '62000' }, 'PO'), 60000, 61000, 59000)).toBe(false);
  });

  it('clears stops (and untriggered stop-limits) until the high / low reaches the trigger', () => {
    expect(mayTrade(resting('buy', 'stop', { stop: '61000' }), 60000, 60999.99, 59000)).toBe(false);
    expect(mayTrade(resting('buy', 'stop', { stop: '61000' }), 60000, 61000, 59000)).toBe(true);
    expect(mayTrade(resting('sell', 'stop', { stop: '59000' }), 60000, 61000, 59000.01)).toBe(false);
    expect(mayTrade(resting('sell', 'stop', { stop: '59000' }), 60000, 61000, 59000)).toBe(true);
    const stopLimit = resting('sell', 'stop_limit', { stop: '59000', limit: '58900' });
    expect(mayTrade(stopLimit, 60000, 61000, 59500)).toBe(false);
    const triggered = resting('sell', 'stop_limit', { stop: '59000', limit: '58900' }, 'GTC', true);
    expect(mayTrade(triggered, 58000, 58800, 57000), 'a triggered stop-limit works as a limit').toBe(false);
    expect(mayTrade(triggered, 58000, 58900, 57000)).toBe(true);
  });

  it('always defers market orders, IOC/FOK orders and NaN prices to the exact rules', () => {
    expect(mayTrade(resting('buy', 'market', {}), 60000, 61000, 59000)).toBe(true);
    expect(mayTrade(resting('buy', 'limit', { limit: '1' }, 'IOC'), 60000, 61000, 59000)).toBe(true);
    expect(mayTrade(resting('buy', 'limit', { limit: '1' }, 'FOK'), 60000, 61000, 59000)).toBe(true);
    expect(mayTrade(resting('buy', 'limit', {}), 60000, 61000, 59000)).toBe(true);
    expect(mayTrade(resting('buy', 'limit', { limit: '1' }), Number.NaN, 61000, 59000)).toBe(true);
  });
});

describe('SymbolBook', () => {
  it('is quiet only when the event stays inside the band of every order, and reopens the band after changes', () => {
    const buy = resting('buy', 'limit', { limit: '50000' });
    const sellStop = resting('sell', 'stop', { stop: '52000' });
    const book = bookOf(buy, resting('sell', 'limit', { limit: '62000' }), sellStop);
    expect(book.quiet(60000, 61000, 55000)).toBe(true);
    expect(book.quiet(60000, 61000, 52000), 'the sell stop is reached').toBe(false);
    expect(book.quiet(60000, 62000, 55000), 'the sell limit is reached').toBe(false);
    book.delete('o-2');
    expect(book.quiet(60000, 61000, 52000), 'without the stop').toBe(true);
    book.add('m', resting('buy', 'market', {}));
    expect(book.quiet(60000, 61000, 55000), 'a market order acts on the next event').toBe(false);
    book.delete('m');
    expect(book.quiet(60000, 61000, 55000)).toBe(true);
    expect(new SymbolBook().quiet(1, 2, 0), 'no orders').toBe(true);
  });

  it('counts the events an order rested through from the event after it arrived', () => {
    const book = new SymbolBook<BookOrder>();
    const early = resting('buy', 'limit', { limit: '1' });
    book.add('early', early);
    book.events += 1; // event 1 begins
    expect(book.seen(early)).toBe(0);
    const during = resting('buy', 'limit', { limit: '1' });
    book.add('during', during); // arrives while event 1 is processed
    book.events += 1; // event 2
    expect([book.seen(early), book.seen(during)]).toEqual([1, 0]);
    book.restart(early); // e.g. a stop-limit triggered during event 2
    book.events += 1;
    expect(book.seen(early)).toBe(0);
    const restored = resting('sell', 'limit', { limit: '9' });
    book.add('restored', restored, 1);
    book.events += 1;
    expect([book.seen(early), book.seen(restored)]).toEqual([1, 1]);
  });
});
