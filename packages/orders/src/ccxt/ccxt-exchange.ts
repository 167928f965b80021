import { Decimal } from 'decimal.js';
import { ExchangeError, OrderError } from '../errors.js';
import type { Exchange, ExecutionEvent, OrderChange, VenueOrderReport } from '../exchange/exchange.js';
import type { MarketInfo } from '../model/market.js';
import type { Order } from '../model/types.js';
import { splitSymbol } from '../position/portfolio.js';
import { type Clock, systemClock } from '../util/clock.js';
import { parseCcxtOrder, toReport } from './parse.js';

/** The subset of a ccxt exchange instance (`new ccxt.binance(...)`) that {@link CcxtExchange} uses. */
export interface CcxtClient {
  /** ccxt exchange id, e.g. `"binance"`. */
  readonly id: string;
  /** ccxt precision mode (4 = tick size, 2 = decimal places). */
  readonly precisionMode: number | undefined;
  /** ccxt `loadMarkets`. */
  loadMarkets(reload?: boolean): Promise<Record<string, unknown>>;
  /** ccxt `createOrder`. */
  createOrder(
    symbol: string,
    type: string,
    side: 'buy' | 'sell',
    amount: number,
    price?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown>;
  /** ccxt `editOrder`. */
  editOrder(
    id: string,
    symbol: string,
    type: string,
    side: 'buy' | 'sell',
    amount?: number,
    price?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown>;
  /** ccxt `cancelOrder`. */
  cancelOrder(id: string, symbol?: string, params?: Record<string, unknown>): Promise<unknown>;
  /** ccxt `fetchOrder`. */
  fetchOrder(id: string, symbol?: string, params?: Record<string, unknown>): Promise<unknown>;
  /** ccxt `fetchOrders` (all statuses); used by the `"fetchOrders"` client-order-id lookup. */
  fetchOrders(
    symbol?: string,
    since?: number,
    limit?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown[]>;
  /** ccxt `fetchOpenOrders`. */
  fetchOpenOrders(
    symbol?: string,
    since?: number,
    limit?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown[]>;
  /** ccxt `fetchMyTrades`; used to get the trades (with fees) of orders that report only cumulative fills. */
  fetchMyTrades(
    symbol?: string,
    since?: number,
    limit?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown[]>;
  /** ccxt `fetchBalance`. */
  fetchBalance(params?: Record<string, unknown>): Promise<unknown>;
  /** ccxt `fetchOHLCV`. */
  fetchOHLCV(
    symbol: string,
    timeframe?: string,
    since?: number,
    limit?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown[]>;
}

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
  readonly #tradesParam: string;

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
    this.#tradesParam = options.orderTradesParam ?? 'orderId';
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
          precision?: { price?: number; amount?: number };
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
        return this.#toReport(raw, order, 'createOrder');
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
        if (this.#is(error, 'ExchangeError')) return this.#rejected(order, error);
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
      if (status !== undefined && status !== null) return this.#toReport(raw, order, 'cancelOrder');
      // some venues (Coinbase) answer a cancel with an acknowledgement only: read the order's state back
      const current = await this.#retry(() => this.#client.fetchOrder(venueId, order.symbol));
      return this.#toReport(current, order, 'fetchOrder');
    } catch (error) {
      if (this.#is(error, 'OrderNotFound')) {
        const current = await this.fetchOrder(order.clientOrderId, order.symbol);
        if (current) return current;
      }
      throw this.#wrap(error, 'cancelOrder');
    }
  }

  /**
   * Changes price and/or quantity with ccxt's `editOrder`, keeping our client order id (Binance implements it as
   * cancel-and-replace: the order gets a new venue id). Only orders with nothing filled can be edited: a
   * replacement of a partly filled order would restart its quantity at the venue.
   * Not retried: an edit that timed out may have happened; `reconcile()` reads the venue's state.
   *
   * @param order - the order
   * @param change - new price and/or quantity
   * @throws `ExchangeError` `unsupported` for partly filled orders, `unknown_order`, or the venue's error
   */
  async modify(order: Order, change: OrderChange): Promise<VenueOrderReport> {
    if (!order.venueOrderId)
      throw new ExchangeError('unknown_order', `order "${order.clientOrderId}" has no venue id`);
    if (!order.filledQuantity.isZero()) {
      throw new ExchangeError(
        'unsupported',
        `order "${order.clientOrderId}" is partly filled: cancel it and place a new order instead of editing`,
      );
    }
    const edited: Order = {
      ...order,
      quantity: change.quantity ?? order.quantity,
      ...(change.price ? { price: change.price } : {}),
    };
    const { type, price, params } = this.#orderArgs(edited);
    const venueOrderId = order.venueOrderId;
    try {
      const raw = await this.#client.editOrder(
        venueOrderId,
        order.symbol,
        type,
        order.side,
        edited.quantity.toNumber(),
        price,
        params,
      );
      return this.#toReport(raw, edited, 'editOrder');
    } catch (error) {
      throw this.#wrap(error, 'editOrder');
    }
  }

  /**
   * The venue's view of an order, found by client order id (`fetchOrder` with `params.clientOrderId`);
   * undefined when the venue does not have it.
   *
   * @param clientOrderId - client order id
   * @param symbol - unified symbol
   */
  async fetchOrder(clientOrderId: string, symbol: string): Promise<VenueOrderReport | undefined> {
    try {
      if (this.#lookup === 'fetchOrders') {
        const raws = await this.#retry(() => this.#client.fetchOrders(symbol));
        const raw = raws.find(
          (r) => (r as { clientOrderId?: unknown } | null)?.clientOrderId === clientOrderId,
        );
        if (raw === undefined) return undefined;
        const withTrades = await this.#withTrades(raw, symbol, 'fetchOrders');
        return this.#toReport(withTrades, { clientOrderId, symbol }, 'fetchOrders');
      }
      const raw = await this.#retry(() => this.#client.fetchOrder('', symbol, { clientOrderId }));
      const withTrades = await this.#withTrades(raw, symbol, 'fetchOrder');
      return this.#toReport(withTrades, { clientOrderId, symbol }, 'fetchOrder');
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
      return this.#toReport(
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

  /**
   * When an order reports fills but no trades, fetches its trades (`fetchMyTrades`) so that fills carry real
   * prices and fees; keeps the order as it is when the trades do not add up to the filled quantity.
   */
  async #withTrades(raw: unknown, symbol: string, method: string): Promise<unknown> {
    const o = parseCcxtOrder(raw, method);
    if (!o.filled || (o.trades && o.trades.length > 0)) return raw;
    const trades = (
      await this.#retry(() =>
        this.#client.fetchMyTrades(symbol, o.timestamp ?? undefined, undefined, {
          [this.#tradesParam]: o.id,
        }),
      )
    ).filter((t) => (t as { order?: unknown } | null)?.order === o.id);
    const total = trades.reduce<Decimal>(
      (sum, t) => sum.add(new Decimal(String((t as { amount?: unknown }).amount ?? 0))),
      new Decimal(0),
    );
    return total.eq(new Decimal(String(o.filled))) ? { ...(raw as object), trades } : raw;
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

  #toReport(
    raw: unknown,
    ours: Pick<Order, 'clientOrderId' | 'symbol'> & Partial<Pick<Order, 'side' | 'quantity'>>,
    method: string,
  ): VenueOrderReport {
    const o = parseCcxtOrder(raw, method);
    const side = ours.side ?? ((raw as { side?: unknown }).side === 'sell' ? 'sell' : 'buy');
    const quantity = ours.quantity ?? new Decimal(String(o.amount ?? 0));
    return toReport(o, { ...ours, side, quantity }, splitSymbol(ours.symbol).quote, this.#clock.now());
  }

  #rejected(order: Order, error: Error): VenueOrderReport {
    return {
      clientOrderId: order.clientOrderId,
      venueOrderId: '',
      symbol: order.symbol,
      status: 'rejected',
      filledQuantity: new Decimal(0),
      quantity: order.quantity,
      fills: [],
      reasonCode: reasonCode(error),
      reason: error.message,
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
