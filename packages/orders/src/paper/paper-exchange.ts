import { Decimal } from 'decimal.js';
import { ExchangeError, isOrderError } from '../errors.js';
import type { Exchange, ExecutionEvent, OrderChange, VenueOrderReport } from '../exchange/exchange.js';
import { validateForMarket } from '../model/intent.js';
import { defineMarket, type MarketInfo, type MarketInfoInput } from '../model/market.js';
import { reviseOrder } from '../model/order-build.js';
import { applyFillToOrder, transitionOrder } from '../model/order-ops.js';
import { isOpenStatus } from '../model/transitions.js';
import type { Fill, Liquidity, Order } from '../model/types.js';
import { Portfolio, splitSymbol } from '../position/portfolio.js';
import type { Clock } from '../util/clock.js';
import { type DecimalInput, ZERO } from '../util/decimal.js';
import { compare, mul, sub } from '../util/decimal-ops.js';
import { decimalFromFloat } from '../util/float-conversion.js';
import { rememberNotional, surelyCovers } from '../util/notional.js';
import { mulberry32 } from '../util/random.js';
import { roundToStep } from '../util/step.js';
import { LazyBarEvent } from './bar-event.js';
import { acceptedByDecimal, plainFloat } from './bar-gate.js';
import { SymbolBook } from './book.js';
import {
  applySlippage,
  type FillModel,
  type FillModelInput,
  limitFillPrice,
  type PriceEvent,
  resolveFillModel,
  slippageBps,
  stopTriggerPrice,
} from './fill-model.js';

/** One OHLCV bar; `timestamp` is the bar's open time (ms UTC). */
export interface BarInput {
  /** Market symbol. */
  symbol: string;
  /** Bar open time, ms UTC. */
  timestamp: number;
  /** Open price. */
  open: DecimalInput;
  /** High price. */
  high: DecimalInput;
  /** Low price. */
  low: DecimalInput;
  /** Close price. */
  close: DecimalInput;
  /** Volume in base units. */
  volume: DecimalInput;
}

/** One trade print. */
export interface TickInput {
  /** Market symbol. */
  symbol: string;
  /** Trade time, ms UTC. */
  timestamp: number;
  /** Trade price. */
  price: DecimalInput;
  /** Trade quantity in base units. */
  quantity: DecimalInput;
}

/** Options of {@link PaperExchange}. */
export interface PaperExchangeOptions {
  /** Markets the simulated venue lists. */
  markets: readonly (MarketInfo | MarketInfoInput)[];
  /** Starting balance per currency. */
  balances?: Readonly<Record<string, DecimalInput>>;
  /** Fill model options (each rule documented on {@link FillModel}). */
  fillModel?: FillModelInput;
  /** Seed of the generator used for venue ids and random slippage (default 1). */
  seed?: number;
  /** Clock for timestamps of submit/cancel reports (default: time of the last price event). */
  clock?: Clock;
  /** Venue id reported by `id` (default `"paper"`). */
  id?: string;
  /**
   * Namespace of the venue order ids, which are `<venueIdPrefix>-<n>` with `n` counting from 1 (default: the
   * first draw of the seeded generator in base 36, so two venues with the same seed issue the same ids; give
   * each run its own prefix, or restore the issued ids with `restore.issuedVenueOrderIds`, when the order store
   * outlives the venue).
   */
  venueIdPrefix?: string;
  /** State of an earlier instance of this venue to continue from (a restart); see {@link PaperExchangeRestore}. */
  restore?: PaperExchangeRestore;
  /**
   * Keep closed orders (filled, canceled, expired, rejected) for {@link PaperExchange.fetchOrder} and for the
   * idempotent resubmit of a client order id (default true). With false the venue forgets an order once it closes,
   * like a venue that only answers for open orders: `fetchOrder` then returns undefined for it, `cancelSync` throws
   * `unknown_order`, and submitting its client order id again makes a new order. For backtest loops, which never
   * ask again: the garbage collector then does not carry every order of the run.
   */
  keepClosedOrders?: boolean;
}

