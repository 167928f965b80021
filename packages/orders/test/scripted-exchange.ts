import { Decimal } from 'decimal.js';
import type { Exchange, ExecutionEvent, OrderChange, VenueOrderReport } from '../src/exchange/exchange.js';
import { defineMarket, type MarketInfo } from '../src/model/market.js';
import type { Order } from '../src/model/types.js';

/**
 * A venue double whose answers the test scripts: it records every call, answers submit with `new` (or a
 * scripted report / error) and lets the test push execution events.
 */
export class ScriptedExchange implements Exchange {
  readonly id = 'scripted';
  readonly calls: string[] = [];
  readonly orders = new Map<string, VenueOrderReport>();
  nextSubmit: ((order: Order) => VenueOrderReport) | Error | undefined;
  readonly #listeners = new Set<(e: ExecutionEvent) => void>();
  readonly #market: MarketInfo = defineMarket({
    symbol: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    tickSize: '0.01',
    lotStep: '0.00001',
  });

  async market(): Promise<MarketInfo> {
    return this.#market;
  }

  async submit(order: Order): Promise<VenueOrderReport> {
    this.calls.push(`submit ${order.clientOrderId}`);
    const scripted = this.nextSubmit;
    this.nextSubmit = undefined;
    if (scripted instanceof Error) throw scripted;
    const report = scripted
      ? scripted(order)
      : {
          clientOrderId: order.clientOrderId,
          venueOrderId: `V-${order.clientOrderId}`,
          symbol: order.symbol,
          status: 'new' as const,
          filledQuantity: new Decimal(0),
          quantity: order.quantity,
          ...(order.price ? { price: order.price } : {}),
          fills: [],
          timestamp: 1,
        };
    this.orders.set(order.clientOrderId, report);
    return report;
  }

  async cancel(order: Order): Promise<VenueOrderReport> {
    this.calls.push(`cancel ${order.clientOrderId}`);
    const current = this.orders.get(order.clientOrderId);
    if (!current) throw new Error('unknown');
    const report = { ...current, status: 'canceled' as const, timestamp: 2 };
    this.orders.set(order.clientOrderId, report);
    return report;
  }

  async modify(order: Order, change: OrderChange): Promise<VenueOrderReport> {
    this.calls.push(`modify ${order.clientOrderId}`);
    const current = this.orders.get(order.clientOrderId);
    if (!current) throw new Error('unknown');
    const report = {
      ...current,
      ...(change.price ? { price: change.price } : {}),
      ...(change.quantity ? { quantity: change.quantity } : {}),
    };
    this.orders.set(order.clientOrderId, report);
    return report;
  }

  async fetchOrder(clientOrderId: string): Promise<VenueOrderReport | undefined> {
    this.calls.push(`fetch ${clientOrderId}`);
    return this.orders.get(clientOrderId);
  }

  async fetchOpenOrders(): Promise<VenueOrderReport[]> {
    return [...this.orders.values()].filter((r) => r.status === 'new' || r.status === 'partially_filled');
  }

  async fetchBalances(): Promise<Record<string, Decimal>> {
    return {};
  }

  subscribe(listener: (e: ExecutionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  push(event: ExecutionEvent): void {
    for (const l of this.#listeners) l(event);
  }
}
