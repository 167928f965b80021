import { IllegalTransitionError } from '../errors.js';
import type { OrderStatus } from './types.js';

/**
 * The order lifecycle as a pure table: for each status, the statuses it may move to.
 *
 * Notes: `pending_new` may jump straight to `filled`/`partially_filled` (a venue can report fills before the
 * acknowledgement) or to `canceled`/`expired` (an IOC/FOK order with nothing filled). `pending_cancel` and
 * `pending_replace` go back to `new`/`partially_filled` when the venue refuses the cancel / replace, and to
 * `filled` when a fill races the request. `canceled -> filled` (and `expired -> filled`) is the late fill that completes an order whose
 * cancel (expiry) the venue had already confirmed. `filled`, `rejected` and `denied` are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_new: ['new', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired', 'denied'],
  new: ['partially_filled', 'filled', 'pending_cancel', 'pending_replace', 'canceled', 'expired'],
  partially_filled: [
    'partially_filled',
    'filled',
    'pending_cancel',
    'pending_replace',
    'canceled',
    'expired',
  ],
  pending_cancel: ['new', 'partially_filled', 'filled', 'canceled', 'expired'],
  pending_replace: ['new', 'partially_filled', 'filled', 'pending_cancel', 'canceled', 'expired'],
  canceled: ['filled'],
  filled: [],
  rejected: [],
  expired: ['filled'],
  denied: [],
};

const OPEN: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'pending_new',
  'new',
  'partially_filled',
  'pending_cancel',
  'pending_replace',
]);

/**
 * True when the lifecycle table allows `from -> to`.
 *
 * @param from - current status
 * @param to - requested status
 * @example
 * ```ts
 * import { canTransition } from '@rrr/orders';
 *
 * canTransition('new', 'filled'); // true
 * canTransition('filled', 'canceled'); // false
 * ```
 */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/**
 * Throws {@link IllegalTransitionError} unless the lifecycle table allows `from -> to`.
 *
 * @param from - current status
 * @param to - requested status
 * @param context - optional text for the error message (e.g. the client order id)
 * @example
 * ```ts
 * import { assertTransition } from '@rrr/orders';
 *
 * assertTransition('pending_new', 'new'); // ok
 * ```
 */
export function assertTransition(from: OrderStatus, to: OrderStatus, context?: string): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to, context);
}

/**
 * True for statuses in which the order may still trade or change (`pending_new`, `new`, `partially_filled`,
 * `pending_cancel`, `pending_replace`).
 *
 * @param status - the status
 * @example
 * ```ts
 * import { isOpenStatus } from '@rrr/orders';
 *
 * isOpenStatus('partially_filled'); // true
 * ```
 */
export function isOpenStatus(status: OrderStatus): boolean {
  return OPEN.has(status);
}

/**
 * True for statuses that accept no further operation (`filled`, `canceled`, `rejected`, `expired`, `denied`).
 * A `canceled` order may still receive a late fill from the venue.
 *
 * @param status - the status
 * @example
 * ```ts
 * import { isTerminalStatus } from '@rrr/orders';
 *
 * isTerminalStatus('denied'); // true
 * ```
 */
export function isTerminalStatus(status: OrderStatus): boolean {
  return !OPEN.has(status);
}
