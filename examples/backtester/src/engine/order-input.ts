import { type OrderIntent, parseOrderIntent } from '@rrr/orders';
import { Decimal } from 'decimal.js';

/** An order the engine sends (the fields of an `OrderIntentInput` it uses, its numbers Decimals it computed). */
export interface OrderInput {
  /** Side. */
  readonly side: 'buy' | 'sell';
  /** Type. */
  readonly type: 'market' | 'limit' | 'stop';
  /** Quantity. */
  readonly quantity: Decimal;
  /** Limit price (limit orders). */
  readonly price?: Decimal;
  /** Trigger price (stop orders). */
  readonly stopPrice?: Decimal;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** `d > 0` (finite), read from the sign and digits without a comparison. */
const positive = (d: Decimal): boolean => d.isFinite() && d.isPositive() && !d.isZero();

/**
 * The intent of an order the engine built: its numbers are Decimals it computed, so the intent is assembled as
 * `parseOrderIntent` would return it instead of being validated again; anything that would not pass (a price
 * rounded down to 0) goes through `parseOrderIntent`, which throws its usual error.
 *
 * @param symbol - market symbol
 * @param input - the order
 * @param clientOrderId - its client order id
 */
export function engineIntent(symbol: string, input: OrderInput, clientOrderId: string): OrderIntent {
  const { quantity, price, stopPrice } = input;
  if (
    !positive(quantity) ||
    (price !== undefined && !positive(price)) ||
    (stopPrice !== undefined && !positive(stopPrice))
  )
    return parseOrderIntent({ symbol, ...input, clientOrderId });
  const intent: Mutable<OrderIntent> = {
    symbol,
    side: input.side,
    type: input.type,
    quantity,
    timeInForce: 'GTC',
    reduceOnly: false,
    clientOrderId,
  };
  if (price !== undefined) intent.price = price;
  if (stopPrice !== undefined) intent.stopPrice = stopPrice;
  return intent;
}

/**
 * `price * quantity` is exact at the Decimal precision (the digits of the two add up to at most it): then the
 * notional of a single fill divided by its quantity is the fill price itself, with no division.
 *
 * @param price - fill price
 * @param quantity - fill quantity
 */
export function exactProduct(price: Decimal, quantity: Decimal): boolean {
  return price.sd() + quantity.sd() <= Decimal.precision;
}
