import type { Decimal } from 'decimal.js';

/** Order sides. */
export const OrderSide = { buy: 'buy', sell: 'sell' } as const;
/** `"buy" | "sell"`. */
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];

/** Order types: market, limit, stop (stop-market) and stop-limit. */
export const OrderType = { market: 'market', limit: 'limit', stop: 'stop', stopLimit: 'stop_limit' } as const;
/** `"market" | "limit" | "stop" | "stop_limit"`. */
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/** Time in force: good-till-canceled, immediate-or-cancel, fill-or-kill, post-only (maker only). */
export const TimeInForce = { gtc: 'GTC', ioc: 'IOC', fok: 'FOK', postOnly: 'PO' } as const;
/** `"GTC" | "IOC" | "FOK" | "PO"`. */
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];

/** Order statuses of the one lifecycle shared by every venue (see {@link ORDER_TRANSITIONS}). */
export const OrderStatus = {
  pendingNew: 'pending_new',
  new: 'new',
  partiallyFilled: 'partially_filled',
  filled: 'filled',
  pendingCancel: 'pending_cancel',
  pendingReplace: 'pending_replace',
  canceled: 'canceled',
  rejected: 'rejected',
  expired: 'expired',
  denied: 'denied',
} as const;
/** One of the ten order statuses. */
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Liquidity side of a fill: `maker` (resting order) or `taker`. */
export type Liquidity = 'maker' | 'taker';

/** A validated order. Orders are immutable values; every change produces a new object with `version + 1`. */
export interface Order {
  /** Client order id: unique, chosen by us, makes submit idempotent. Also the order's primary key. */
  readonly clientOrderId: string;
  /** Id assigned by the venue once it acknowledged the order. */
  readonly venueOrderId?: string;
  /** Market symbol, e.g. `"BTC/USDT"`. */
  readonly symbol: string;
  /** Buy or sell. */
  readonly side: OrderSide;
  /** Order type. */
  readonly type: OrderType;
  /** Time in force. */
  readonly timeInForce: TimeInForce;
  /** Ordered quantity in base units (> 0). */
  readonly quantity: Decimal;
  /** Limit price (limit and stop-limit orders). */
  readonly price?: Decimal;
  /** Stop trigger price (stop and stop-limit orders). */
  readonly stopPrice?: Decimal;
  /** Only reduce an existing position, never increase or flip it. */
  readonly reduceOnly: boolean;
  /** Current lifecycle status. */
  readonly status: OrderStatus;
  /** Cumulative filled quantity. */
  readonly filledQuantity: Decimal;
  /** Volume-weighted average fill price, when anything filled. */
  readonly averageFillPrice?: Decimal;
  /** Cumulative fees paid (in `feeCurrency`). */
  readonly fees: Decimal;
  /** Currency of `fees`, when any fee was charged. */
  readonly feeCurrency?: string;
  /** Machine-readable reason for rejected / denied / expired orders. */
  readonly reasonCode?: string;
  /** Human-readable reason for rejected / denied / expired orders. */
  readonly reason?: string;
  /** Creation time, ms UTC. */
  readonly createdAt: number;
  /** Last change, ms UTC. */
  readonly updatedAt: number;
  /** Incremented on every change (optimistic concurrency in stores). */
  readonly version: number;
}

/** One execution (trade) of an order. */
export interface Fill {
  /** Unique id of the trade at the venue; fills are applied at most once per trade id. */
  readonly tradeId: string;
  /** The filled order's client order id. */
  readonly clientOrderId: string;
  /** Market symbol. */
  readonly symbol: string;
  /** Side of our order. */
  readonly side: OrderSide;
  /** Executed quantity (> 0). */
  readonly quantity: Decimal;
  /** Execution price. */
  readonly price: Decimal;
  /** Fee paid (>= 0; negative for rebates). */
  readonly fee: Decimal;
  /** Currency of the fee. */
  readonly feeCurrency: string;
  /** Maker or taker. */
  readonly liquidity: Liquidity;
  /** Execution time, ms UTC. */
  readonly timestamp: number;
}
