import { Decimal } from 'decimal.js';
import { ExchangeError, OrderError } from '../errors.js';
import type { Exchange, ExecutionEvent, OrderChange, VenueOrderReport } from '../exchange/exchange.js';
import type { MarketInfo } from '../model/market.js';
import type { Order } from '../model/types.js';
import { type Clock, systemClock } from '../util/clock.js';
import type { CcxtClient } from './client.js';
import { amendOrder, type EditContext, replaceOrder } from './edit.js';
import { CcxtOrderReader } from './order-reader.js';
import { parseCcxtOrder } from './parse.js';
import { marketBuyCost, referenceAsk } from './quote-sizing.js';

export type { CcxtClient } from './client.js';

/** Options of {@link CcxtExchange}. */
export interface CcxtExchangeOptions {
  /** Attempts per call when ccxt throws a `NetworkError` (default 3). */
  attempts?: number;
  /** Backoff before retry `n` (1-based), ms (default `200 * 2 ** (n - 1)`). */
  backoffMs?: (attempt: number) => number;
  /** Sleep function (default `setTimeout`); inject for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock for report timestamps when ccxt gives none (default: system clock). */
  clock?: Clock;
  /**
   * How an order is found by client order id: `"fetchOrder"` (default; `fetchOrder` with
   * `params.clientOrderId`, e.g. Binance) or `"fetchOrders"` (scan the symbol's recent orders, e.g. Coinbase).
   */
  clientOrderIdLookup?: 'fetchOrder' | 'fetchOrders';
  /**
   * The `createOrder` param that carries our client order id: `"clientOrderId"` (default, ccxt's unified name,
   * e.g. Binance) or the venue's own field where ccxt does not map the unified one (Coinbase: `"client_order_id"`).
   */
  clientOrderIdParam?: string;
  /**
   * The `fetchMyTrades` param that narrows trades to one order: `"orderId"` (default, Binance) or the venue's
   * own (Coinbase: `"order_id"`). Trades are matched to the order by id either way.
   */
  orderTradesParam?: string;
  /**
   * Whether the venue sizes market BUY orders in quote currency (default: ccxt's
   * `options.createMarketBuyOrderRequiresPrice` of the client, true for Coinbase). Such a buy is sent as a quote
   * amount: `quantity × best ask × (1 + marketBuyBufferBps / 10,000)`, rounded up to the market's quote step, with
   * the best ask read by `fetchTicker` just before the order is sent (the last trade price when the ticker has no
   * ask). The fill comes back in base units and may differ from `quantity`: see `VenueOrderReport.quoteQuantity`.
   */
  quoteSizedMarketBuys?: boolean;
  /**
   * Extra quote spent on a quote-sized market buy, in basis points of `quantity × best ask` (default 0): a
   * buffer against the price moving up between the ticker and the fill, at the cost of buying more base when
   * it does not. Must be a finite number >= 0.
   */
  marketBuyBufferBps?: number;
  /**
   * How the venue's `editOrder` works: `"replace"` (cancel-and-replace, the order gets a new venue id and the
   * replacement is sized for what is left, e.g. Binance, and ccxt's emulated edit on venues without one) or
   * `"amend"` (edited in place with its new total size, e.g. Coinbase). Default `"amend"` for ccxt's `coinbase`,
   * `"replace"` otherwise. See {@link CcxtExchange.modify}.
   */
  editMode?: 'replace' | 'amend';
}

/** One OHLCV bar from {@link CcxtExchange.fetchBars}; `timestamp` is the bar open time. */
export interface CcxtBar {
  /** Bar open time, ms UTC. */
  readonly timestamp: number;
  /** Open. */
  readonly open: Decimal;
  /** High. */
  readonly high: Decimal;
  /** Low. */
  readonly low: Decimal;
  /** Close. */
  readonly close: Decimal;
  /** Volume (base units). */
  readonly volume: Decimal;
}

/** ccxt's error classes that the adapter tells apart; pass the `ccxt` module itself. */
export interface CcxtErrorClasses {
  /** Retryable transport failures (timeouts, connection resets, rate limits). */
  NetworkError: new (
    ...args: never[]
  ) => Error;
  /** Refusals by the exchange (insufficient funds, invalid order, ...). */
  ExchangeError: new (
    ...args: never[]
  ) => Error;
  /** The exchange does not know the order. */
  OrderNotFound: new (
    ...args: never[]
  ) => Error;
}

