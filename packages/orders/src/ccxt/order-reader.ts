import { Decimal } from 'decimal.js';
import type { VenueOrderReport } from '../exchange/exchange.js';
import type { Order } from '../model/types.js';
import { splitSymbol } from '../position/portfolio.js';
import type { Clock } from '../util/clock.js';
import type { CcxtClient } from './client.js';
import { parseCcxtOrder, toReport } from './parse.js';
import { recordedQuoteSize } from './quote-sizing.js';
import { offsetReport } from './replace.js';

/** @internal What {@link CcxtOrderReader} needs from `CcxtExchange`. */
export interface OrderReaderDeps {
  readonly client: CcxtClient;
  /** Runs a venue call, retrying network errors. */
  readonly retry: <T>(call: () => Promise<T>) => Promise<T>;
  readonly clock: Clock;
  /** The `fetchMyTrades` param that narrows trades to one order. */
  readonly tradesParam: string;
  /** How the venue edits orders (see `CcxtExchangeOptions.editMode`). */
  readonly editMode: 'replace' | 'amend';
}

/**
 * @internal Reads venue orders for `CcxtExchange` and turns them into reports of our orders: trades fetched when the
 * order carries none, quote-sized orders recognised, replacements (cancel-and-replace edits) offset by what filled
 * before them.
 */
export class CcxtOrderReader {
  readonly #deps: OrderReaderDeps;

  constructor(deps: OrderReaderDeps) {
    this.#deps = deps;
  }

  /**
   * When an order reports fills but no trades, fetches its trades (`fetchMyTrades`) so that fills carry real
   * prices and fees; keeps the order as it is when the trades do not add up to the filled quantity.
   */
  async withTrades(raw: unknown, symbol: string, method: string): Promise<unknown> {
    const o = parseCcxtOrder(raw, method);
    if (!o.filled || (o.trades && o.trades.length > 0)) return raw;
    const trades = (
      await this.#deps.retry(() =>
        this.#deps.client.fetchMyTrades(symbol, o.timestamp ?? undefined, undefined, {
          [this.#deps.tradesParam]: o.id,
        }),
      )
    ).filter((t) => (t as { order?: unknown } | null)?.order === o.id);
    const total = trades.reduce<Decimal>(
      (sum, t) => sum.add(new Decimal(String((t as { amount?: unknown }).amount ?? 0))),
      new Decimal(0),
    );
    return total.eq(new Decimal(String(o.filled))) ? { ...(raw as object), trades } : raw;
  }

  /** One venue order by venue id (`fetchOrder`), with its trades, reported for our order `known`. */
  async byVenueId(venueOrderId: string, known: Order): Promise<VenueOrderReport> {
    const raw = await this.#deps.retry(() => this.#deps.client.fetchOrder(venueOrderId, known.symbol));
    return this.relative(await this.withTrades(raw, known.symbol, 'fetchOrder'), known, 'fetchOrder');
  }

  /**
   * The report of venue order `raw` for our order `known`. With cancel-and-replace edits, the venue order may be a
   * replacement for what was left of our order: its quantities are offset by what filled before it. That is
   * `known.quantity − its amount` when `known` points at it; when the venue holds a newer order under our client
   * order id (an edit whose answer was lost), the order `known` points at is read back to find out.
   */
  async relative(raw: unknown, known: Order, method: string): Promise<VenueOrderReport> {
    const report = this.toReport(raw, known, method);
    if (this.#deps.editMode !== 'replace' || report.quoteQuantity) return report;
    const o = parseCcxtOrder(raw, method);
    if (o.amount == null) return report;
    if (known.venueOrderId === undefined || known.venueOrderId === o.id) {
      // what filled before a replacement was reported with the edit, so it is never more than we know filled
      const prior = known.quantity.sub(new Decimal(String(o.amount)));
      return prior.gt(0) && prior.lte(known.filledQuantity) ? offsetReport(report, prior, []) : report;
    }
    const previous = await this.byVenueId(known.venueOrderId, known);
    return offsetReport(report, previous.filledQuantity, previous.fills);
  }

  /**
   * A ccxt order as a report of our order `ours` (its side and quantity when known). A quote-sized order (we sent
   * `sentQuote`, or the venue recorded a quote size) gets `quoteQuantity`, and its base quantity is ours while it
   * works and the filled quantity once the venue closed it.
   */
  toReport(
    raw: unknown,
    ours: Pick<Order, 'clientOrderId' | 'symbol'> & Partial<Pick<Order, 'side' | 'quantity'>>,
    method: string,
    sentQuote?: Decimal,
  ): VenueOrderReport {
    const o = parseCcxtOrder(raw, method);
    const side = ours.side ?? ((raw as { side?: unknown }).side === 'sell' ? 'sell' : 'buy');
    const quoteQuantity = sentQuote ?? recordedQuoteSize(raw);
    const filled = new Decimal(String(o.filled ?? 0));
    // a quote-sized order has no base amount at the venue: ours while it works, the filled base once closed
    const quantity =
      quoteQuantity && (o.status === 'closed' || !ours.quantity)
        ? filled
        : (ours.quantity ?? new Decimal(String(o.amount ?? 0)));
    const report = toReport(
      o,
      { ...ours, side, quantity },
      splitSymbol(ours.symbol).quote,
      this.#deps.clock.now(),
    );
    return quoteQuantity ? { ...report, quantity, quoteQuantity } : report;
  }
}
