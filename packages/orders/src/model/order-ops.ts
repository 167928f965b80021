import type { Decimal } from 'decimal.js';
import { OrderError } from '../errors.js';
import { add, compare } from '../util/decimal-ops.js';
import { exactNotional, notionalOf } from '../util/notional.js';
import { reviseOrder } from './order-build.js';
import { assertTransition } from './transitions.js';
import type { Fill, Order, OrderStatus } from './types.js';

/** Extra fields that may change together with a status. */
export interface TransitionDetails {
  /** Venue order id learned with this change. */
  venueOrderId?: string;
  /** Machine-readable reason (rejections, denials, expiries). */
  reasonCode?: string;
  /** Human-readable reason. */
  reason?: string;
}

const NO_DETAILS: TransitionDetails = Object.freeze({});

/**
 * Returns a copy of `order` in status `to`, after checking the lifecycle table.
 *
 * @param order - the order
 * @param to - the new status
 * @param at - time of the change, ms UTC
 * @param details - venue id or reason to record
 * @throws {@link IllegalTransitionError} when the table forbids the change
 * @example
 * ```ts
 * import { newOrder, parseOrderIntent, transitionOrder } from '@rrr/orders';
 *
 * const order = newOrder(parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: 1 }), 'c-1', 0);
 * transitionOrder(order, 'new', 1, { venueOrderId: 'v-1' }).status; // "new"
 * ```
 */
export function transitionOrder(
  order: Order,
  to: OrderStatus,
  at: number,
  details: TransitionDetails = NO_DETAILS,
): Order {
  assertTransition(order.status, to, order.clientOrderId);
  return reviseOrder(order, {
    venueOrderId: details.venueOrderId,
    reasonCode: details.reasonCode,
    reason: details.reason,
    status: to,
    updatedAt: at,
    version: order.version + 1,
  });
}

/** The value has no more significant digits than its Decimal precision (adding 0 to it rounds nothing away). */
function withinPrecision(value: Decimal): boolean {
  return value.sd() <= (value.constructor as typeof Decimal).precision;
}

/**
 * Returns a copy of `order` with a fill applied: cumulative quantity, average price and fees are updated.
 *
 * Status after the fill: `filled` when the order is complete; otherwise `partially_filled`, except that an
 * order waiting for a cancel or replace keeps its pending status, and a `canceled`/`expired` order keeps its
 * status (a late partial fill is recorded, the order stays closed). A late fill that completes a canceled
 * order moves it to `filled`.
 *
 * @param order - the order
 * @param fill - the execution; its side and symbol must match the order
 * @throws {@link OrderError} `overfill` when the fill exceeds the remaining quantity, `fill_mismatch` on a
 * wrong symbol/side, {@link IllegalTransitionError} for a fill on a filled, rejected or denied order
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { applyFillToOrder, newOrder, parseOrderIntent } from '@rrr/orders';
 *
 * const order = newOrder(parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: 2 }), 'c-1', 0);
 * const next = applyFillToOrder(order, {
 *   tradeId: 't1', clientOrderId: 'c-1', symbol: 'BTC/USDT', side: 'buy', quantity: new Decimal(1),
 *   price: new Decimal(100), fee: new Decimal('0.1'), feeCurrency: 'USDT', liquidity: 'taker', timestamp: 1,
 * });
 * next.status; // "partially_filled"
 * ```
 */
export function applyFillToOrder(order: Order, fill: Fill): Order {
  if (fill.symbol !== order.symbol || fill.side !== order.side) {
    throw new OrderError(
      'fill_mismatch',
      `fill ${fill.tradeId} (${fill.symbol} ${fill.side}) does not match order ${order.clientOrderId} (${order.symbol} ${order.side})`,
    );
  }
  const first = order.filledQuantity.isZero();
  // a first fill whose notional is exact: 0 + quantity is the quantity and the average is the fill price
  const exactFirst = first && exactNotional(fill);
  const filled = exactFirst ? fill.quantity : add(order.filledQuantity, fill.quantity);
  const beyond = compare(filled, order.quantity);
  if (beyond > 0) {
    throw new OrderError(
      'overfill',
      `fill ${fill.tradeId} quantity ${fill.quantity.toString()} exceeds the remaining ${order.quantity.sub(order.filledQuantity).toString()} of order ${order.clientOrderId}`,
    );
  }
  const complete = beyond === 0;
  let status: OrderStatus;
  if (complete) status = 'filled';
  else if (order.status === 'canceled' || order.status === 'expired') status = order.status;
  else if (order.status === 'pending_cancel' || order.status === 'pending_replace') status = order.status;
  else status = 'partially_filled';
  if (status !== order.status || status === 'partially_filled')
    assertTransition(order.status, status, order.clientOrderId);
  let averageFillPrice: Decimal;
  if (exactFirst) averageFillPrice = fill.price;
  else {
    // first fill: the earlier notional is 0, and 0 + x is x (already rounded by the product)
    const latest = notionalOf(fill);
    const notional = first
      ? latest
      : (order.averageFillPrice ?? fill.price).mul(order.filledQuantity).add(latest);
    averageFillPrice = notional.div(filled);
  }
  return reviseOrder(order, {
    status,
    filledQuantity: filled,
    averageFillPrice,
    // a first fee onto no fees: 0 + fee is the fee (positive, so no -0 / +0 question; within the precision)
    fees:
      exactFirst && order.fees.isZero() && fill.fee.s === 1 && withinPrecision(fill.fee)
        ? fill.fee
        : add(order.fees, fill.fee),
    feeCurrency: fill.feeCurrency,
    updatedAt: fill.timestamp,
    version: order.version + 1,
  });
}
