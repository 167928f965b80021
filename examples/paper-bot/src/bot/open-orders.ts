import { isOpenStatus, type Order, type OrderManagerEvent } from '@rrr/orders';

/**
 * The bot's in-memory view of its open orders, kept from the OrderManager's events (every change of an order is
 * an event), so that the time step reads them without a store query on the bar -> order path.
 */
export class OpenOrders {
  readonly #orders = new Map<string, Order>();

  /**
   * @param initial - the open orders after `OrderManager.start()` (reconciled)
   */
  constructor(initial: readonly Order[] = []) {
    for (const order of initial) this.#orders.set(order.clientOrderId, order);
  }

  /** Follows one OrderManager event. */
  apply(event: OrderManagerEvent): void {
    if (event.type === 'error' || event.type === 'order_denied') return;
    const { order } = event;
    if (isOpenStatus(order.status)) this.#orders.set(order.clientOrderId, order);
    else this.#orders.delete(order.clientOrderId);
  }

  /** Replaces the view (after start-up reconciliation). */
  reset(orders: readonly Order[]): void {
    this.#orders.clear();
    for (const order of orders) this.#orders.set(order.clientOrderId, order);
  }

  /** The open orders, oldest first. */
  list(): Order[] {
    return [...this.#orders.values()];
  }

  /** How many orders are open. */
  get size(): number {
    return this.#orders.size;
  }
}
