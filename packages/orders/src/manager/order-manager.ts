import { Decimal } from 'decimal.js';
import { OrderNotFoundError, OrderStateError } from '../errors.js';
import type { Exchange, ExecutionEvent, VenueOrderReport } from '../exchange/exchange.js';
import { newOrder, type OrderIntentInput, parseOrderIntent, validateForMarket } from '../model/intent.js';
import type { MarketInfo } from '../model/market.js';
import { reviseOrder } from '../model/order-build.js';
import { applyFillToOrder, transitionOrder } from '../model/order-ops.js';
import { assertTransition, canTransition, isOpenStatus } from '../model/transitions.js';
import type { Fill, Order, OrderStatus } from '../model/types.js';
import { Portfolio, splitSymbol } from '../position/portfolio.js';
import { MemoryOrderStore } from '../store/memory-store.js';
import type { InsertResult, OrderStore } from '../store/order-store.js';
import { type Clock, systemClock } from '../util/clock.js';
import type { DecimalInput } from '../util/decimal.js';
import { clientOrderIdGenerator } from '../util/random.js';
import {
  EventHub,
  type OrderManagerEvent,
  type OrderManagerEventOf,
  type OrderManagerEventType,
} from './events.js';
import type { PreTradeCheck } from './pre-trade.js';
import type { ReconciliationReport, VenueRejection } from './reconcile.js';

/** Options of {@link OrderManager}. */
export interface OrderManagerOptions {
  /** The venue. */
  exchange: Exchange;
  /** Where orders and fills are persisted (default: a new {@link MemoryOrderStore}). */
  store?: OrderStore;
  /** Time source (default: system clock). */
  clock?: Clock;
  /** Optional pre-trade check; a refusal produces a `denied` order. */
  preTradeCheck?: PreTradeCheck;
  /** Portfolio updated by fills (default: an empty one). Give it the starting balances. */
  portfolio?: Portfolio;
  /** Generator of client order ids (default: seeded `clientOrderIdGenerator(seed)`). */
  clientOrderId?: () => string;
  /** Seed of the default client order id generator (default 1). */
  seed?: number;
  /** Check intents against the venue's market rules before anything is stored (default true). */
  validateMarkets?: boolean;
  /**
   * What {@link OrderManager.reconcile} does with a `pending_new` order the venue never received:
   * `"resubmit"` it with the same client order id (default) or mark it `"reject"`ed.
   */
  unknownPendingNew?: 'resubmit' | 'reject';
  /** On {@link OrderManager.start}, replay every stored fill into the portfolio (default true). */
  replayFills?: boolean;
}

/** Filter of {@link OrderManager.list}. */
export interface OrderListFilter {
  /** One status or several. */
  status?: OrderStatus | readonly OrderStatus[];
  /** Only this symbol. */
  symbol?: string;
  /** Only open (true) or only closed (false) orders. */
  open?: boolean;
  /** Shorthand for `status: 'filled'`. */
  filled?: boolean;
}

/** New price and/or quantity for {@link OrderManager.modify}. */
export interface OrderModification {
  /** New limit price. */
  price?: DecimalInput;
  /** New total quantity (must exceed the filled quantity). */
  quantity?: DecimalInput;
}

interface Stats {
  fills: number;
  changes: { clientOrderId: string; from: OrderStatus; to: OrderStatus }[];
  rejected: VenueRejection[];
}

/**
 * The order engine: validates intents, runs the pre-trade check, persists the intent before the venue is
 * called, applies venue reports and fills through the lifecycle table, keeps positions, emits typed events,
 * and on start reloads open orders and reconciles them with the venue.
 *
 * Operations on one order are serialized; different orders proceed concurrently.
 *
 * @example
 * ```ts
 * import { OrderManager, PaperExchange, Portfolio } from '@rrr/orders';
 *
 * const exchange = new PaperExchange({
 *   markets: [{ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', lotStep: '0.00001' }],
 *   balances: { USDT: 10_000 },
 * });
 * const manager = new OrderManager({ exchange, portfolio: new Portfolio({ USDT: 10_000 }) });
 * await manager.start();
 * const order = await manager.create({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.01', price: '60000' });
 * manager.on('fill', (event) => console.log(event.fill.price.toString()));
 * await manager.cancel(order.clientOrderId);
 * ```
 */
