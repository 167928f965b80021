import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { OrderValidationError } from '../errors.js';
import { type DecimalInput, tryDecimal, ZERO } from '../util/decimal.js';
import { compare } from '../util/decimal-ops.js';
import { isPowerOfTen } from '../util/step.js';
import type { MarketInfo } from './market.js';
import { reviseOrder } from './order-build.js';
import type { Order, OrderSide, OrderType, TimeInForce } from './types.js';

/** What a caller asks for: the input of `OrderManager.create` and {@link parseOrderIntent}. */
export interface OrderIntentInput {
  /** Market symbol, e.g. `"BTC/USDT"`. */
  symbol: string;
  /** `"buy"` or `"sell"`. */
  side: OrderSide;
  /** `"market" | "limit" | "stop" | "stop_limit"`. */
  type: OrderType;
  /** Quantity in base units, > 0. */
  quantity: DecimalInput;
  /** Limit price: required for limit and stop-limit orders, refused otherwise. */
  price?: DecimalInput;
  /** Stop trigger price: required for stop and stop-limit orders, refused otherwise. */
  stopPrice?: DecimalInput;
  /** Time in force, default `"GTC"`. `"PO"` (post-only) needs a limit order. */
  timeInForce?: TimeInForce;
  /** Only reduce a position, default false. */
  reduceOnly?: boolean;
  /** Client order id (1-64 of `A-Z a-z 0-9 . _ : -`); generated when absent. Makes submit idempotent. */
  clientOrderId?: string;
}

/** A validated intent: every number is a positive Decimal and the type-specific prices are consistent. */
export interface OrderIntent {
  /** Market symbol. */
  readonly symbol: string;
  /** Side. */
  readonly side: OrderSide;
  /** Type. */
  readonly type: OrderType;
  /** Quantity (> 0). */
  readonly quantity: Decimal;
  /** Limit price for limit / stop-limit orders. */
  readonly price?: Decimal;
  /** Stop trigger for stop / stop-limit orders. */
  readonly stopPrice?: Decimal;
  /** Time in force. */
  readonly timeInForce: TimeInForce;
  /** Reduce-only flag. */
  readonly reduceOnly: boolean;
  /** Client order id, when the caller gave one. */
  readonly clientOrderId?: string;
}

function isDecimalLike(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || Decimal.isDecimal(v);
}

const decimalLike = z.custom<DecimalInput>(isDecimalLike, 'must be a number, a numeric string or a Decimal');

const CLIENT_ORDER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** @internal The intent schema: the definition of a valid intent (see {@link acceptedBySchema}). */
export const intentSchema = z.object({
  symbol: z.string().min(1, 'symbol must be a non-empty string'),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit', 'stop', 'stop_limit']),
  quantity: decimalLike,
  price: decimalLike.optional(),
  stopPrice: decimalLike.optional(),
  timeInForce: z.enum(['GTC', 'IOC', 'FOK', 'PO']).optional(),
  reduceOnly: z.boolean().optional(),
  clientOrderId: z
    .string()
    .regex(CLIENT_ORDER_ID, 'clientOrderId must be 1-64 characters of A-Z a-z 0-9 . _ : -')
    .optional(),
});

type RawIntent = z.infer<typeof intentSchema>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const SIDES: ReadonlySet<unknown> = new Set(['buy', 'sell']);
const TYPES: ReadonlySet<unknown> = new Set(['market', 'limit', 'stop', 'stop_limit']);
const TIME_IN_FORCE: ReadonlySet<unknown> = new Set(['GTC', 'IOC', 'FOK', 'PO']);

/**
 * @internal The schema's checks written out by hand, for the hot path: returns the intent when `intentSchema` would accept
 * it unchanged, and undefined otherwise (the caller then runs the schema, which names the offending field).
 */
export function acceptedBySchema(input: unknown): RawIntent | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const raw = input as Record<string, unknown>;
  const { symbol, price, stopPrice, timeInForce, reduceOnly, clientOrderId } = raw;
  if (typeof symbol !== 'string' || symbol.length === 0) return undefined;
  if (!SIDES.has(raw['side']) || !TYPES.has(raw['type']) || !isDecimalLike(raw['quantity'])) return undefined;
  if (price !== undefined && !isDecimalLike(price)) return undefined;
  if (stopPrice !== undefined && !isDecimalLike(stopPrice)) return undefined;
  if (timeInForce !== undefined && !TIME_IN_FORCE.has(timeInForce)) return undefined;
  if (reduceOnly !== undefined && typeof reduceOnly !== 'boolean') return undefined;
  if (
    clientOrderId !== undefined &&
    (typeof clientOrderId !== 'string' || !CLIENT_ORDER_ID.test(clientOrderId))
  )
    return undefined;
  return raw as RawIntent;
}