/**
 * What a restarted {@link PaperExchange} takes over from its earlier instance. `balances` of the options are then
 * the balances before the first of `fills`. Built from an order store:
 * `{ fills: await store.fills(), openOrders: await store.list({ open: true }), issuedVenueOrderIds: (await store.list()).map((o) => o.venueOrderId) }`.
 */
export interface PaperExchangeRestore {
  /**
   * Every fill the venue made since the starting balances, oldest first: replayed into balances and positions
   * (so reduce-only orders see the position) and kept as the fills of the restored open orders.
   */
  readonly fills?: readonly Fill[];
  /**
   * Orders working at the venue: each one with a venue order id and an open status keeps that venue id and
   * works again as `new` (`partially_filled` when it has filled quantity); `pending_cancel`/`pending_replace`
   * become the working status they came from. Orders without a venue order id (the venue never acknowledged
   * them) and closed orders are skipped. A restored stop-limit order is untriggered.
   */
  readonly openOrders?: readonly Order[];
  /**
   * Venue order ids already issued (undefined entries are ignored): new ids continue after the highest
   * `<venueIdPrefix>-<n>` found here or among `openOrders`, so they never repeat an id of the earlier instance.
   */
  readonly issuedVenueOrderIds?: Iterable<string | undefined>;
}

const NO_FILLS: readonly Fill[] = Object.freeze([]);

/** The participation cap of one event: `cap` of its volume, less what orders filled on it (read when first needed). */
interface VolumeLeft {
  /** The participation rate as a Decimal (what `volume.mul(rate)` makes of the number). */
  readonly cap: Decimal;
  left: Decimal | undefined;
}

/**
 * `quantity - filledQuantity`; the quantity itself while nothing filled (the subtraction would return an equal
 * copy, rounded to the precision: the quantity is returned as it is only when it is within the precision).
 */
