import type { Fill, Order, OrderStatus } from '../model/types.js';

/** Filter for {@link OrderStore.list}; all given conditions must hold. */
export interface OrderFilter {
  /** Only these statuses. */
  readonly statuses?: readonly OrderStatus[];
  /** Only this symbol. */
  readonly symbol?: string;
  /** Only open (true) or only closed (false) orders. */
  readonly open?: boolean;
}

/** Result of {@link OrderStore.insert}. */
export interface InsertResult {
  /** False when an order with the same client order id already existed (nothing was written). */
  readonly inserted: boolean;
  /** The stored order: the new one, or the existing one. */
  readonly order: Order;
}

/**
 * Durable storage of orders and fills. Every adapter (in-memory, SQLite, PostgreSQL) passes the same contract
 * test suite. Writes use optimistic concurrency: an update names the version it replaces.
 */
export interface OrderStore {
  /** Stores a new order; idempotent by client order id (returns the existing order instead). */
  insert(order: Order): Promise<InsertResult>;
  /**
   * Replaces a stored order whose version is `expectedVersion` with `order`.
   * Throws `OrderStoreError` `version_conflict` when the stored version differs, `order_not_found` when absent.
   */
  update(order: Order, expectedVersion: number): Promise<void>;
  /**
   * Atomically records a fill and the order it updated. Returns false (and writes nothing) when a fill with
   * the same trade id was already recorded.
   */
  recordFill(fill: Fill, order: Order, expectedVersion: number): Promise<boolean>;
  /** One order by client order id. */
  get(clientOrderId: string): Promise<Order | undefined>;
  /** One order by venue order id. */
  getByVenueId(venueOrderId: string): Promise<Order | undefined>;
  /** Orders matching a filter, oldest first. */
  list(filter?: OrderFilter): Promise<Order[]>;
  /** Recorded fills, oldest first, optionally of one order. */
  fills(clientOrderId?: string): Promise<Fill[]>;
  /** Releases resources (connections, file handles). */
  close(): Promise<void>;
}