function schemaParse(input: unknown): RawIntent {
  const parsed = intentSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'intent';
  const bad =
    issue && typeof input === 'object' && input !== null && issue.path.length === 1
      ? (input as Record<string, unknown>)[String(issue.path[0])]
      : input;
  throw new OrderValidationError(field, `${field}: ${issue?.message ?? 'invalid'} (got ${describe(bad)})`);
}

function positiveDecimal(field: string, value: unknown): Decimal {
  const d = tryDecimal(value);
  // sign checks instead of `d.lte(0)`, which converts the 0 to a Decimal on every call
  if (!d || d.isNegative() || d.isZero())
    throw new OrderValidationError(field, `${field} must be > 0 (got ${String(value)})`);
  return d;
}

function describe(value: unknown): string {
  if (Decimal.isDecimal(value)) return value.toString();
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Validates an order intent with zod and the order-type rules.
 *
 * Rules: side is buy/sell; quantity > 0; limit and stop-limit orders need `price`, market and stop orders
 * must not have one; stop and stop-limit orders need `stopPrice`, others must not; post-only (`"PO"`) only for
 * limit orders; reduce-only is a boolean.
 *
 * @param input - the raw intent (e.g. from user config or an API call)
 * @returns the validated intent with Decimal numbers
 * @throws {@link OrderValidationError} whose `field` names the first offending field
 * @example
 * ```ts
 * import { parseOrderIntent } from '@rrr/orders';
 *
 * const intent = parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.01', price: '60000' });
 * intent.price?.toString(); // "60000"
 * ```
 */
export function parseOrderIntent(input: unknown): OrderIntent {
  const raw = acceptedBySchema(input) ?? schemaParse(input);
  const quantity = positiveDecimal('quantity', raw.quantity);
  const needsPrice = raw.type === 'limit' || raw.type === 'stop_limit';
  const needsStop = raw.type === 'stop' || raw.type === 'stop_limit';
  if (needsPrice && raw.price === undefined) {
    throw new OrderValidationError('price', `price is required for ${raw.type} orders`);
  }
  if (!needsPrice && raw.price !== undefined) {
    throw new OrderValidationError(
      'price',
      `price must not be set for ${raw.type} orders (got ${describe(raw.price)})`,
    );
  }
  if (needsStop && raw.stopPrice === undefined) {
    throw new OrderValidationError('stopPrice', `stopPrice is required for ${raw.type} orders`);
  }
  if (!needsStop && raw.stopPrice !== undefined) {
    throw new OrderValidationError(
      'stopPrice',
      `stopPrice must not be set for ${raw.type} orders (got ${describe(raw.stopPrice)})`,
    );
  }
  const timeInForce = raw.timeInForce ?? 'GTC';
  if (timeInForce === 'PO' && raw.type !== 'limit') {
    throw new OrderValidationError(
      'timeInForce',
      `timeInForce "PO" (post-only) needs a limit order (got ${raw.type})`,
    );
  }
  const price = raw.price === undefined ? undefined : positiveDecimal('price', raw.price);
  const stopPrice = raw.stopPrice === undefined ? undefined : positiveDecimal('stopPrice', raw.stopPrice);
  // optional keys are added to the literal rather than spread into it: spreads cost a runtime call each
  const intent: Mutable<OrderIntent> = {
    symbol: raw.symbol,
    side: raw.side,
    type: raw.type,
    quantity,
    timeInForce,
    reduceOnly: raw.reduceOnly ?? false,
  };
  if (price) intent.price = price;
  if (stopPrice) intent.stopPrice = stopPrice;
  if (raw.clientOrderId !== undefined) intent.clientOrderId = raw.clientOrderId;
  return intent;
}

/** True when `value` is an integer multiple of `step`; O(1) for power-of-ten steps (0.01, 0.00001, 1, ...). */
function isMultipleOf(value: Decimal, step: Decimal): boolean {
  if (step.e <= 0 && isPowerOfTen(step)) return value.decimalPlaces() <= -step.e;
  return value.mod(step).isZero();
}

/**
 * True when `quantity * price` (rounded to the precision) is certainly >= `minimum`, read from the exponents: with
 * `q >= 10^q.e` and `p >= 10^p.e` the exact product is at least `10^(q.e + p.e)`, a value the rounding cannot go
 * below, and `minimum < 10^(minimum.e + 1)`. For positive (non-zero) finite values only; false means "multiply to know".
 */
function surelyAtLeast(quantity: Decimal, price: Decimal, minimum: Decimal): boolean {
  return (
    quantity.isFinite() &&
    price.isFinite() &&
    quantity.isPositive() &&
    price.isPositive() &&
    !quantity.isZero() &&
    !price.isZero() &&
    quantity.e + price.e > minimum.e
  );
}

/**
 * Checks an intent against a market's rules: symbol matches, price and stop price are multiples of the tick,
 * quantity is a multiple of the lot step and at least the minimum, notional (`quantity * price`) at least the
 * minimum. Market orders are checked for notional only when `referencePrice` is given.
 *
 * @param intent - a validated intent
 * @param market - the market's rules
 * @param referencePrice - last price, used for the notional of market and stop orders
 * @throws {@link OrderValidationError} naming `symbol`, `price`, `stopPrice`, `quantity` or `notional`
 * @example
 * ```ts
 * import { defineMarket, parseOrderIntent, validateForMarket } from '@rrr/orders';
 *
 * const market = defineMarket({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', lotStep: '0.001' });
 * validateForMarket(parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.002', price: '100.5' }), market);
 * ```
 */
export function validateForMarket(
  intent: OrderIntent,
  market: MarketInfo,
  referencePrice?: DecimalInput,
): void {
  if (intent.symbol !== market.symbol) {
    throw new OrderValidationError(
      'symbol',
      `symbol "${intent.symbol}" does not match market "${market.symbol}"`,
    );
  }
  for (const field of ['price', 'stopPrice'] as const) {
    const value = intent[field];
    if (value && !isMultipleOf(value, market.tickSize)) {
      throw new OrderValidationError(
        field,
        `${field} ${value.toString()} is not a multiple of the tick size ${market.tickSize.toString()}`,
      );
    }
  }
  if (!isMultipleOf(intent.quantity, market.lotStep)) {
    throw new OrderValidationError(
      'quantity',
      `quantity ${intent.quantity.toString()} is not a multiple of the lot step ${market.lotStep.toString()}`,
    );
  }
  if (compare(intent.quantity, market.minQuantity) < 0) {
    throw new OrderValidationError(
      'quantity',
      `quantity ${intent.quantity.toString()} is below the minimum ${market.minQuantity.toString()}`,
    );
  }
  const ref =
    intent.price ??
    intent.stopPrice ??
    (referencePrice === undefined ? undefined : tryDecimal(referencePrice));
  if (
    ref &&
    market.minNotional.isPositive() &&
    !market.minNotional.isZero() &&
    !surelyAtLeast(intent.quantity, ref, market.minNotional)
  ) {
    const notional = intent.quantity.mul(ref);
    if (compare(notional, market.minNotional) < 0) {
      throw new OrderValidationError(
        'notional',
        `notional ${notional.toString()} (quantity * price) is below the minimum ${market.minNotional.toString()}`,
      );
    }
  }
}

/** The fields every new order starts with; the intent supplies the rest. */
const PENDING_NEW: Order = Object.freeze({
  clientOrderId: '',
  symbol: '',
  side: 'buy',
  type: 'market',
  timeInForce: 'GTC',
  quantity: ZERO,
  reduceOnly: false,
  status: 'pending_new',
  filledQuantity: ZERO,
  fees: ZERO,
  createdAt: 0,
  updatedAt: 0,
  version: 1,
});

/**
 * Creates a `pending_new` order from a validated intent.
 *
 * @param intent - validated intent
 * @param clientOrderId - the order's client order id (the intent's own, or a generated one)
 * @param now - creation time, ms UTC
 * @example
 * ```ts
 * import { newOrder, parseOrderIntent } from '@rrr/orders';
 *
 * const order = newOrder(parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: 1 }), 'c-1', 0);
 * order.status; // "pending_new"
 * ```
 */
export function newOrder(intent: OrderIntent, clientOrderId: string, now: number): Order {
  return reviseOrder(PENDING_NEW, {
    clientOrderId,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    timeInForce: intent.timeInForce,
    quantity: intent.quantity,
    price: intent.price,
    stopPrice: intent.stopPrice,
    reduceOnly: intent.reduceOnly,
    createdAt: now,
    updatedAt: now,
  });
}
