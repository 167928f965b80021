import { Decimal } from 'decimal.js';
import type { Exchange, ExecutionEvent, VenueOrderReport } from '../../src/exchange/exchange.js';
import type { MarketInfo } from '../../src/model/market.js';
import type { Order } from '../../src/model/types.js';
import { reportFromWire, type Wire } from './wire.js';

/** The crash-test child's view of the HTTP venue (submit, fetch, market only). */
export class HttpExchange implements Exchange {
  readonly id = 'http-paper';
  constructor(private readonly url: string) {}

  async #call(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  async market(symbol: string): Promise<MarketInfo> {
    const m = (await this.#call('/market', { symbol })) as Wire;
    return {
      symbol: String(m['symbol']),
      base: String(m['base']),
      quote: String(m['quote']),
      tickSize: new Decimal(m['tickSize'] as string),
      lotStep: new Decimal(m['lotStep'] as string),
      minQuantity: new Decimal(m['minQuantity'] as string),
      minNotional: new Decimal(m['minNotional'] as string),
    };
  }

  async submit(order: Order): Promise<VenueOrderReport> {
    return reportFromWire((await this.#call('/submit', order)) as Wire);
  }

  async cancel(): Promise<VenueOrderReport> {
    throw new Error('not used by the crash test');
  }

  async modify(): Promise<VenueOrderReport> {
    throw new Error('not used by the crash test');
  }

  async fetchOrder(clientOrderId: string): Promise<VenueOrderReport | undefined> {
    const raw = (await this.#call('/fetchOrder', { clientOrderId })) as Wire | null;
    return raw ? reportFromWire(raw) : undefined;
  }

  async fetchOpenOrders(): Promise<VenueOrderReport[]> {
    return ((await this.#call('/openOrders', {})) as Wire[]).map(reportFromWire);
  }

  async fetchBalances(): Promise<Record<string, Decimal>> {
    return {};
  }

  subscribe(_listener: (event: ExecutionEvent) => void): () => void {
    return () => {};
  }
}