/** ccxt error class name -> our reason code (refusals become `rejected` orders). */
function reasonCode(error: Error): string {
  return error.constructor.name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * {@link Exchange} over ccxt's unified API. Orders carry our client order id (`params.clientOrderId`), so a
 * `createOrder` that timed out is looked up by that id before it is sent again: retries never duplicate.
 * ccxt `NetworkError`s are retried with backoff; exchange refusals (`InsufficientFunds`, `InvalidOrder`, ...)
 * come back as `rejected` reports whose `reasonCode` is the ccxt error name in snake case.
 * ccxt REST has no push channel: `subscribe` never fires, so call `OrderManager.reconcile()` periodically.
 *
 * @example
 * ```ts
 * import ccxt from 'ccxt';
 * import { CcxtExchange } from '@rrr/orders/ccxt';
 *
 * const venue = new CcxtExchange(new ccxt.binance({ apiKey: 'key', secret: 'secret' }), ccxt);
 * const market = await venue.market('BTC/USDT');
 * ```
 */
export class CcxtExchange implements Exchange {
  /** ccxt exchange id. */
  readonly id: string;
  readonly #client: CcxtClient;
  readonly #errors: CcxtErrorClasses;
  readonly #attempts: number;
  readonly #backoff: (attempt: number) => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #clock: Clock;
  readonly #markets = new Map<string, MarketInfo>();
  readonly #lookup: 'fetchOrder' | 'fetchOrders';
  readonly #clientIdParam: string;
  readonly #quoteSizedBuys: boolean;
  readonly #bufferBps: number;
  readonly #costSteps = new Map<string, Decimal>();
  readonly #editMode: 'replace' | 'amend';
  readonly #reader: CcxtOrderReader;
  readonly #edits: EditContext;

  /**
   * @param client - a ccxt exchange instance
   * @param errors - ccxt's error classes (pass the `ccxt` module)
   * @param options - retry policy, sleep, clock
   */
  constructor(client: CcxtClient, errors: CcxtErrorClasses, options: CcxtExchangeOptions = {}) {
    this.id = client.id;
    this.#client = client;
    this.#errors = errors;
    this.#attempts = options.attempts ?? 3;
    this.#backoff = options.backoffMs ?? ((n) => 200 * 2 ** (n - 1));
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#clock = options.clock ?? systemClock;
    this.#lookup = options.clientOrderIdLookup ?? 'fetchOrder';
    this.#clientIdParam = options.clientOrderIdParam ?? 'clientOrderId';
    this.#quoteSizedBuys =
      options.quoteSizedMarketBuys ?? client.options?.['createMarketBuyOrderRequiresPrice'] === true;
    this.#bufferBps = options.marketBuyBufferBps ?? 0;
    this.#editMode = options.editMode ?? (client.id === 'coinbase' ? 'amend' : 'replace');
    this.#reader = new CcxtOrderReader({
      client,
      retry: (call) => this.#retry(call),
      clock: this.#clock,
      tradesParam: options.orderTradesParam ?? 'orderId',
      editMode: this.#editMode,
    });
    this.#edits = {
      client,
      reader: this.#reader,
      orderArgs: (order) => this.#orderArgs(order),
      fetchOrder: (clientOrderId, symbol, known) => this.fetchOrder(clientOrderId, symbol, known),
    };
    if (!Number.isFinite(this.#bufferBps) || this.#bufferBps < 0) {
      throw new OrderError(
        'invalid_option',
        `marketBuyBufferBps must be a finite number >= 0, got ${String(options.marketBuyBufferBps)}`,
      );
    }
  }

  /**
   * Market rules from ccxt's `loadMarkets` (tick size, lot step, minimum amount and cost).
   *
   * @param symbol - unified symbol
   * @throws `ExchangeError` `unknown_market`
   */
  async market(symbol: string): Promise<MarketInfo> {
    const cached = this.#markets.get(symbol);
    if (cached) return cached;
    const markets = await this.#retry(() => this.#client.loadMarkets());
    const m = markets[symbol] as
      | {
          base?: string;
          quote?: string;
          precision?: { price?: number; amount?: number; cost?: number };
          limits?: { amount?: { min?: number }; cost?: { min?: number } };
        }
      | undefined;
    if (!m?.base || !m.quote || m.precision?.price == null || m.precision.amount == null) {
      throw new ExchangeError('unknown_market', `market "${symbol}" is not listed on ${this.id}`);
    }
    const step = (p: number) =>
      this.#client.precisionMode === 4 ? new Decimal(String(p)) : new Decimal(10).pow(-p);
    const lotStep = step(m.precision.amount);
    const info: MarketInfo = {
      symbol,
      base: m.base,
      quote: m.quote,
      tickSize: step(m.precision.price),
      lotStep,
      minQuantity: m.limits?.amount?.min == null ? lotStep : new Decimal(String(m.limits.amount.min)),
      minNotional: m.limits?.cost?.min == null ? new Decimal(0) : new Decimal(String(m.limits.cost.min)),
    };
    this.#markets.set(symbol, info);
    // ccxt rounds a cost (quote amount) to precision.cost, or to the price precision when there is none
    this.#costSteps.set(symbol, m.precision.cost == null ? info.tickSize : step(m.precision.cost));
    return info;
  }

  /**
   * Places an order with `createOrder`. After a network error the order is looked up by client order id
   * and only re-sent when the venue does not have it.
   *
   * @param order - the order
   */
  async submit(order: Order): Promise<VenueOrderReport> {
    const { type, price, params } = this.#orderArgs(order);
    let quoteQuantity: Decimal | undefined;
    if (this.#quoteSizedBuys && order.type === 'market' && order.side === 'buy') {
      quoteQuantity = await this.#marketBuyCost(order);
      if (!quoteQuantity)
        return this.#rejected(order, 'no_reference_price', `${this.id} gave no ask for ${order.symbol}`);
      params['cost'] = quoteQuantity.toNumber();
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const raw = await this.#client.createOrder(
          order.symbol,
          type,
          order.side,
          order.quantity.toNumber(),
          price,
          params,
        );
        return this.#reader.toReport(raw, order, 'createOrder', quoteQuantity);
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        if (this.#is(error, 'NetworkError')) {
          if (attempt >= this.#attempts) {
            throw new ExchangeError('network', `${this.id} createOrder failed: ${error.message}`, true, {
              cause: error,
            });
          }
          await this.#sleep(this.#backoff(attempt));
          const existing = await this.fetchOrder(order.clientOrderId, order.symbol).catch(() => undefined);
          if (existing) return existing;
          continue;
        }
        if (this.#is(error, 'ExchangeError')) return this.#rejected(order, reasonCode(error), error.message);
        throw error;
      }
    }
  }

  /**
   * Cancels with `cancelOrder`; when the venue says the order is gone, returns its current state instead.
   *
   * @param order - the order (its venue order id is used when known)
   */
  async cancel(order: Order): Promise<VenueOrderReport> {
    const venueId =
      order.venueOrderId ?? (await this.fetchOrder(order.clientOrderId, order.symbol))?.venueOrderId;
    if (!venueId)
      throw new ExchangeError('unknown_order', `order "${order.clientOrderId}" is unknown to ${this.id}`);
    try {
      const raw = await this.#retry(() => this.#client.cancelOrder(venueId, order.symbol));
      const status = (raw as { status?: unknown } | null)?.status;
      if (status !== undefined && status !== null) {
        const withTrades = await this.#reader.withTrades(raw, order.symbol, 'cancelOrder');
        return await this.#reader.relative(withTrades, order, 'cancelOrder');
      }
      // some venues (Coinbase) answer a cancel with an acknowledgement only: read the order's state back
      return await this.#reader.byVenueId(venueId, order);
    } catch (error) {
      if (this.#is(error, 'OrderNotFound')) {
        const current = await this.fetchOrder(order.clientOrderId, order.symbol, order);
        if (current) return current;
      }
      throw this.#wrap(error, 'cancelOrder');
    }
  }

  /**
   * Changes price and/or quantity with ccxt's `editOrder`, keeping our client order id, also for partly filled
   * orders. `change.quantity` is the new TOTAL quantity (what already filled included), as in `OrderManager.modify`.
   *
   * - `editMode: "replace"` (Binance: cancel-and-replace). The order's current state is read first; the
   *   replacement (a new venue id) is placed for what is left, new total − filled at the venue; the replaced
   *   order is then read back, so fills that raced the cancel are reported too. The report speaks of our whole
   *   order: total quantity, everything filled, the replaced order's fills before the replacement's. A fill
   *   that lands between the read and the cancel is not subtracted from the replacement: the order's quantity
   *   then ends that fill above the requested total (the report says so). When the order filled or closed
   *   meanwhile, nothing is sent and its current state is returned.
   * - `editMode: "amend"` (Coinbase): the venue edits the order in place (same venue id, fills kept); Coinbase's
   *   `size` is the new total size, which must exceed what filled. Its answer is an acknowledgement only: the
   *   order is read back.
   *
   * Not retried: an edit that timed out may have happened; `reconcile()` reads the venue's state.
   *
   * @param order - the order
   * @param change - new price and/or total quantity
   * @throws `ExchangeError` `unknown_order`, `invalid_quantity` (new total not above what filled at the venue),
   * the venue's refusal (Coinbase: its `edit_failure_reason` in snake case), or the venue's error
   */
  async modify(order: Order, change: OrderChange): Promise<VenueOrderReport> {
    const venueOrderId = order.venueOrderId;
    if (!venueOrderId)
      throw new ExchangeError('unknown_order', `order "${order.clientOrderId}" has no venue id`);
    try {
      return this.#editMode === 'replace'
        ? await replaceOrder(this.#edits, order, change)
        : await amendOrder(this.#edits, order, venueOrderId, change);
    } catch (error) {
      throw this.#wrap(error, 'editOrder');
    }
  }

  /**
   * The venue's view of an order, found by client order id (`fetchOrder` with `params.clientOrderId`, or a scan of
   * `fetchOrders`); undefined when the venue does not have it. With `known` (our view of the order), a replacement
   * placed by a cancel-and-replace edit is reported for our whole order (see {@link CcxtExchange.modify}).
   *
   * @param clientOrderId - client order id
   * @param symbol - unified symbol
   * @param known - our current view of the order
   */
  async fetchOrder(
    clientOrderId: string,
    symbol: string,
    known?: Order,
  ): Promise<VenueOrderReport | undefined> {
    try {
      let raw: unknown;
      if (this.#lookup === 'fetchOrders') {
        const raws = await this.#retry(() => this.#client.fetchOrders(symbol));
        raw = raws.find((r) => (r as { clientOrderId?: unknown } | null)?.clientOrderId === clientOrderId);
        if (raw === undefined) return undefined;
      } else {
        raw = await this.#retry(() => this.#client.fetchOrder('', symbol, { clientOrderId }));
      }
      const withTrades = await this.#reader.withTrades(raw, symbol, 'fetchOrder');
      return known
        ? await this.#reader.relative(withTrades, known, 'fetchOrder')
        : this.#reader.toReport(withTrades, { clientOrderId, symbol }, 'fetchOrder');
    } catch (error) {
      if (this.#is(error, 'OrderNotFound')) return undefined;
      throw this.#wrap(error, 'fetchOrder');
    }
  }

  /**
   * Open orders (`fetchOpenOrders`); orders without a client order id are reported under their venue id.
   *
   * @param symbol - unified symbol
   */
  async fetchOpenOrders(symbol?: string): Promise<VenueOrderReport[]> {
    const raws = await this.#retry(() => this.#client.fetchOpenOrders(symbol));
    return raws.map((raw) => {
      const o = parseCcxtOrder(raw, 'fetchOpenOrders');
      return this.#reader.toReport(
        raw,
        { clientOrderId: o.clientOrderId ?? o.id, symbol: o.symbol },
        'fetchOpenOrders',
      );
    });
  }

  /** Total balance per currency (`fetchBalance().total`). */
  async fetchBalances(): Promise<Record<string, Decimal>> {
    const raw = (await this.#retry(() => this.#client.fetchBalance())) as { total?: Record<string, unknown> };
    const out: Record<string, Decimal> = {};
    for (const [ccy, value] of Object.entries(raw.total ?? {})) {
      if (typeof value === 'number' && Number.isFinite(value)) out[ccy] = new Decimal(String(value));
    }
    return out;
  }

  /**
   * OHLCV bars from `since` (inclusive) to `until` (exclusive), fetched page by page.
   *
   * @param symbol - unified symbol
   * @param timeframe - ccxt timeframe, e.g. `"1h"`
   * @param since - first bar open time, ms UTC
   * @param until - stop before this open time, ms UTC
   * @param pageSize - bars per request (default 1000)
   */
  async fetchBars(
    symbol: string,
    timeframe: string,
    since: number,
    until: number,
    pageSize = 1000,
  ): Promise<CcxtBar[]> {
    const bars: CcxtBar[] = [];
    let cursor = since;
    while (cursor < until) {
      const page = await this.#retry(() => this.#client.fetchOHLCV(symbol, timeframe, cursor, pageSize));
      let last = -1;
      for (const row of page) {
        if (!Array.isArray(row) || row.length < 6 || row.some((v) => typeof v !== 'number')) {
          throw new ExchangeError(
            'bad_response',
            `ccxt fetchOHLCV returned a malformed row: ${JSON.stringify(row)}`,
          );
        }
        const [t, o, h, l, c, v] = row as number[];
        if (t === undefined || t < cursor || t >= until) continue;
        last = t;
        bars.push({
          timestamp: t,
          open: new Decimal(String(o)),
          high: new Decimal(String(h)),
          low: new Decimal(String(l)),
          close: new Decimal(String(c)),
          volume: new Decimal(String(v)),
        });
      }
      if (last < 0 || page.length < pageSize) break;
      cursor = last + 1;
    }
    return bars;
  }

  /**
   * REST venues push nothing; the listener is never called.
   *
   * @param _listener - ignored
   */
  subscribe(_listener: (event: ExecutionEvent) => void): () => void {
    return () => {};
  }

  /** Not a type guard on purpose: ccxt's classes all share the instance type `Error`. */
  #is(error: unknown, kind: keyof CcxtErrorClasses): boolean {
    return error instanceof this.#errors[kind];
  }

  #orderArgs(order: Order): { type: string; price: number | undefined; params: Record<string, unknown> } {
    const params: Record<string, unknown> = { [this.#clientIdParam]: order.clientOrderId };
    if (order.timeInForce === 'PO') params['postOnly'] = true;
    else if (order.type !== 'market' && order.type !== 'stop') params['timeInForce'] = order.timeInForce;
    else if (order.timeInForce !== 'GTC') params['timeInForce'] = order.timeInForce;
    if (order.reduceOnly) params['reduceOnly'] = true;
    if (order.stopPrice) params['triggerPrice'] = order.stopPrice.toNumber();
    const limit = order.type === 'limit' || order.type === 'stop_limit';
    return { type: limit ? 'limit' : 'market', price: limit ? order.price?.toNumber() : undefined, params };
  }

  /** The quote amount of a market buy on a quote-sized venue; undefined when the venue gives no price. */
  async #marketBuyCost(order: Order): Promise<Decimal | undefined> {
    await this.market(order.symbol);
    const ask = referenceAsk(await this.#retry(() => this.#client.fetchTicker(order.symbol)));
    const step = this.#costSteps.get(order.symbol);
    return ask && step ? marketBuyCost(order.quantity, ask, this.#bufferBps, step) : undefined;
  }

  #rejected(order: Order, code: string, reason: string): VenueOrderReport {
    return {
      clientOrderId: order.clientOrderId,
      venueOrderId: '',
      symbol: order.symbol,
      status: 'rejected',
      filledQuantity: new Decimal(0),
      quantity: order.quantity,
      fills: [],
      reasonCode: code,
      reason,
      timestamp: this.#clock.now(),
    };
  }

  async #retry<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!this.#is(error, 'NetworkError') || attempt >= this.#attempts) throw error;
        await this.#sleep(this.#backoff(attempt));
      }
    }
  }

  #wrap(error: unknown, method: string): unknown {
    if (error instanceof OrderError || !(error instanceof Error)) return error;
    const retryable = this.#is(error, 'NetworkError');
    return new ExchangeError(
      retryable ? 'network' : reasonCode(error),
      `${this.id} ${method}: ${error.message}`,
      retryable,
      {
        cause: error,
      },
    );
  }
}