function unfilled(order: Order): Decimal {
  const q = order.quantity;
  if (order.filledQuantity.isZero() && q.sd() <= (q.constructor as typeof Decimal).precision) return q;
  return q.sub(order.filledQuantity);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Working {
  order: Order;
  readonly venueOrderId: string;
  /** The order's fills; the shared empty list until the first fill (most orders of a backtest never fill). */
  fills: readonly Fill[];
  triggered: boolean;
  /** See {@link SymbolBook}: the order has rested through `book.seen(working)` events. */
  seenFrom: number;
  /** `order.price` as a float, filled in by {@link SymbolBook} (see `BookOrder`). */
  limitFloat: number | undefined;
  /** `order.stopPrice` as a float, filled in by {@link SymbolBook}. */
  stopFloat: number | undefined;
}

/**
 * The last price of a symbol: the event's input, turned into a Decimal when first asked for. A number input is
 * kept in `float` (a field that only ever holds numbers stores them without a box), any other in `other`.
 */
interface LastPrice {
  float: number;
  other: Exclude<DecimalInput, number> | undefined;
  value: Decimal | undefined;
}

/**
 * A simulated venue driven by bars ({@link PaperExchange.onBar}) or trades ({@link PaperExchange.onTick}),
 * with the documented fill model: market orders fill at the next price event plus slippage; limits fill when
 * price trades through (or touches) the limit, at the limit or at the open when it gapped past; stops trigger on
 * the high/low and fill at the stop or the gap open, whichever is worse; a participation cap creates partial
 * fills; maker/taker fees; insufficient balance rejects. Deterministic for a seed.
 *
 * @example
 * ```ts
 * import { PaperExchange } from '@rrr/orders';
 *
 * const venue = new PaperExchange({
 *   markets: [{ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', lotStep: '0.00001' }],
 *   balances: { USDT: 10_000 },
 *   fillModel: { takerFeeRate: '0.001', slippage: { kind: 'fixed_bps', bps: 2 } },
 * });
 * venue.onBar({ symbol: 'BTC/USDT', timestamp: 0, open: 100, high: 101, low: 99, close: 100, volume: 10 });
 * ```
 */
export class PaperExchange implements Exchange {
  /** Venue name. */
  readonly id: string;
  /** The resolved fill model. */
  readonly fillModel: FillModel;
  readonly #markets = new Map<string, MarketInfo>();
  readonly #orders = new Map<string, Working>();
  readonly #open = new Map<string, SymbolBook<Working>>();
  readonly #listeners = new Set<(event: ExecutionEvent) => void>();
  readonly #portfolio: Portfolio;
  readonly #random: () => number;
  readonly #clock: Clock | undefined;
  readonly #last = new Map<string, LastPrice>();
  #lastTime = 0;
  #venueSeq = 0;
  readonly #venueTag: string;
  /** 1 + fee rate: what a buy costs per unit of notional. */
  readonly #makerCost: Decimal;
  readonly #takerCost: Decimal;
  readonly #keepClosed: boolean;
  /** The fill model's participation rate as a Decimal, or null without a cap. */
  readonly #participation: Decimal | null;

  /**
   * @param options - markets, balances, fill model, seed
   */
  constructor(options: PaperExchangeOptions) {
    this.id = options.id ?? 'paper';
    this.fillModel = resolveFillModel(options.fillModel);
    this.#makerCost = this.fillModel.makerFeeRate.add(1);
    this.#takerCost = this.fillModel.takerFeeRate.add(1);
    for (const m of options.markets) {
      const market =
        Decimal.isDecimal(m.tickSize) && Decimal.isDecimal(m.lotStep) ? (m as MarketInfo) : defineMarket(m);
      this.#markets.set(market.symbol, market);
    }
    this.#portfolio = new Portfolio(options.balances ?? {});
    this.#random = mulberry32(options.seed ?? 1);
    const tag = Math.floor(this.#random() * 1e9).toString(36);
    this.#venueTag = options.venueIdPrefix ?? tag;
    this.#clock = options.clock;
    this.#keepClosed = options.keepClosedOrders ?? true;
    const rate = this.fillModel.participation;
    this.#participation = rate === null ? null : new Decimal(rate);
    if (options.restore) this.#restore(options.restore);
  }

  #restore(restore: PaperExchangeRestore): void {
    const byOrder = new Map<string, Fill[]>();
    for (const fill of restore.fills ?? []) {
      this.#portfolio.applyFill(fill, this.#markets.get(fill.symbol) ?? splitSymbol(fill.symbol));
      const list = byOrder.get(fill.clientOrderId);
      if (list) list.push(fill);
      else byOrder.set(fill.clientOrderId, [fill]);
    }
    const issued: (string | undefined)[] = [...(restore.issuedVenueOrderIds ?? [])];
    for (const order of restore.openOrders ?? []) {
      issued.push(order.venueOrderId);
      if (order.venueOrderId === undefined || !isOpenStatus(order.status) || order.status === 'pending_new')
        continue;
      this.#market(order.symbol);
      const status = order.filledQuantity.isZero() ? 'new' : 'partially_filled';
      const working: Working = {
        order: reviseOrder(order, { status }),
        venueOrderId: order.venueOrderId,
        fills: [...(byOrder.get(order.clientOrderId) ?? [])],
        triggered: false,
        seenFrom: 0,
        limitFloat: undefined,
        stopFloat: undefined,
      };
      this.#orders.set(order.clientOrderId, working);
      this.#book(order.symbol).add(order.clientOrderId, working, 1); // a restored order has rested before
    }
    const head = `${this.#venueTag}-`;
    for (const id of issued) {
      if (id === undefined || !id.startsWith(head)) continue;
      const n = id.slice(head.length);
      if (/^\d+$/.test(n)) this.#venueSeq = Math.max(this.#venueSeq, Number(n));
    }
  }

  /**
   * Trading rules of a listed market.
   *
   * @param symbol - market symbol
   * @throws {@link ExchangeError} `unknown_market`
   */
  async market(symbol: string): Promise<MarketInfo> {
    return this.#market(symbol);
  }

  /** The simulated account (balances and positions) after all fills so far. */
  get portfolio(): Portfolio {
    return this.#portfolio;
  }

  /**
   * Last traded price of a symbol, if any event was seen.
   *
   * @param symbol - market symbol
   */
  lastPrice(symbol: string): Decimal | undefined {
    const last = this.#last.get(symbol);
    if (last === undefined) return undefined;
    last.value ??= last.other === undefined ? decimalFromFloat(last.float) : new Decimal(last.other);
    return last.value;
  }

  /**
   * Places an order; idempotent by client order id. Refusals (unknown market, invalid for the market's rules,
   * reduce-only that would increase the position, post-only that would take, insufficient balance) return a
   * `rejected` report with a `reasonCode`.
   *
   * @param order - the order (status `pending_new`)
   */
  async submit(order: Order): Promise<VenueOrderReport> {
    return this.submitSync(order);
  }

  /**
   * Synchronous {@link PaperExchange.submit}, for backtest loops.
   *
   * @param order - the order
   */
  submitSync(order: Order): VenueOrderReport {
    const existing = this.#orders.get(order.clientOrderId);
    if (existing) return this.#report(existing);
    const venueOrderId = `${this.#venueTag}-${++this.#venueSeq}`;
    const working: Working = {
      order: order.status === 'pending_new' ? order : reviseOrder(order, { status: 'pending_new' }),
      venueOrderId,
      fills: NO_FILLS,
      triggered: false,
      seenFrom: 0,
      limitFloat: undefined,
      stopFloat: undefined,
    };
    this.#orders.set(order.clientOrderId, working);
    const refusal = this.#refusal(order);
    if (refusal) {
      working.order = transitionOrder(working.order, 'rejected', this.#now(), {
        venueOrderId,
        reasonCode: refusal.code,
        reason: refusal.reason,
      });
      if (!this.#keepClosed) this.#orders.delete(order.clientOrderId);
      return this.#report(working);
    }
    working.order = transitionOrder(working.order, 'new', this.#now(), { venueOrderId });
    this.#book(order.symbol).add(order.clientOrderId, working);
    return this.#report(working);
  }

  /**
   * Cancels an open order; an order already closed comes back unchanged.
   *
   * @param order - the order to cancel
   * @throws {@link ExchangeError} `unknown_order`
   */
  async cancel(order: Order): Promise<VenueOrderReport> {
    return this.cancelSync(order);
  }

  /**
   * Synchronous {@link PaperExchange.cancel}, for backtest loops (no promise per cancel).
   *
   * @param order - the order to cancel
   * @throws {@link ExchangeError} `unknown_order`
   * @example
   * ```ts
   * import { newOrder, PaperExchange, parseOrderIntent } from '@rrr/orders';
   *
   * const venue = new PaperExchange({
   *   markets: [{ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', lotStep: '0.00001' }],
   *   balances: { USDT: 10_000 },
   * });
   * const order = newOrder(
   *   parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.01', price: '90' }),
   *   'c-1',
   *   0,
   * );
   * venue.submitSync(order);
   * venue.cancelSync(order).status; // "canceled" (an order already closed comes back unchanged)
   * ```
   */
  cancelSync(order: Order): VenueOrderReport {
    const working = this.#working(order.clientOrderId);
    if (isOpenStatus(working.order.status))
      this.#close(working, 'canceled', 'canceled', 'canceled by request', false);
    return this.#report(working);
  }

  /**
   * Changes price and/or quantity of an open order (it keeps its queue slot in this simulation).
   *
   * @param order - the order to change
   * @param change - new price and/or quantity
   * @throws {@link ExchangeError} `unknown_order`, `order_closed`, `invalid_change`
   */
  async modify(order: Order, change: OrderChange): Promise<VenueOrderReport> {
    const working = this.#working(order.clientOrderId);
    if (!isOpenStatus(working.order.status)) {
      throw new ExchangeError('order_closed', `order "${order.clientOrderId}" is ${working.order.status}`);
    }
    const current = working.order;
    if (change.quantity?.lte(current.filledQuantity)) {
      throw new ExchangeError(
        'invalid_change',
        `quantity ${change.quantity.toString()} must exceed the filled ${current.filledQuantity.toString()}`,
      );
    }
    if (change.price && !current.price) {
      throw new ExchangeError('invalid_change', `price cannot be set on a ${current.type} order`);
    }
    working.order = reviseOrder(current, {
      quantity: change.quantity,
      price: change.price,
      updatedAt: this.#now(),
      version: current.version + 1,
    });
    working.limitFloat = undefined;
    this.#open.get(current.symbol)?.changed();
    return this.#report(working);
  }

  /**
   * The venue's view of an order, or undefined when it never saw the client order id.
   *
   * @param clientOrderId - client order id
   */
  async fetchOrder(clientOrderId: string): Promise<VenueOrderReport | undefined> {
    const working = this.#orders.get(clientOrderId);
    return working ? this.#report(working) : undefined;
  }

  /**
   * Open orders, optionally for one symbol.
   *
   * @param symbol - market symbol
   */
  async fetchOpenOrders(symbol?: string): Promise<VenueOrderReport[]> {
    const books = symbol ? [this.#open.get(symbol)] : [...this.#open.values()];
    return books.flatMap((b) => (b ? [...b.orders.values()].map((w) => this.#report(w)) : []));
  }

  /** Balance per currency. */
  async fetchBalances(): Promise<Record<string, Decimal>> {
    return { ...this.#portfolio.snapshot().balances };
  }

  /**
   * Subscribes to fills and order updates produced by price events.
   *
   * @param listener - called synchronously for each event
   */
  subscribe(listener: (event: ExecutionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Feeds one bar: open orders of the bar's symbol are matched against it, then the bar's close becomes the
   * last price.
   *
   * @param bar - the bar (values known only once it closed)
   */
  onBar(bar: BarInput): void {
    const { symbol, open, high, low, close, volume } = bar;
    const o = plainFloat(open);
    const h = plainFloat(high);
    const l = plainFloat(low);
    if (this.#acceptable(o, h, l, close, volume)) {
      if (this.#open.get(symbol)?.quiet(o, h, l) ?? true) this.#skip(symbol, bar.timestamp, close);
      else this.#process(new LazyBarEvent(symbol, bar.timestamp, open, high, low, close, volume));
      return;
    }
    this.#process({
      symbol: bar.symbol,
      timestamp: bar.timestamp,
      open: new Decimal(bar.open),
      high: new Decimal(bar.high),
      low: new Decimal(bar.low),
      close: new Decimal(bar.close),
      volume: new Decimal(bar.volume),
    });
  }

  /**
   * Feeds one trade: treated as an event whose open = high = low = close = price and volume = quantity.
   *
   * @param tick - the trade
   */
  onTick(tick: TickInput): void {
    const f = plainFloat(tick.price);
    if (this.#quiet(tick.symbol, f, f, f, tick.price, tick.quantity)) {
      this.#skip(tick.symbol, tick.timestamp, tick.price);
      return;
    }
    const price = new Decimal(tick.price);
    this.#process({
      symbol: tick.symbol,
      timestamp: tick.timestamp,
      open: price,
      high: price,
      low: price,
      close: price,
      volume: new Decimal(tick.quantity),
    });
  }

  #now(): number {
    return this.#clock ? this.#clock.now() : this.#lastTime;
  }

  #book(symbol: string): SymbolBook<Working> {
    let book = this.#open.get(symbol);
    if (!book) {
      book = new SymbolBook();
      this.#open.set(symbol, book);
    }
    return book;
  }

  #market(symbol: string): MarketInfo {
    const market = this.#markets.get(symbol);
    if (!market) throw new ExchangeError('unknown_market', `market "${symbol}" is not listed on ${this.id}`);
    return market;
  }

  #working(clientOrderId: string): Working {
    const working = this.#orders.get(clientOrderId);
    if (!working)
      throw new ExchangeError('unknown_order', `order "${clientOrderId}" is unknown to ${this.id}`);
    return working;
  }

  #refusal(order: Order): { code: string; reason: string } | undefined {
    const market = this.#markets.get(order.symbol);
    if (!market)
      return { code: 'unknown_market', reason: `market "${order.symbol}" is not listed on ${this.id}` };
    // the last price matters only to an order without a price of its own (its notional, its balance check) and to
    // post-only orders: read (and parsed) only then
    const needsLast =
      (order.price === undefined && order.stopPrice === undefined) || order.timeInForce === 'PO';
    const last = needsLast ? this.lastPrice(order.symbol) : undefined;
    try {
      validateForMarket(order, market, last);
    } catch (error) {
      if (isOrderError(error)) return { code: error.code, reason: error.message };
      throw error;
    }
    if (order.reduceOnly) {
      const position = this.#portfolio.position(order.symbol).quantity;
      const reduces = order.side === 'buy' ? position.isNeg() : position.isPos();
      if (!reduces || order.quantity.gt(position.abs())) {
        return {
          code: 'reduce_only',
          reason: `reduce-only ${order.side} of ${order.quantity.toString()} would increase the position ${position.toString()}`,
        };
      }
    }
    if (order.timeInForce === 'PO' && order.price && last) {
      const takes = order.side === 'buy' ? order.price.gte(last) : order.price.lte(last);
      if (takes) {
        return {
          code: 'post_only_would_take',
          reason: `post-only ${order.side} at ${order.price.toString()} would take liquidity (last ${last.toString()})`,
        };
      }
    }
    const ref = order.price ?? order.stopPrice ?? last;
    if (ref) {
      const shortfall = this.#shortfall(order, market, order.quantity, ref, 'taker');
      if (shortfall) return { code: 'insufficient_balance', reason: shortfall };
    }
    return undefined;
  }

  #shortfall(
    order: Order,
    market: MarketInfo,
    qty: Decimal,
    price: Decimal,
    liquidity: Liquidity,
    notional?: Decimal,
  ): string | undefined {
    if (!this.fillModel.checkBalance) return undefined;
    if (order.side === 'buy') {
      const cost = liquidity === 'maker' ? this.#makerCost : this.#takerCost;
      const have = this.#portfolio.balance(market.quote);
      if (surelyCovers(have, qty, price, cost)) return undefined;
      // `notional`, when given, is `qty * price` already computed by the caller
      const need = mul(notional ?? mul(qty, price), cost);
      return compare(have, need) < 0
        ? `insufficient ${market.quote}: need ${need.toString()}, have ${have.toString()}`
        : undefined;
    }
    if (this.fillModel.allowShort || order.reduceOnly) return undefined;
    const have = this.#portfolio.balance(market.base);
    return compare(have, qty) < 0
      ? `insufficient ${market.base}: need ${qty.toString()}, have ${have.toString()}`
      : undefined;
  }

  /**
   * True when the event certainly changes no order (see {@link mayTrade}) and its values are ones `new Decimal`
   * accepts: then the Decimal work of {@link PaperExchange.#process} can be skipped with the same outcome.
   */
  #quiet(
    symbol: string,
    open: number,
    high: number,
    low: number,
    close: DecimalInput,
    volume: DecimalInput,
  ): boolean {
    if (!this.#acceptable(open, high, low, close, volume)) return false;
    return this.#open.get(symbol)?.quiet(open, high, low) ?? true;
  }

  /** True when open/high/low (as {@link plainFloat} read them) and close/volume are all values `new Decimal` accepts. */
  #acceptable(open: number, high: number, low: number, close: DecimalInput, volume: DecimalInput): boolean {
    if (Number.isNaN(open) || Number.isNaN(high) || Number.isNaN(low)) return false;
    return acceptedByDecimal(close) && acceptedByDecimal(volume);
  }

  /** What {@link PaperExchange.#process} does on an event that changes no order. */
  #skip(symbol: string, timestamp: number, close: DecimalInput): void {
    this.#lastTime = timestamp;
    const book = this.#open.get(symbol);
    if (book !== undefined) book.events += 1;
    this.#setLast(symbol, close, undefined);
  }

  #setLast(symbol: string, input: DecimalInput, value: Decimal | undefined): void {
    let last = this.#last.get(symbol);
    if (last === undefined) {
      last = { float: 0, other: undefined, value: undefined };
      this.#last.set(symbol, last);
    }
    if (typeof input === 'number') {
      last.float = input;
      last.other = undefined;
    } else last.other = input;
    last.value = value;
  }

  #process(event: PriceEvent): void {
    this.#lastTime = event.timestamp;
    const book = this.#open.get(event.symbol);
    if (book) book.events += 1;
    if (book && book.orders.size > 0) {
      const market = this.#market(event.symbol);
      // the volume the cap leaves, computed when an order first fills on this event (most events fill nothing)
      const volume: VolumeLeft | undefined =
        this.#participation === null ? undefined : { cap: this.#participation, left: undefined };
      for (const working of [...book.orders.values()]) this.#match(working, book, event, market, volume);
    }
    if (event instanceof LazyBarEvent) this.#setLast(event.symbol, event.closeInput, event.parsedClose);
    else this.#setLast(event.symbol, event.close, event.close);
  }

  /** Matches one order against one event; a fill takes its quantity off `volume`. */
  #match(
    working: Working,
    book: SymbolBook<Working>,
    event: PriceEvent,
    market: MarketInfo,
    volume: VolumeLeft | undefined,
  ): void {
    const order = working.order;
    const immediate = order.timeInForce === 'IOC' || order.timeInForce === 'FOK';
    let price: Decimal | undefined;
    let liquidity: Liquidity = 'taker';
    switch (order.type) {
      case 'market':
        price = event.open;
        break;
      case 'stop':
        price = order.stopPrice ? stopTriggerPrice(order.side, order.stopPrice, event) : undefined;
        break;
      case 'stop_limit':
        if (!working.triggered) {
          if (order.stopPrice && stopTriggerPrice(order.side, order.stopPrice, event)) {
            working.triggered = true;
            book.restart(working);
            book.changed();
          }
          return;
        }
        price = order.price
          ? limitFillPrice(order.side, order.price, event, this.fillModel.limitFill)
          : undefined;
        if (price && order.price && compare(price, order.price) === 0 && book.seen(working) > 0)
          liquidity = 'maker';
        break;
      case 'limit':
        price = order.price
          ? limitFillPrice(order.side, order.price, event, this.fillModel.limitFill)
          : undefined;
        if (price && order.price && compare(price, order.price) === 0 && book.seen(working) > 0)
          liquidity = 'maker';
        if (order.timeInForce === 'PO' && price && liquidity === 'taker') {
          this.#close(
            working,
            'canceled',
            'post_only_would_take',
            'post-only order would have taken liquidity',
          );
          return;
        }
        if (order.timeInForce === 'PO') liquidity = 'maker';
        break;
    }
    if (!price) {
      if (immediate)
        this.#close(working, 'expired', 'not_marketable', `${order.timeInForce} order not marketable`);
      return;
    }
    const remaining = unfilled(order);
    if (liquidity === 'taker' && order.type !== 'limit' && order.type !== 'stop_limit') {
      const bps = slippageBps(this.fillModel.slippage, remaining, event.volume, this.#random);
      price = applySlippage(price, order.side, bps, market.tickSize);
    }
    let qty = remaining;
    // the smaller of the two as it is (`Decimal.min`/`Decimal.max` return copies of the same values)
    if (volume) {
      volume.left ??= mul(event.volume, volume.cap);
      const free = volume.left.isNeg() ? ZERO : volume.left;
      if (compare(free, qty) < 0) qty = free;
    }
    if (order.reduceOnly) {
      const position = this.#portfolio.position(order.symbol).quantity;
      const reducible = (order.side === 'buy' ? position.isNeg() : position.isPos()) ? position.abs() : ZERO;
      qty = Decimal.min(qty, reducible);
    }
    qty = roundToStep(qty, market.lotStep, Decimal.ROUND_FLOOR);
    if (order.timeInForce === 'FOK' && compare(qty, remaining) < 0) {
      this.#close(
        working,
        'expired',
        'fok_not_filled',
        `FOK order could fill only ${qty.toString()} of ${remaining}`,
      );
      return;
    }
    if (qty.isZero()) {
      if (immediate)
        this.#close(working, 'expired', 'no_liquidity', `${order.timeInForce} order found no volume`);
      else if (order.reduceOnly) this.#close(working, 'canceled', 'reduce_only', 'nothing left to reduce');
      return;
    }
    const rate = liquidity === 'maker' ? this.fillModel.makerFeeRate : this.fillModel.takerFeeRate;
    const notional = mul(qty, price);
    const shortfall = this.#shortfall(order, market, qty, price, liquidity, notional);
    if (shortfall) {
      this.#close(working, 'canceled', 'insufficient_balance', shortfall);
      return;
    }
    const fill: Fill = {
      tradeId: `${working.venueOrderId}-${working.fills.length + 1}`,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      quantity: qty,
      price,
      fee: mul(notional, rate),
      feeCurrency: market.quote,
      liquidity,
      timestamp: event.timestamp,
    };
    rememberNotional(fill, notional);
    working.fills = working.fills === NO_FILLS ? [fill] : [...working.fills, fill];
    working.order = applyFillToOrder(working.order, fill);
    this.#portfolio.applyFill(fill, market);
    this.#emit({ type: 'fill', fill });
    if (working.order.status === 'filled') {
      this.#forget(working);
      this.#emit({ type: 'order', report: this.#report(working) });
    } else if (order.timeInForce === 'IOC') {
      this.#close(working, 'expired', 'ioc_remainder', 'IOC remainder expired');
    } else {
      this.#emit({ type: 'order', report: this.#report(working) });
    }
    if (volume?.left) volume.left = sub(volume.left, qty);
  }

  #close(working: Working, status: 'canceled' | 'expired', code: string, reason: string, emit = true): void {
    working.order = transitionOrder(working.order, status, this.#now(), { reasonCode: code, reason });
    this.#forget(working);
    if (emit) this.#emit({ type: 'order', report: this.#report(working) });
  }

  /** A closed order leaves its symbol's book, and the venue's memory unless closed orders are kept. */
  #forget(working: Working): void {
    const { symbol, clientOrderId } = working.order;
    this.#open.get(symbol)?.delete(clientOrderId);
    if (!this.#keepClosed) this.#orders.delete(clientOrderId);
  }

  #emit(event: ExecutionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #report(working: Working): VenueOrderReport {
    const o = working.order;
    // built field by field: conditional spreads cost a runtime call each on this hot path
    const report = {
      clientOrderId: o.clientOrderId,
      venueOrderId: working.venueOrderId,
      symbol: o.symbol,
      status: o.status,
      filledQuantity: o.filledQuantity,
      quantity: o.quantity,
    } as Mutable<VenueOrderReport>;
    if (o.price) report.price = o.price;
    if (o.averageFillPrice) report.averageFillPrice = o.averageFillPrice;
    // shared, not copied: a working order's fill list is replaced (never changed in place) when it fills again
    report.fills = working.fills.length === 0 ? NO_FILLS : working.fills;
    if (o.reasonCode) report.reasonCode = o.reasonCode;
    if (o.reason) report.reason = o.reason;
    report.timestamp = o.updatedAt;
    return report;
  }
}
