const brand: unique symbol = Symbol.for('@rrr/orders/OrderError');

/**
 * Base class of every error thrown by `@rrr/orders` for orders, the order lifecycle, exchanges and order stores.
 *
 * `code` is a stable, machine-readable string; `message` is for people and names the offending field.
 * Check with {@link isOrderError} rather than `instanceof`, which fails across duplicate package copies.
 *
 * @example
 * ```ts
 * import { OrderError, isOrderError } from '@rrr/orders';
 *
 * try {
 *   throw new OrderError('invalid_argument', 'period must be >= 1 (got 0)');
 * } catch (error) {
 *   if (isOrderError(error)) console.log(error.code); // "invalid_argument"
 * }
 * ```
 */
export class OrderError extends Error {
  /** Stable machine-readable error code, e.g. `"invalid_argument"`. */
  readonly code: string;
  /** @internal Brand checked by {@link isOrderError}. */
  readonly [brand] = true;

  /**
   * @param code - stable machine-readable code
   * @param message - human-readable message naming the offending field
   * @param options - standard `ErrorOptions`; `cause` chains the underlying error
   */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * True when `value` is a {@link OrderError} (or subclass) from any copy of `@rrr/orders`.
 *
 * @example
 * ```ts
 * import { isOrderError } from '@rrr/orders';
 *
 * isOrderError(new Error('plain')); // false
 * ```
 */
export function isOrderError(value: unknown): value is OrderError {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

/**
 * An order intent or market metadata check failed; `field` names the offending field (e.g. `"price"`).
 *
 * @example
 * ```ts
 * import { OrderValidationError } from '@rrr/orders';
 *
 * const error = new OrderValidationError('quantity', 'quantity must be > 0 (got 0)');
 * console.log(error.code, error.field); // "invalid_order" "quantity"
 * ```
 */
export class OrderValidationError extends OrderError {
  /** Dotted path of the offending field, e.g. `"price"` or `"quantity"`. */
  readonly field: string;

  /**
   * @param field - the offending field
   * @param message - human-readable message naming the field and the bad value
   * @param options - standard `ErrorOptions`
   */
  constructor(field: string, message: string, options?: ErrorOptions) {
    super('invalid_order', message, options);
    this.field = field;
  }
}

/**
 * A status change that the order lifecycle table does not allow (e.g. `filled -> canceled`).
 *
 * @example
 * ```ts
 * import { IllegalTransitionError } from '@rrr/orders';
 *
 * const error = new IllegalTransitionError('filled', 'canceled');
 * console.log(error.code); // "illegal_transition"
 * ```
 */
export class IllegalTransitionError extends OrderError {
  /** Status the order was in. */
  readonly from: string;
  /** Status that was requested. */
  readonly to: string;

  /**
   * @param from - current status
   * @param to - requested status
   * @param context - optional extra text, e.g. the client order id
   */
  constructor(from: string, to: string, context?: string) {
    super('illegal_transition', `illegal order transition ${from} -> ${to}${context ? ` (${context})` : ''}`);
    this.from = from;
    this.to = to;
  }
}

/**
 * An operation that needs an open order was asked of an order that is already terminal (filled, canceled...).
 *
 * @example
 * ```ts
 * import { OrderStateError } from '@rrr/orders';
 *
 * console.log(new OrderStateError('modify', 'c-1', 'filled').code); // "order_not_open"
 * ```
 */
export class OrderStateError extends OrderError {
  /**
   * @param operation - the refused operation, e.g. `"modify"`
   * @param clientOrderId - the order's client order id
   * @param status - the order's current status
   */
  constructor(operation: string, clientOrderId: string, status: string) {
    super('order_not_open', `cannot ${operation} order "${clientOrderId}": it is ${status}`);
  }
}

/**
 * No order with the given id or client order id exists.
 *
 * @example
 * ```ts
 * import { OrderNotFoundError } from '@rrr/orders';
 *
 * console.log(new OrderNotFoundError('c-1').code); // "order_not_found"
 * ```
 */
export class OrderNotFoundError extends OrderError {
  /**
   * @param id - the id that was looked up
   */
  constructor(id: string) {
    super('order_not_found', `no order with id or clientOrderId "${id}"`);
  }
}

/**
 * An exchange (venue) call failed. `retryable` is true for network failures and timeouts.
 *
 * @example
 * ```ts
 * import { ExchangeError } from '@rrr/orders';
 *
 * const error = new ExchangeError('network', 'timeout after 5000 ms', true);
 * console.log(error.retryable); // true
 * ```
 */
export class ExchangeError extends OrderError {
  /** True when the same call may succeed if repeated (network errors, timeouts). */
  readonly retryable: boolean;

  /**
   * @param code - stable code, e.g. `"network"` or `"unknown_market"`
   * @param message - human-readable message
   * @param retryable - whether the call may be retried
   * @param options - standard `ErrorOptions`
   */
  constructor(code: string, message: string, retryable = false, options?: ErrorOptions) {
    super(code, message, options);
    this.retryable = retryable;
  }
}

/**
 * An order store failed to read or write, or its schema is newer than this package.
 *
 * @example
 * ```ts
 * import { OrderStoreError } from '@rrr/orders';
 *
 * console.log(new OrderStoreError('schema_too_new', 'database schema v9 > supported v1').code);
 * ```
 */
export class OrderStoreError extends OrderError {}
