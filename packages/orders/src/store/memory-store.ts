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
  readonly #open = new Set<string>();
  readonly #fills: Fill[] = [];
  readonly #tradeIds = new Set<string>();

  /**
   * Stores a new order; idempotent by client order id.
   *
   * @param order - the order
   */
  async insert(order: Order): Promise<InsertResult> {
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
   * One order by venue order id.
   *
   * @param venueOrderId - venue order id
   */
  async getByVenueId(venueOrderId: string): Promise<Order | undefined> {
    const id = this.#byVenue.get(venueOrderId);
    return id === undefined ? undefined : this.#orders.get(id);
  }

  /**
   * Orders matching a filter, oldest first.
   *
   * @param filter - conditions
   */
  async list(filter: OrderFilter = {}): Promise<Order[]> {
    const source =
      filter.open === true
        ? [...this.#open].flatMap((id) => this.#orders.get(id) ?? [])
        : [...this.#orders.values()];
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

  /** Stores `order`; `previous` is the value it replaces (the open set is touched only when openness changes). */
  #put(order: Order, previous?: Order): void {
    this.#orders.set(order.clientOrderId, order);
    if (order.venueOrderId !== undefined) this.#byVenue.set(order.venueOrderId, order.clientOrderId);
    const open = isOpenStatus(order.status);
    if (previous !== undefined && open === isOpenStatus(previous.status)) return;
    if (open) this.#open.add(order.clientOrderId);
    else this.#open.delete(order.clientOrderId);
  }
}