export class OrderManager {
  /** Positions and balances, updated by every fill. */
  readonly portfolio: Portfolio;
  readonly #exchange: Exchange;
  readonly #store: OrderStore;
  readonly #clock: Clock;
  readonly #check: PreTradeCheck | undefined;
  readonly #nextId: () => string;
  readonly #validate: boolean;
  readonly #unknownPendingNew: 'resubmit' | 'reject';
  readonly #replayFills: boolean;
  readonly #hub = new EventHub();
  readonly #open = new Map<string, Order>();
  readonly #trades = new Map<string, Set<string>>();
  /** Held per-order locks: a key is present while its lock is held, with the waiters queued behind it. */
  readonly #locks = new Map<string, (() => void)[] | undefined>();
  readonly #idleWaiters: (() => void)[] = [];
  /** The store when it is a plain {@link MemoryOrderStore}: its synchronous methods save a promise per call. */
  readonly #memory: MemoryOrderStore | undefined;
  readonly #markets = new Map<string, MarketInfo>();
  #unsubscribe: (() => void) | undefined;
  #started = false;

  /**
   * @param options - venue, store, clock, pre-trade check, portfolio
   */
  constructor(options: OrderManagerOptions) {
    this.#exchange = options.exchange;
    this.#store = options.store ?? new MemoryOrderStore();
    this.#memory =
      this.#store.constructor === MemoryOrderStore ? (this.#store as MemoryOrderStore) : undefined;
    this.#clock = options.clock ?? systemClock;
    this.#check = options.preTradeCheck;
    this.portfolio = options.portfolio ?? new Portfolio();
    this.#nextId = options.clientOrderId ?? clientOrderIdGenerator(options.seed ?? 1);
    this.#validate = options.validateMarkets ?? true;
    this.#unknownPendingNew = options.unknownPendingNew ?? 'resubmit';
    this.#replayFills = options.replayFills ?? true;
  }

