import type { Exchange, ExecutionEvent, MarketInfo, Order, OrderChange, VenueOrderReport } from '@rrr/orders';
import type { Decimal } from 'decimal.js';

/** The bot's time: the close of the bar being processed, undefined before the first bar. */
export interface BarClock {
  now(): number | undefined;
}

function restamp(report: VenueOrderReport, time: number | undefined): VenueOrderReport {
  if (time === undefined) return report;
  return { ...report, timestamp: time, fills: report.fills.map((fill) => ({ ...fill, timestamp: time })) };
}

/**
 * An {@link Exchange} that stamps the reports and fills of another one with the bot's bar time. Used when replayed
 * candles drive orders at a real test environment: the venue lives in wall-clock time, the bot in the time of the
 * replayed bars, and stops and journal must stay in one frame (a fill stamped after every replayed bar would never
 * let a stop trigger). Ids, statuses, quantities, prices and fees are the venue's, unchanged.
 *
 * @example
 * ```ts
 * let close: number | undefined;
 * const exchange = new BarTimeExchange(ccxtExchange, { now: () => close });
 * ```
 */
export class BarTimeExchange implements Exchange {
  /** The wrapped venue's id. */
  readonly id: string;
  readonly #venue: Exchange;
  readonly #clock: BarClock;

  /**
   * @param venue - the real venue
   * @param clock - the bot's bar time
   */
  constructor(venue: Exchange, clock: BarClock) {
    this.id = venue.id;
    this.#venue = venue;
    this.#clock = clock;
  }

  /** @param symbol - market symbol */
  market(symbol: string): Promise<MarketInfo> {
    return this.#venue.market(symbol);
  }

  /** @param order - the order */
  async submit(order: Order): Promise<VenueOrderReport> {
    return restamp(await this.#venue.submit(order), this.#clock.now());
  }

  /** @param order - the order */
  async cancel(order: Order): Promise<VenueOrderReport> {
    return restamp(await this.#venue.cancel(order), this.#clock.now());
  }

  /**
   * @param order - the order
   * @param change - new price and/or quantity
   */
  async modify(order: Order, change: OrderChange): Promise<VenueOrderReport> {
    return restamp(await this.#venue.modify(order, change), this.#clock.now());
  }

  /**
   * @param clientOrderId - client order id
   * @param symbol - market symbol
   */
  async fetchOrder(clientOrderId: string, symbol: string): Promise<VenueOrderReport | undefined> {
    const report = await this.#venue.fetchOrder(clientOrderId, symbol);
    return report === undefined ? undefined : restamp(report, this.#clock.now());
  }

  /** @param symbol - market symbol */
  async fetchOpenOrders(symbol?: string): Promise<VenueOrderReport[]> {
    const time = this.#clock.now();
    return (await this.#venue.fetchOpenOrders(symbol)).map((report) => restamp(report, time));
  }

  /** Balances as the venue reports them. */
  fetchBalances(): Promise<Record<string, Decimal>> {
    return this.#venue.fetchBalances();
  }

  /** @param listener - execution events, passed through */
  subscribe(listener: (event: ExecutionEvent) => void): () => void {
    return this.#venue.subscribe(listener);
  }
}
