import type { Decimal } from 'decimal.js';
import type { OrderSide, OrderType, TimeInForce } from '../model/types.js';
import { floatOf } from './bar-gate.js';

/** @internal What the book reads of a working order. */
export interface BookOrder {
  readonly order: {
    readonly side: OrderSide;
    readonly type: OrderType;
    readonly timeInForce: TimeInForce;
    readonly price?: Decimal;
    readonly stopPrice?: Decimal;
  };
  /**
   * `order.price` as a float (NaN when absent), filled in by the book when it first needs it (converting a Decimal
   * costs a string round trip: orders that never meet an event never pay it); reset to undefined when the price
   * changes.
   */
  limitFloat: number | undefined;
  /** `order.stopPrice` as a float, like `limitFloat`. */
  stopFloat: number | undefined;
  /** Whether a stop-limit order has triggered. */
  readonly triggered: boolean;
  /** Value of {@link SymbolBook.events} from which the order counts the events it rested through. */
  seenFrom: number;
}

/**
 * @internal The working orders of one symbol at the paper venue, in arrival order, with what the venue needs to
 * skip an event that cannot change any of them:
 *
 * - a count of the symbol's events, from which each order's number of events rested through is derived (so an
 *   event that changes nothing costs O(1), not a counter increment per order);
 * - a price band, the aggregate of the fill rules over the orders, recomputed after the set of orders changed:
 *   an event whose open/high/low stay strictly inside it fills, triggers and expires nothing.
 *
 * The band is conservative. It is computed on floats, and rounding a decimal to the nearest float is monotonic,
 * so a strict float inequality (`fl(low) > fl(limit)`) implies the same strict inequality of the exact values;
 * equal floats, NaN (a missing price), market orders and IOC/FOK orders (which act on the first event) all send
 * the event to the exact Decimal rules.
 */
export class SymbolBook<W extends BookOrder> {
  /** Working orders by client order id, in arrival order. */
  readonly orders = new Map<string, W>();
  /** Events of this symbol begun so far. */
  events = 0;
  #stale = true;
  #always = false;
  /** Highest limit of the buy limits (and triggered buy stop-limits): a buy fills when open or low reach it. */
  #buyLimit = Number.NEGATIVE_INFINITY;
  /** Lowest limit of the sell limits: a sell fills when open or high reach it. */
  #sellLimit = Number.POSITIVE_INFINITY;
  /** Lowest trigger of the buy stops (and untriggered buy stop-limits): they trigger when the high reaches it. */
  #buyStop = Number.POSITIVE_INFINITY;
  /** Highest trigger of the sell stops: they trigger when the low reaches it. */
  #sellStop = Number.NEGATIVE_INFINITY;

  /** Adds an order that starts resting now (between events or during one: it counts from the next event). */
  add(clientOrderId: string, working: W, restedEvents = 0): void {
    working.seenFrom = this.events - restedEvents;
    this.orders.set(clientOrderId, working);
    this.#stale = true;
  }

  /** Removes an order. */
  delete(clientOrderId: string): void {
    if (this.orders.delete(clientOrderId)) this.#stale = true;
  }

  /** Tells the book that an order's prices or trigger state changed. */
  changed(): void {
    this.#stale = true;
  }

  /** Number of earlier events the order rested through, read while an event is processed. */
  seen(working: W): number {
    return this.events - 1 - working.seenFrom;
  }

  /** Restarts an order's count of events (a stop-limit that triggered during the current event). */
  restart(working: W): void {
    working.seenFrom = this.events;
  }

  /** True when an event with these open/high/low certainly fills, triggers and expires none of the orders. */
  quiet(open: number, high: number, low: number): boolean {
    if (this.orders.size === 0) return true;
    if (this.#stale) this.#recompute();
    return (
      !this.#always &&
      Math.min(open, low) > this.#buyLimit &&
      Math.max(open, high) < this.#sellLimit &&
      high < this.#buyStop &&
      low > this.#sellStop
    );
  }

  #recompute(): void {
    this.#stale = false;
    this.#always = false;
    this.#buyLimit = Number.NEGATIVE_INFINITY;
    this.#sellLimit = Number.POSITIVE_INFINITY;
    this.#buyStop = Number.POSITIVE_INFINITY;
    this.#sellStop = Number.NEGATIVE_INFINITY;
    // Math.min / Math.max propagate NaN, and every comparison with NaN is false: a missing price keeps the band shut
    for (const working of this.orders.values()) {
      const { order, triggered } = working;
      const buy = order.side === 'buy';
      if (order.type === 'market' || order.timeInForce === 'IOC' || order.timeInForce === 'FOK') {
        this.#always = true;
      } else if (order.type === 'stop' || (order.type === 'stop_limit' && !triggered)) {
        working.stopFloat ??= floatOf(order.stopPrice);
        if (buy) this.#buyStop = Math.min(this.#buyStop, working.stopFloat);
        else this.#sellStop = Math.max(this.#sellStop, working.stopFloat);
      } else {
        working.limitFloat ??= floatOf(order.price);
        if (buy) this.#buyLimit = Math.max(this.#buyLimit, working.limitFloat);
        else this.#sellLimit = Math.min(this.#sellLimit, working.limitFloat);
      }
    }
  }
}
