import type { Decimal } from 'decimal.js';
import type { MarketInfo } from '../model/market.js';
import type { Fill, Order, OrderStatus } from '../model/types.js';

/** The venue's view of one order. `fills` lists every execution of the order known to the venue. */
export interface VenueOrderReport {
  /** Our client order id. */
  readonly clientOrderId: string;
  /** The venue's order id. */
  readonly venueOrderId: string;
  /** Market symbol. */
  readonly symbol: string;
  /** Venue status mapped onto ours (`new`, `partially_filled`, `filled`, `canceled`, `rejected`, `expired`). */
  readonly status: OrderStatus;
  /** Cumulative filled quantity at the venue. */
  readonly filledQuantity: Decimal;
  /**
   * Current order quantity at the venue (after a replace), base units. For an order the venue sized in quote
   * currency (see `quoteQuantity`) it is our requested quantity while the order works and the filled quantity
   * once the venue closed it.
   */
  readonly quantity: Decimal;
  /**
   * Set when the venue sized the order in quote currency (market buys on Coinbase): the quote amount it spends.
   * The base quantity of such an order is known only from its fills: once the venue reports it filled,
   * `OrderManager` takes the filled quantity as the order's quantity, so the order closes as `filled` whether it
   * bought a little less or a little more than requested; a report of the still working order whose fills exceed
   * the requested quantity is left until the venue closes it.
   */
  readonly quoteQuantity?: Decimal;
  /** Current limit price at the venue (after a replace). */
  readonly price?: Decimal;
  /** Average fill price at the venue; used when the venue reports fills only as a cumulative quantity. */
  readonly averageFillPrice?: Decimal;
  /** All fills of the order known to the venue (may be empty when the venue does not report them inline). */
  readonly fills: readonly Fill[];
  /** Machine-readable reason for rejected / canceled / expired orders. */
  readonly reasonCode?: string;
  /** Human-readable reason. */
  readonly reason?: string;
  /** Time of the report, ms UTC. */
  readonly timestamp: number;
}

/** An asynchronous execution event pushed by a venue. */
export type ExecutionEvent =
  | { readonly type: 'fill'; readonly fill: Fill }
  | { readonly type: 'order'; readonly report: VenueOrderReport };

/** A change requested by `modify`: a new limit price and/or quantity. */
export interface OrderChange {
  /** New limit price. */
  readonly price?: Decimal;
  /** New total quantity (must exceed what already filled). */
  readonly quantity?: Decimal;
}

/**
 * A trading venue. `PaperExchange` simulates one; `CcxtExchange` talks to a real one. Every call is
 * idempotent per client order id: submitting the same client order id twice never creates two orders.
 */
export interface Exchange {
  /** Venue name, e.g. `"paper"` or `"binance"`. */
  readonly id: string;
  /** Trading rules of a market. */
  market(symbol: string): Promise<MarketInfo>;
  /** Places an order (idempotent by `order.clientOrderId`). Refusals come back as status `rejected`. */
  submit(order: Order): Promise<VenueOrderReport>;
  /** Cancels an open order; for an order already closed, returns its current report. */
  cancel(order: Order): Promise<VenueOrderReport>;
  /** Changes price and/or quantity of an open order. */
  modify(order: Order, change: OrderChange): Promise<VenueOrderReport>;
  /**
   * The venue's view of one order, or undefined when the venue never saw it. `known` is our current view of the
   * order, when there is one: a venue that edits by cancel-and-replace (Binance) reports the replacement's
   * quantities relative to it (what filled before the replace included).
   */
  fetchOrder(clientOrderId: string, symbol: string, known?: Order): Promise<VenueOrderReport | undefined>;
  /** Open orders, optionally for one symbol. */
  fetchOpenOrders(symbol?: string): Promise<VenueOrderReport[]>;
  /** Balance per currency. */
  fetchBalances(): Promise<Record<string, Decimal>>;
  /** Subscribes to pushed execution events; returns the unsubscribe function. */
  subscribe(listener: (event: ExecutionEvent) => void): () => void;
}
