import { performance } from 'node:perf_hooks';
import type { Exchange } from '@rrr/orders';

/**
 * Notes when the venue acknowledged an order: the moment `submit` resolved, before the OrderManager stores the
 * acknowledgement. That is the end point of the bot's bar close -> order at venue latency.
 */
export class VenueAcks {
  #last: number | undefined;

  /**
   * The exchange with `submit` timed; every other call passes through unchanged.
   *
   * @param exchange - the venue's exchange
   * @returns the same exchange, observed
   */
  observe(exchange: Exchange): Exchange {
    const acks = this;
    return {
      id: exchange.id,
      market: (symbol) => exchange.market(symbol),
      async submit(order) {
        const report = await exchange.submit(order);
        acks.#last = performance.now();
        return report;
      },
      cancel: (order) => exchange.cancel(order),
      modify: (order, change) => exchange.modify(order, change),
      fetchOrder: (clientOrderId, symbol) => exchange.fetchOrder(clientOrderId, symbol),
      fetchOpenOrders: (symbol) => exchange.fetchOpenOrders(symbol),
      fetchBalances: () => exchange.fetchBalances(),
      subscribe: (listener) => exchange.subscribe(listener),
    };
  }

  /** The time of the last acknowledgement not taken yet (undefined when the venue saw no order since). */
  take(): number | undefined {
    const last = this.#last;
    this.#last = undefined;
    return last;
  }
}
