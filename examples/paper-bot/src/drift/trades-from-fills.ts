import type { Fill } from '@rrr/orders';
import { Decimal } from 'decimal.js';
import type { DriftTrade } from './types.js';

interface Building {
  entryTime: number;
  exitTime: number | null;
  buyQty: Decimal;
  buyCost: Decimal;
  sellQty: Decimal;
  proceeds: Decimal;
  fees: Decimal;
}

function finish(symbol: string, b: Building, closed: boolean): DriftTrade {
  return {
    symbol,
    entryTime: b.entryTime,
    entryPrice: b.buyCost.div(b.buyQty),
    exitTime: closed ? b.exitTime : null,
    exitPrice: closed ? b.proceeds.div(b.sellQty) : null,
    quantity: b.buyQty,
    fees: b.fees,
    pnl: closed ? b.proceeds.sub(b.buyCost).sub(b.fees) : null,
  };
}

/**
 * Groups long-only fills into round trips: a trade starts with a buy while flat and ends with the sell that
 * brings the position back to zero; a trade still open at the end has no exit. Fills are taken in time order
 * per symbol (stable for equal times). Sells while flat (a short) are not a long round trip and are refused.
 *
 * @param fills - fills of one or more symbols, e.g. `SqliteOrderStore.fills()` of the bot's `orders.db`
 * @returns round trips in order of entry
 * @example
 * ```ts
 * import { SqliteOrderStore } from '@rrr/orders/sqlite';
 * import { tradesFromFills } from '@rrr/example-paper-bot';
 *
 * const store = SqliteOrderStore.open('paper-bot-state/orders.db');
 * const trades = tradesFromFills(await store.fills());
 * await store.close();
 * ```
 */
export function tradesFromFills(fills: readonly Fill[]): DriftTrade[] {
  const sorted = [...fills].sort((a, b) => a.timestamp - b.timestamp);
  const open = new Map<string, Building>();
  const trades: DriftTrade[] = [];
  for (const fill of sorted) {
    let b = open.get(fill.symbol);
    if (fill.side === 'buy') {
      if (!b) {
        b = {
          entryTime: fill.timestamp,
          exitTime: null,
          buyQty: new Decimal(0),
          buyCost: new Decimal(0),
          sellQty: new Decimal(0),
          proceeds: new Decimal(0),
          fees: new Decimal(0),
        };
        open.set(fill.symbol, b);
      }
      b.buyQty = b.buyQty.add(fill.quantity);
      b.buyCost = b.buyCost.add(fill.quantity.mul(fill.price));
    } else {
      if (!b || b.sellQty.add(fill.quantity).gt(b.buyQty)) {
        throw new RangeError(
          `fill ${fill.tradeId}: sell of ${fill.quantity.toString()} ${fill.symbol} exceeds the long position`,
        );
      }
      b.sellQty = b.sellQty.add(fill.quantity);
      b.proceeds = b.proceeds.add(fill.quantity.mul(fill.price));
      b.exitTime = fill.timestamp;
    }
    b.fees = b.fees.add(fill.fee);
    if (b.sellQty.eq(b.buyQty)) {
      trades.push(finish(fill.symbol, b, true));
      open.delete(fill.symbol);
    }
  }
  for (const [symbol, b] of open) trades.push(finish(symbol, b, false));
  return trades.sort((a, b) => a.entryTime - b.entryTime || a.symbol.localeCompare(b.symbol));
}
