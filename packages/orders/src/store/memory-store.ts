import { OrderStoreError } from '../errors.js';
import { isOpenStatus } from '../model/transitions.js';
import type { Fill, Order } from '../model/types.js';
import type { InsertResult, OrderFilter, OrderStore } from './order-store.js';

/** @internal Shared filter predicate of the stores. */
export function matchesFilter(order: Order, filter: OrderFilter): boolean {
  if (filter.symbol !== undefined && order.symbol !== filter.symbol) return false;
  if (filter.statuses && !filter.statuses.includes(order.status)) return false;
  if (filter.open !== undefined && isOpenStatus(order.status) !== filter.open) return false;
  return true;
}

/**
 * An {@link OrderStore} in process memory: fast, for backtests and tests; nothing survives a restart.
 *
 * @example
 * ```ts
 * import { MemoryOrderStore } from '@rrr/orders';
 *
 * const store = new MemoryOrderStore();
 * const open = await store.list({ open: true });
 * ```
 */
export class MemoryOrderStore implements OrderStore {
  readonly #orders = new Map<string, Order>();
  readonly #byVenue = new Map<string, string>();
  /** Venue ids assigned since the last venue id lookup, as pairs (venue id, client order id), oldest first. */
  #venueLog: string[] = [];
  /**
   * Ids of the orders that were open when stored, oldest first. Closing an order leaves its id here: listing the
   * open orders drops closed ids, so storing an order costs an array push instead of a set insert and delete.
   */
  #openIds: string[] = [];
  /** Whether a closed order was stored open again since the last listing (its id may then be here twice). */
  #reopened = false;
  readonly #fills: Fill[] = [];
  readonly #tradeIds = new Set<string>();

  /**
   * Stores a new order; idempotent by client order id.
   *
   * @param order - the order
   */
  async insert(order: Order): Promise<InsertResult> {
    return this.insertSync(order);
  }

  /**
   * {@link MemoryOrderStore.insert} without the promise: the synchronous path `OrderManager` takes when its store
   * is a `MemoryOrderStore`.
   *
   * @param order - the order
   * @example
   * ```ts
   * const { inserted } = store.insertSync(order); // false when the client order id was already stored
   * ```
   */
  insertSync(order: Order): InsertResult {
    const existing = this.#orders.get(order.clientOrderId);
    if (existing) return { inserted: false, order: existing };
    this.#put(order);
    return { inserted: true, order };
  }

  /**
   * Replaces the stored order at `expectedVersion`.
   *
   * @param order - the new value
   * @param expectedVersion - version being replaced
   */
  async update(order: Order, expectedVersion: number): Promise<void> {
    this.updateSync(order, expectedVersion);
  }

  /**
   * {@link MemoryOrderStore.update} without the promise; throws `OrderStoreError` as `update` rejects.
   *
   * @param order - the new value
   * @param expectedVersion - version being replaced
   * @example
   * ```ts
   * store.updateSync(next, previous.version);
   * ```
   */
  updateSync(order: Order, expectedVersion: number): void {
    this.#put(order, this.#check(order, expectedVersion));
  }

  /**
   * Records a fill with its order, once per trade id.
   *
   * @param fill - the fill
   * @param order - the order after the fill
   * @param expectedVersion - version being replaced
   */
  async recordFill(fill: Fill, order: Order, expectedVersion: number): Promise<boolean> {
    if (this.#tradeIds.has(fill.tradeId)) return false;
    const stored = this.#check(order, expectedVersion);
    this.#tradeIds.add(fill.tradeId);
    this.#fills.push(fill);
    this.#put(order, stored);
    return true;
  }

  /**
   * One order by client order id.
   *
   * @param clientOrderId - client order id
   */
  async get(clientOrderId: string): Promise<Order | undefined> {
    return this.#orders.get(clientOrderId);
  }

  /**
   * {@link MemoryOrderStore.get} without the promise.
   *
   * @param clientOrderId - client order id
   * @example
   * ```ts
   * const order = store.getSync('my-order-1');
   * ```
   */
  getSync(clientOrderId: string): Order | undefined {
    return this.#orders.get(clientOrderId);
  }

  /**
   * One order by venue order id.
   *
   * @param venueOrderId - venue order id
   */
  async getByVenueId(venueOrderId: string): Promise<Order | undefined> {
    const log = this.#venueLog;
    if (log.length > 0) {
      // the index is built on demand: most orders are never looked up by venue id
      this.#venueLog = [];
      for (let i = 0; i < log.length; i += 2) this.#byVenue.set(log[i] as string, log[i + 1] as string);
    }
    const id = this.#byVenue.get(venueOrderId);
    return id === undefined ? undefined : this.#orders.get(id);
  }

  /**
   * Orders matching a filter, oldest first.
   *
   * @param filter - conditions
   */
  async list(filter: OrderFilter = {}): Promise<Order[]> {
    const source = filter.open === true ? this.#openOrders() : [...this.#orders.values()];
    return source.filter((o) => matchesFilter(o, filter));
  }

  /**
   * Recorded fills, optionally of one order.
   *
   * @param clientOrderId - client order id
   */
  async fills(clientOrderId?: string): Promise<Fill[]> {
    return clientOrderId === undefined
      ? [...this.#fills]
      : this.#fills.filter((f) => f.clientOrderId === clientOrderId);
  }

  /** Nothing to release. */
  async close(): Promise<void> {}

  /** The open orders, oldest first; compacts the list of open ids to them. */
  #openOrders(): Order[] {
    const ids: string[] = [];
    const orders: Order[] = [];
    const seen = this.#reopened ? new Set<string>() : undefined;
    for (const id of this.#openIds) {
      const order = this.#orders.get(id);
      if (order === undefined || !isOpenStatus(order.status) || seen?.has(id)) continue;
      seen?.add(id);
      ids.push(id);
      orders.push(order);
    }
    this.#openIds = ids;
    this.#reopened = false;
    return orders;
  }

  /** Returns the stored order that `order` replaces, after checking its version. */
  #check(order: Order, expectedVersion: number): Order {
    const stored = this.#orders.get(order.clientOrderId);
    if (!stored) throw new OrderStoreError('order_not_found', `order "${order.clientOrderId}" is not stored`);
    if (stored.version !== expectedVersion) {
      throw new OrderStoreError(
        'version_conflict',
        `order "${order.clientOrderId}" is at version ${stored.version}, expected ${expectedVersion}`,
      );
    }
    return stored;
  }

  /** Stores `order`; `previous` is the value it replaces (an id joins the open list when the order opens). */
  #put(order: Order, previous?: Order): void {
    this.#orders.set(order.clientOrderId, order);
    const venueOrderId = order.venueOrderId;
    if (venueOrderId !== undefined && venueOrderId !== previous?.venueOrderId) {
      this.#venueLog.push(venueOrderId, order.clientOrderId);
    }
    if (!isOpenStatus(order.status)) return;
    if (previous === undefined) this.#openIds.push(order.clientOrderId);
    else if (!isOpenStatus(previous.status)) {
      this.#openIds.push(order.clientOrderId);
      this.#reopened = true;
    }
  }
}