  /**
   * Subscribes to the venue, replays stored fills into the portfolio, reloads open orders from the store and
   * reconciles them with the venue.
   *
   * @returns what reconciliation changed
   */
  async start(): Promise<ReconciliationReport> {
    if (!this.#started) {
      this.#started = true;
      this.#unsubscribe = this.#exchange.subscribe((event) => this.#onExecution(event));
      if (this.#replayFills) {
        for (const fill of await this.#store.fills())
          this.portfolio.applyFill(fill, await this.#currencies(fill.symbol));
      }
      for (const order of await this.#store.list({ open: true })) {
        this.#open.set(order.clientOrderId, order);
        const fills = await this.#store.fills(order.clientOrderId);
        if (fills.length > 0) this.#trades.set(order.clientOrderId, new Set(fills.map((f) => f.tradeId)));
      }
    }
    return this.reconcile();
  }

  /** Unsubscribes from the venue (the store is left open: close it yourself). */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#started = false;
  }

  /**
   * Validates an intent and places it: the order is stored as `pending_new` before the venue is called.
   * Idempotent: a client order id already known returns the existing order and calls nothing.
   * A pre-trade refusal returns a stored `denied` order.
   *
   * @param input - the intent
   * @returns the order after the venue's answer (`new`, `filled`, `rejected`, ...) or `denied`
   * @throws {@link OrderValidationError} for bad input or market-rule violations; the venue's errors as thrown
   * (the order then stays `pending_new` until {@link OrderManager.reconcile})
   */
  async create(input: OrderIntentInput): Promise<Order> {
    const intent = parseOrderIntent(input);
    const id = intent.clientOrderId ?? this.#nextId();
    if (!this.#tryLock(id)) await this.#waitLock(id);
    try {
      const existing =
        this.#open.get(id) ?? (this.#memory ? this.#memory.getSync(id) : await this.#store.get(id));
      if (existing) return existing;
      if (this.#validate) {
        validateForMarket(intent, this.#markets.get(intent.symbol) ?? (await this.#market(intent.symbol)));
      }
      const now = this.#clock.now();
      const order = newOrder(intent, id, now);
      if (this.#check) {
        const decision = await this.#check(intent, {
          portfolio: this.portfolio.snapshot(),
          openOrders: [...this.#open.values()],
          now,
        });
        if (!decision.ok) {
          const denied = transitionOrder(order, 'denied', now, {
            reasonCode: decision.code,
            reason: decision.reason,
          });
          const stored = await this.#insert(denied);
          if (stored.inserted) this.#emit({ type: 'order_denied', order: denied });
          return stored.order;
        }
      }
      const stored = await this.#insert(order);
      if (!stored.inserted) return stored.order;
      this.#open.set(id, order);
      this.#emit({ type: 'order_created', order });
      const report = await this.#exchange.submit(order);
      const applied = this.#applyReport(report);
      // awaited inside the lock; a memory store settles the common report without a promise
      return applied instanceof Promise ? await applied : applied;
    } finally {
      this.#unlock(id);
    }
  }

  /**
   * Changes price and/or quantity of an open order (`new` or `partially_filled`) through `pending_replace`.
   *
   * @param id - client order id or venue order id
   * @param change - new price and/or quantity
   * @throws {@link OrderStateError} when the order is terminal or has a request in flight,
   * {@link OrderValidationError} for a bad value, {@link OrderNotFoundError}
   */
  async modify(id: string, change: OrderModification): Promise<Order> {
    const clientOrderId = await this.#resolveId(id);
    return this.#withLock(clientOrderId, async () => {
      const order = await this.#require(clientOrderId);
      if (order.status !== 'new' && order.status !== 'partially_filled') {
        throw new OrderStateError('modify', clientOrderId, order.status);
      }
      const intent = parseOrderIntent({
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        quantity: change.quantity ?? order.quantity,
        ...(order.price
          ? { price: change.price ?? order.price }
          : change.price === undefined
            ? {}
            : { price: change.price }),
        ...(order.stopPrice ? { stopPrice: order.stopPrice } : {}),
        timeInForce: order.timeInForce,
        reduceOnly: order.reduceOnly,
      });
      if (this.#validate) validateForMarket(intent, await this.#market(order.symbol));
      if (intent.quantity.lte(order.filledQuantity)) {
        throw new OrderStateError(
          'reduce the quantity below the filled quantity of',
          clientOrderId,
          order.status,
        );
      }
      const pending = await this.#save(order, transitionOrder(order, 'pending_replace', this.#clock.now()));
      let report: VenueOrderReport;
      try {
        report = await this.#exchange.modify(pending, {
          ...(change.price === undefined || !intent.price ? {} : { price: intent.price }),
          ...(change.quantity === undefined ? {} : { quantity: intent.quantity }),
        });
      } catch (error) {
        await this.#save(pending, transitionOrder(pending, order.status, this.#clock.now()));
        throw error;
      }
      return this.#applyReport(report);
    });
  }

  /**
   * Cancels an open order through `pending_cancel`.
   *
   * @param id - client order id or venue order id
   * @throws {@link OrderStateError} when the order is terminal or still `pending_new`, {@link OrderNotFoundError}
   */
  async cancel(id: string): Promise<Order> {
    const clientOrderId = await this.#resolveId(id);
    return this.#withLock(clientOrderId, async () => {
      const order = await this.#require(clientOrderId);
      if (order.status === 'pending_cancel') return order;
      if (!isOpenStatus(order.status) || order.status === 'pending_new') {
        throw new OrderStateError('cancel', clientOrderId, order.status);
      }
      const pending = await this.#save(order, transitionOrder(order, 'pending_cancel', this.#clock.now()));
      let report: VenueOrderReport;
      try {
        report = await this.#exchange.cancel(pending);
      } catch (error) {
        await this.#save(pending, transitionOrder(pending, order.status, this.#clock.now()));
        throw error;
      }
      return this.#applyReport(report);
    });
  }

  /**
   * Cancels every cancelable open order, optionally of one symbol.
   *
   * @param symbol - only this symbol
   * @returns the orders after their cancel
   */
  async cancelAll(symbol?: string): Promise<Order[]> {
    const targets = [...this.#open.values()].filter(
      (o) =>
        (symbol === undefined || o.symbol === symbol) &&
        (o.status === 'new' || o.status === 'partially_filled' || o.status === 'pending_replace'),
    );
    return Promise.all(targets.map((o) => this.cancel(o.clientOrderId)));
  }

  /**
   * One order by client order id or venue order id.
   *
   * @param id - client order id or venue order id
   */
  async get(id: string): Promise<Order | undefined> {
    return this.#open.get(id) ?? (await this.#store.get(id)) ?? (await this.#byVenueId(id));
  }

  /**
   * Orders matching a filter, oldest first.
   *
   * @param filter - status(es), symbol, open, filled
   */
  async list(filter: OrderListFilter = {}): Promise<Order[]> {
    const statuses =
      filter.filled === true
        ? ['filled' as const]
        : filter.status === undefined
          ? undefined
          : typeof filter.status === 'string'
            ? [filter.status]
            : filter.status;
    return this.#store.list({
      ...(statuses ? { statuses } : {}),
      ...(filter.symbol === undefined ? {} : { symbol: filter.symbol }),
      ...(filter.open === undefined ? {} : { open: filter.open }),
    });
  }

  /**
   * Reconciles every open order with the venue: applies fills that happened meanwhile, adopts the venue's
   * status, resubmits (or rejects) `pending_new` orders the venue never received, cancels locally the acknowledged
   * orders the venue does not know, and lists venue orders this store does not know.
   */
  async reconcile(): Promise<ReconciliationReport> {
    const stats: Stats = { fills: 0, changes: [], rejected: [] };
    const resubmitted: string[] = [];
    const resolvedUnknown: string[] = [];
    const orders = [...this.#open.values()];
    for (const snapshot of orders) {
      await this.#withLock(snapshot.clientOrderId, async () => {
        const order = this.#open.get(snapshot.clientOrderId);
        if (!order) return;
        const report = await this.#exchange.fetchOrder(order.clientOrderId, order.symbol, order);
        if (report) {
          await this.#applyReport(report, stats);
        } else if (order.status === 'pending_new' && this.#unknownPendingNew === 'resubmit') {
          resubmitted.push(order.clientOrderId);
          await this.#applyReport(await this.#exchange.submit(order), stats);
        } else {
          resolvedUnknown.push(order.clientOrderId);
          const to = order.status === 'pending_new' ? 'rejected' : 'canceled';
          const next = transitionOrder(order, to, this.#clock.now(), {
            reasonCode: 'unknown_to_venue',
            reason: `the venue does not know order "${order.clientOrderId}"`,
          });
          await this.#save(order, next);
          stats.changes.push({ clientOrderId: order.clientOrderId, from: order.status, to });
        }
      });
    }
    const untracked: VenueOrderReport[] = [];
    for (const report of await this.#exchange.fetchOpenOrders()) {
      if (!(await this.#store.get(report.clientOrderId))) untracked.push(report);
    }
    return {
      checked: orders.length,
      fillsApplied: stats.fills,
      statusChanges: stats.changes,
      resubmitted,
      resolvedUnknown,
      rejectedByVenue: stats.rejected,
      untracked,
    };
  }

  /**
   * Listens to one event type.
   *
   * @param type - event type
   * @param listener - called synchronously with each event
   * @returns the unsubscribe function
   */
  on<T extends OrderManagerEventType>(
    type: T,
    listener: (event: OrderManagerEventOf<T>) => void,
  ): () => void {
    return this.#hub.on(type, listener as (event: OrderManagerEvent) => void);
  }

  /**
   * Listens to every event.
   *
   * @param listener - called synchronously with each event
   * @returns the unsubscribe function
   */
  onAny(listener: (event: OrderManagerEvent) => void): () => void {
    return this.#hub.onAny(listener);
  }

  /**
   * Every event from now on as an async iterator (`for await`); ends when `signal` aborts or the loop breaks.
   *
   * @param signal - aborts the iteration
   */
  events(signal?: AbortSignal): AsyncIterableIterator<OrderManagerEvent> {
    return this.#hub.iterate(signal);
  }

  /** Resolves once every queued operation and venue event has been processed. */
  async idle(): Promise<void> {
    while (this.#locks.size > 0) await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  async #withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    if (!this.#tryLock(id)) await this.#waitLock(id);
    try {
      return await fn();
    } finally {
      this.#unlock(id);
    }
  }

  /** Takes the lock of `id` when nobody holds it (no promise is made); false when it is held. */
  #tryLock(id: string): boolean {
    if (this.#locks.has(id)) return false;
    this.#locks.set(id, undefined);
    return true;
  }

  /** Resolves once the lock of `id`, held by someone else, has been handed over to this caller (FIFO). */
  #waitLock(id: string): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.#locks.get(id);
      if (waiters) waiters.push(resolve);
      else this.#locks.set(id, [resolve]);
    });
  }

  /** Hands the lock of `id` to its next waiter, or frees it (waking {@link OrderManager.idle} when none is held). */
  #unlock(id: string): void {
    const next = this.#locks.get(id)?.shift();
    if (next) {
      next();
      return;
    }
    this.#locks.delete(id);
    if (this.#locks.size === 0 && this.#idleWaiters.length > 0) {
      for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  #insert(order: Order): InsertResult | Promise<InsertResult> {
    return this.#memory ? this.#memory.insertSync(order) : this.#store.insert(order);
  }

  #emit(event: OrderManagerEvent): void {
    if (this.#hub.active) this.#hub.emit(event);
  }

  async #market(symbol: string): Promise<MarketInfo> {
    let market = this.#markets.get(symbol);
    if (!market) {
      market = await this.#exchange.market(symbol);
      this.#markets.set(symbol, market);
    }
    return market;
  }

  async #currencies(symbol: string): Promise<{ base: string; quote: string }> {
    const market = this.#markets.get(symbol);
    if (market) return market;
    if (this.#validate) {
      try {
        return await this.#market(symbol);
      } catch {
        return splitSymbol(symbol);
      }
    }
    return splitSymbol(symbol);
  }

  async #resolveId(id: string): Promise<string> {
    if (this.#open.has(id)) return id;
    const order = (await this.#store.get(id)) ?? (await this.#byVenueId(id));
    if (!order) throw new OrderNotFoundError(id);
    return order.clientOrderId;
  }

  /** Venue order id lookup, the fallback after the client order id: an open order wins over a closed one reusing its id. */
  async #byVenueId(venueOrderId: string): Promise<Order | undefined> {
    for (const order of this.#open.values()) if (order.venueOrderId === venueOrderId) return order;
    return this.#store.getByVenueId(venueOrderId);
  }

  async #require(clientOrderId: string): Promise<Order> {
    const order = this.#open.get(clientOrderId) ?? (await this.#store.get(clientOrderId));
    if (!order) throw new OrderNotFoundError(clientOrderId);
    return order;
  }

  /** Writes `next` over `previous`, then caches and announces it; synchronous on a memory store. */
  #save(previous: Order, next: Order): Order | Promise<Order> {
    if (this.#memory) {
      this.#memory.updateSync(next, previous.version);
      return this.#saved(previous, next);
    }
    return this.#store.update(next, previous.version).then(() => this.#saved(previous, next));
  }

  #saved(previous: Order, next: Order): Order {
    this.#cache(next);
    if (next.status !== previous.status)
      this.#emit({ type: 'order_status', order: next, from: previous.status });
    else this.#emit({ type: 'order_modified', order: next });
    return next;
  }

  #cache(order: Order): void {
    if (isOpenStatus(order.status)) this.#open.set(order.clientOrderId, order);
    else {
      this.#open.delete(order.clientOrderId);
      this.#trades.delete(order.clientOrderId);
    }
  }

  #onExecution(event: ExecutionEvent): void {
    const id = event.type === 'fill' ? event.fill.clientOrderId : event.report.clientOrderId;
    this.#withLock(id, async () => {
      if (event.type === 'order') {
        await this.#applyReport(event.report);
        return;
      }
      const order = await this.#require(id);
      await this.#applyFill(order, event.fill);
    }).catch((error: unknown) => this.#emit({ type: 'error', error }));
  }

  /** Applies one fill once; returns the order after it (unchanged when the fill was already applied). */
  async #applyFill(order: Order, fill: Fill, stats?: Stats): Promise<Order> {
    // Trade ids applied to open orders are kept in memory (a set per order with fills); for closed orders, and
    // orders without a set, the store is the reference.
    // Fills belong to the order named by their client order id. Trade ids are deduplicated per order: a trade id
    // the store already holds for ANOTHER order (a venue that reused ids, e.g. a paper venue restarted with the
    // same seed) is recorded as `<clientOrderId>:<tradeId>` instead of being taken for a repeat.
    const qualified = `${order.clientOrderId}:${fill.tradeId}`;
    const known = this.#trades.get(order.clientOrderId);
    if (known?.has(fill.tradeId) || known?.has(qualified)) return order;
    const openWithoutFills = !known && this.#open.has(order.clientOrderId) && order.filledQuantity.isZero();
    if (!known && !openWithoutFills) {
      const recorded = await this.#store.fills(order.clientOrderId);
      if (recorded.some((f) => f.tradeId === fill.tradeId || f.tradeId === qualified)) return order;
    }
    const next = applyFillToOrder(order, fill);
    let applied = fill;
    if (!(await this.#store.recordFill(fill, next, order.version))) {
      applied = { ...fill, tradeId: qualified };
      if (!(await this.#store.recordFill(applied, next, order.version))) return order;
    }
    if (known) known.add(applied.tradeId);
    else this.#trades.set(order.clientOrderId, new Set([applied.tradeId]));
    this.#cache(next);
    const position = this.portfolio.applyFill(applied, await this.#currencies(applied.symbol));
    if (stats) stats.fills += 1;
    this.#emit({ type: 'fill', fill: applied, order: next, position });
    if (next.status !== order.status) {
      stats?.changes.push({ clientOrderId: order.clientOrderId, from: order.status, to: next.status });
      this.#emit({ type: 'order_status', order: next, from: order.status });
    }
    return next;
  }

  /**
   * Applies a venue report. A report without fills (the usual acknowledgement) on a cached open order is settled
   * synchronously when the store is in memory; everything else takes the asynchronous path.
   */
  #applyReport(report: VenueOrderReport, stats?: Stats): Order | Promise<Order> {
    const order = this.#open.get(report.clientOrderId);
    if (
      order !== undefined &&
      this.#memory !== undefined &&
      report.quoteQuantity === undefined &&
      report.fills.length === 0 &&
      !this.#needsSyntheticFill(order, report)
    ) {
      return this.#settleReport(order, report, stats);
    }
    return this.#applyReportAsync(report, stats);
  }

  async #applyReportAsync(report: VenueOrderReport, stats?: Stats): Promise<Order> {
    let order = this.#open.get(report.clientOrderId) ?? (await this.#require(report.clientOrderId));
    if (report.quoteQuantity) {
      const resized = await this.#resizeQuoteSized(order, report);
      if (!resized) return order;
      order = resized;
    }
    for (const fill of report.fills) order = await this.#applyFill(order, fill, stats);
    if (this.#needsSyntheticFill(order, report)) {
      order = await this.#applyFill(order, this.#syntheticFill(order, report), stats);
    }
    return this.#settleReport(order, report, stats);
  }

  /** Whether the venue reports more filled than the fills applied to `order` account for. */
  #needsSyntheticFill(order: Order, report: VenueOrderReport): boolean {
    return (
      report.filledQuantity !== order.filledQuantity &&
      report.filledQuantity.gt(order.filledQuantity) &&
      report.averageFillPrice !== undefined
    );
  }

  /** Moves `order` (its fills applied) to the status, venue id, price and quantity the report states. */
  #settleReport(order: Order, report: VenueOrderReport, stats: Stats | undefined): Order | Promise<Order> {
    const target = reportedStatus(order, report, stats);
    // a venue that edits by cancel-and-replace (Binance) gives the order a new venue id
    const venueOrderId =
      report.venueOrderId !== '' && report.venueOrderId !== order.venueOrderId
        ? report.venueOrderId
        : undefined;
    const replaced =
      (report.quoteQuantity === undefined &&
        report.quantity !== order.quantity &&
        !report.quantity.eq(order.quantity)) ||
      (report.price !== undefined && report.price !== order.price && !report.price.eq(order.price ?? 0));
    if (target === order.status) {
      const unchanged =
        venueOrderId === undefined && report.reasonCode === undefined && report.reason === undefined;
      if (unchanged && !replaced) return order;
    } else {
      assertTransition(order.status, target, order.clientOrderId);
      stats?.changes.push({ clientOrderId: order.clientOrderId, from: order.status, to: target });
    }
    const next = reviseOrder(order, {
      venueOrderId,
      quantity: replaced ? report.quantity : undefined,
      price: replaced ? report.price : undefined,
      status: target,
      reasonCode: report.reasonCode,
      reason: report.reason,
      updatedAt: Math.max(order.updatedAt, report.timestamp),
      version: order.version + 1,
    });
    return this.#save(order, next);
  }

  /**
   * An order the venue sized in quote currency buys whatever base quantity the quote amount pays for. Once the
   * venue closed it, its quantity becomes the filled quantity when the venue reports it filled (or when it bought
   * more than requested); never below what is already applied. While it works, a report whose fills exceed the
   * requested quantity is left for later (undefined): its fills are applied once the venue reports the order
   * closed, so the order is not taken for complete while it may still fill.
   */
  async #resizeQuoteSized(order: Order, report: VenueOrderReport): Promise<Order | undefined> {
    const filled = report.filledQuantity;
    const closed = report.status === 'filled' || report.status === 'canceled' || report.status === 'expired';
    if (!closed) return filled.gt(order.quantity) ? undefined : order;
    const quantity = report.status === 'filled' || filled.gt(order.quantity) ? filled : order.quantity;
    if (quantity.eq(order.quantity) || quantity.lt(order.filledQuantity) || quantity.isZero()) return order;
    const next = reviseOrder(order, {
      quantity,
      updatedAt: Math.max(order.updatedAt, report.timestamp),
      version: order.version + 1,
    });
    return this.#save(order, next);
  }

  #syntheticFill(order: Order, report: VenueOrderReport): Fill {
    const quantity = report.filledQuantity.sub(order.filledQuantity);
    const venueNotional = (report.averageFillPrice ?? new Decimal(0)).mul(report.filledQuantity);
    const ourNotional = (order.averageFillPrice ?? new Decimal(0)).mul(order.filledQuantity);
    return {
      tradeId: `${report.venueOrderId}:cum:${report.filledQuantity.toString()}`,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      quantity,
      price: venueNotional.sub(ourNotional).div(quantity),
      fee: new Decimal(0),
      feeCurrency: splitSymbol(order.symbol).quote,
      liquidity: 'taker',
      timestamp: report.timestamp,
    };
  }
}

