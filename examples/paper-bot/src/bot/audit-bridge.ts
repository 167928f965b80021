import type { AuditEventInput, AuditLog } from '@rrr/audit';
import { type Fill, type Order, type OrderManagerEvent, Portfolio } from '@rrr/orders';

/**
 * Turns OrderManager events into audit events (ids are idempotency keys derived from the client order id
 * or trade id, so a replayed event after a restart is stored once).
 *
 * @param event - an OrderManager event
 * @param venue - where orders are sent (`paper`, or the exchange id of the sandbox), for `order.submitted`
 * @returns the audit events to append (possibly none)
 */
export function auditEventsOf(event: OrderManagerEvent, venue = 'paper'): AuditEventInput[] {
  const actor = 'paper-bot';
  switch (event.type) {
    case 'order_created': {
      const o = event.order;
      return [
        {
          id: `${o.clientOrderId}:intent`,
          kind: 'order.intent',
          actor,
          payload: {
            orderId: o.clientOrderId,
            clientOrderId: o.clientOrderId,
            symbol: o.symbol,
            side: o.side,
            type: o.type,
            quantity: o.quantity.toFixed(),
            reduceOnly: o.reduceOnly,
            createdAt: o.createdAt,
          },
        },
        {
          id: `${o.clientOrderId}:submitted`,
          kind: 'order.submitted',
          actor,
          payload: { orderId: o.clientOrderId, venue },
        },
      ];
    }
    case 'order_denied':
      return [
        {
          id: `${event.order.clientOrderId}:denied`,
          kind: 'order.denied',
          actor,
          payload: {
            orderId: event.order.clientOrderId,
            code: event.order.reasonCode ?? 'denied',
            reason: event.order.reason ?? 'denied by the pre-trade check',
            quantity: event.order.quantity.toFixed(),
          },
        },
      ];
    case 'order_status': {
      const o = event.order;
      if (o.status === 'new') {
        const payload =
          o.venueOrderId === undefined
            ? { orderId: o.clientOrderId }
            : { orderId: o.clientOrderId, venueOrderId: o.venueOrderId };
        return [{ id: `${o.clientOrderId}:accepted`, kind: 'order.accepted', actor, payload }];
      }
      if (o.status === 'canceled' || o.status === 'expired') {
        return [
          {
            id: `${o.clientOrderId}:canceled`,
            kind: 'order.canceled',
            actor,
            payload: { orderId: o.clientOrderId, reason: o.reason ?? o.status },
          },
        ];
      }
      if (o.status === 'rejected') {
        return [
          {
            id: `${o.clientOrderId}:rejected`,
            kind: 'order.rejected',
            actor,
            payload: {
              orderId: o.clientOrderId,
              reason: o.reason ?? o.reasonCode ?? 'rejected by the venue',
            },
          },
        ];
      }
      return [];
    }
    case 'fill': {
      const { fill, order, position } = event;
      const signed = fill.side === 'buy' ? fill.quantity : fill.quantity.neg();
      return [
        {
          id: `${fill.tradeId}:fill`,
          kind: 'order.filled',
          actor,
          payload: {
            orderId: order.clientOrderId,
            quantity: fill.quantity.toFixed(),
            price: fill.price.toFixed(),
            fee: fill.fee.toFixed(),
            partial: order.status === 'partially_filled',
            tradeId: fill.tradeId,
            liquidity: fill.liquidity,
            timestamp: fill.timestamp,
          },
        },
        {
          id: `${fill.tradeId}:position`,
          kind: 'position.changed',
          actor,
          payload: {
            symbol: fill.symbol,
            quantityBefore: position.quantity.minus(signed).toFixed(),
            quantityAfter: position.quantity.toFixed(),
            averageEntryPrice: position.averageEntryPrice.toFixed(),
            realizedPnl: position.realizedPnl.toFixed(),
          },
        },
      ];
    }
    default:
      return [];
  }
}

/**
 * Collects the audit events of a bar and appends them in one batch when `flush()` is called (after the bar's
 * orders reached the venue, so the audit fsync stays off the bar -> order path; the batch shares one commit).
 */
export class AuditQueue {
  readonly #log: AuditLog;
  #events: AuditEventInput[] = [];

  /**
   * @param log - the audit log
   */
  constructor(log: AuditLog) {
    this.#log = log;
  }

  /**
   * Queues one event.
   *
   * @param event - the audit event
   */
  push(event: AuditEventInput): void {
    this.#events.push(event);
  }

  /** Appends every queued event and waits until they are durable; rethrows the first failure. */
  async flush(): Promise<void> {
    while (this.#events.length > 0) {
      const batch = this.#events;
      this.#events = [];
      await Promise.all(batch.map((event) => this.#log.append(event)));
    }
  }
}

/**
 * Rebuilds the audit events of every stored order and fill, marked `recovered: true`. Appending them is a
 * no-op for events already in the log (same idempotency ids) and fills the gap a crash may have left between
 * an order reaching the store and its audit records reaching the log.
 *
 * @param orders - every stored order
 * @param fills - every stored fill, oldest first
 * @param venue - where orders are sent (see {@link auditEventsOf})
 * @returns the audit events
 */
export function recoveredAuditEvents(
  orders: readonly Order[],
  fills: readonly Fill[],
  venue = 'paper',
): AuditEventInput[] {
  const events: OrderManagerEvent[] = [];
  const byId = new Map(orders.map((o) => [o.clientOrderId, o]));
  for (const order of orders) {
    if (order.status === 'denied') {
      events.push({ type: 'order_denied', order });
      continue;
    }
    events.push({ type: 'order_created', order: { ...order, status: 'pending_new' } });
    if (order.status !== 'pending_new' && order.venueOrderId !== undefined) {
      events.push({ type: 'order_status', order: { ...order, status: 'new' }, from: 'pending_new' });
    }
    if (order.status === 'canceled' || order.status === 'expired' || order.status === 'rejected') {
      events.push({ type: 'order_status', order, from: 'new' });
    }
  }
  const portfolio = new Portfolio();
  for (const fill of fills) {
    const position = portfolio.applyFill(fill);
    const order = byId.get(fill.clientOrderId);
    if (order !== undefined) events.push({ type: 'fill', fill, order, position });
  }
  return events
    .flatMap((event) => auditEventsOf(event, venue))
    .map((event) => ({ ...event, payload: { ...event.payload, recovered: true } }) as AuditEventInput);
}
