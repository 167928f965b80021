import type { OrderManager } from '@rrr/orders';
import type { Logger } from 'pino';
import type { BotMetrics } from '../server/metrics.js';
import { type AuditQueue, auditEventsOf } from './audit-bridge.js';
import type { LiveState } from './live-state.js';
import type { OpenOrders } from './open-orders.js';
import type { SymbolTrader } from './trader.js';

/** Where the OrderManager's events go. */
export interface OrderEventSinks {
  readonly log: Logger;
  readonly queue: AuditQueue;
  readonly metrics: BotMetrics;
  readonly live: LiveState;
  readonly traders: ReadonlyMap<string, SymbolTrader>;
  readonly openOrders: OpenOrders;
  /** Where orders go, as the audit records name it (`paper` or the sandbox exchange's id). */
  readonly venue: string;
}

/**
 * Routes every OrderManager event: structured log lines, audit records (queued, flushed at the step's
 * checkpoint), metrics by status, the dashboard's recent fills, the open-order view, and each fill to its
 * symbol's stops.
 *
 * @param manager - the OrderManager
 * @param sinks - log, audit queue, metrics, live state, traders and the open-order view
 * @returns reads the number of fills seen since wiring
 */
export function wireOrderEvents(manager: OrderManager, sinks: OrderEventSinks): () => number {
  const { log, queue, metrics, live, traders, openOrders } = sinks;
  let fills = 0;
  manager.onAny((event) => {
    openOrders.apply(event);
    for (const e of auditEventsOf(event, sinks.venue)) queue.push(e);
    switch (event.type) {
      case 'error':
        log.error({ error: event.error }, 'order manager error');
        break;
      case 'order_created':
        metrics.orders.inc({ status: 'pending_new' });
        break;
      case 'order_denied':
        metrics.orders.inc({ status: 'denied' });
        log.warn(
          { orderId: event.order.clientOrderId, code: event.order.reasonCode, reason: event.order.reason },
          'order denied',
        );
        break;
      case 'order_status':
        metrics.orders.inc({ status: event.order.status });
        break;
      case 'fill': {
        const { fill } = event;
        log.info(
          {
            orderId: fill.clientOrderId,
            symbol: fill.symbol,
            side: fill.side,
            quantity: fill.quantity.toFixed(),
            price: fill.price.toFixed(),
          },
          'fill',
        );
        metrics.fills.inc({ symbol: fill.symbol });
        fills++;
        live.addFill(fill);
        traders.get(fill.symbol)?.onFill(fill, event.position);
        break;
      }
      default:
        break;
    }
  });
  return () => fills;
}