/** The status a venue report moves an order to, after the fills it carried were applied. */
function reportedStatus(order: Order, report: VenueOrderReport, stats: Stats | undefined): OrderStatus {
  const target = report.status;
  if (target === 'new' || target === 'partially_filled') {
    // Fills are the source of truth for working orders; the venue's "still working" only resolves pending states.
    const pending =
      order.status === 'pending_new' ||
      order.status === 'pending_cancel' ||
      order.status === 'pending_replace';
    if (!pending) return order.status;
    return order.filledQuantity.isZero() ? 'new' : 'partially_filled';
  }
  if (target === 'filled' && order.status !== 'filled') {
    // completion comes with the fills; an order already complete (a quote-sized order whose quantity was just
    // set to what filled) closes now
    return order.filledQuantity.eq(order.quantity) ? 'filled' : order.status;
  }
  if (
    target === 'rejected' &&
    !canTransition(order.status, 'rejected') &&
    canTransition(order.status, 'canceled')
  ) {
    // The venue rejects an order we hold as acknowledged (e.g. a resubmission after a restart): our `new` was
    // optimistic and `new -> rejected` is not in the table. The order is closed as `canceled` (legal from every
    // acknowledged status) with the venue's reason, and reconciliation lists it in `rejectedByVenue`.
    stats?.rejected.push({
      clientOrderId: order.clientOrderId,
      from: order.status,
      ...(report.reasonCode === undefined ? {} : { reasonCode: report.reasonCode }),
      ...(report.reason === undefined ? {} : { reason: report.reason }),
    });
    return 'canceled';
  }
  return target;
}
