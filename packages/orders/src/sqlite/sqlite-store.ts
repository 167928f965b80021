import Database from 'better-sqlite3';
import { OrderStoreError } from '../errors.js';
import type { Fill, Order } from '../model/types.js';
import {
  FILL_COLUMNS,
  type FillRow,
  fillFromRow,
  fillToRow,
  ORDER_COLUMNS,
  type OrderRow,
  orderFromRow,
  orderToRow,
} from '../store/codec.js';
import type { InsertResult, OrderFilter, OrderStore } from '../store/order-store.js';
import { type Clock, systemClock } from '../util/clock.js';
import { GroupCommit } from './group-commit.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

/** Options of {@link SqliteOrderStore.open}. */
export interface SqliteOrderStoreOptions {
  /**
   * SQLite `synchronous` level. `"NORMAL"` (default, with WAL) never loses a committed write when the process
   * crashes; `"FULL"` also survives a power loss, at the cost of an fsync per commit.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * Hold the database file exclusively while the store is open (SQLite `locking_mode = EXCLUSIVE`, default true):
   * no file lock is taken and released per transaction and the WAL index lives in memory, which saves several
   * system calls per commit. Another connection (another process, the `sqlite3` shell) cannot read the file
   * until the store is closed; set `false` to let other connections read it while the store writes. Durability
   * is the same either way.
   */
  exclusive?: boolean;
  /**
   * Page size in bytes of a NEW database file (default 1024; ignored for an existing file). Every commit writes
   * the B-tree pages it changed to the WAL; order rows are small, so small pages mean fewer bytes per commit.
   */
  pageSize?: 512 | 1024 | 2048 | 4096 | 8192 | 16384 | 32768 | 65536;
  /**
   * WAL pages after which a commit copies the WAL back into the database file (SQLite `wal_autocheckpoint`,
   * default 10,000 pages, about 10 MB at 1 KiB pages; SQLite's own default is 1,000). Each checkpoint waits for
   * an fsync even at `synchronous: 'NORMAL'`: checkpointing less often saves those waits. Committed writes are
   * durable in the WAL either way. A positive integer.
   */
  walAutocheckpoint?: number;
  /** Clock used to stamp applied migrations (default: system clock). */
  clock?: Clock;
}

const PAGE_SIZES: readonly number[] = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];

const OPEN_STATUSES = "('pending_new', 'new', 'partially_filled', 'pending_cancel', 'pending_replace')";

/**
 * {@link OrderStore} on SQLite (better-sqlite3) in WAL mode: the embedded default. The schema is created and
 * upgraded by versioned migrations (table `rrr_orders_migrations`); a database written by a newer version of
 * this package is refused.
 *
 * @example
 * ```ts
 * import { SqliteOrderStore } from '@rrr/orders/sqlite';
 *
 * const store = SqliteOrderStore.open('orders.db');
 * const open = await store.list({ open: true });
 * await store.close();
 * ```
 */
export class SqliteOrderStore implements OrderStore {
  /** The underlying better-sqlite3 connection. */
  readonly db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #insertFill: Database.Statement;
  readonly #get: Database.Statement;
  readonly #version: Database.Statement;
  readonly #byVenue: Database.Statement;
  readonly #recordFill: (fill: Fill, order: Order, expectedVersion: number) => boolean;
  readonly #commit: GroupCommit;

  /**
   * Opens (creating if needed) a database file and migrates it to the current schema.
   *
   * @param filename - database path, or `":memory:"`
   * @param options - durability level and clock
   * @throws `OrderStoreError` `schema_too_new` when the file was written by a newer schema
   */
  static open(filename: string, options: SqliteOrderStoreOptions = {}): SqliteOrderStore {
    return new SqliteOrderStore(new Database(filename), options);
  }

  /**
   * Wraps an open better-sqlite3 connection (WAL is switched on, migrations applied).
   *
   * @param db - the connection
   * @param options - durability level and clock
   */
  constructor(db: Database.Database, options: SqliteOrderStoreOptions = {}) {
    this.db = db;
    // page_size only takes effect on a database without tables (and before WAL is switched on)
    const pageSize = options.pageSize ?? 1024;
    if (!PAGE_SIZES.includes(pageSize)) {
      throw new OrderStoreError(
        'invalid_option',
        `pageSize ${String(pageSize)} is not a power of two from 512 to 65536`,
      );
    }
    if (db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() === 0) {
      db.pragma(`page_size = ${pageSize}`);
    }
    const checkpoint = options.walAutocheckpoint ?? 10_000;
    if (!Number.isSafeInteger(checkpoint) || checkpoint < 1) {
      throw new OrderStoreError(
        'invalid_option',
        `walAutocheckpoint must be a positive integer, got ${String(checkpoint)}`,
      );
    }
    if (options.exclusive ?? true) db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma(`wal_autocheckpoint = ${checkpoint}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, (options.clock ?? systemClock).now());
    const cols = ORDER_COLUMNS.join(', ');
    const params = ORDER_COLUMNS.map((c) => `@${c}`).join(', ');
    this.#insert = db.prepare(
      `INSERT INTO orders (${cols}) VALUES (${params}) ON CONFLICT (client_order_id) DO NOTHING`,
    );
    const sets = ORDER_COLUMNS.filter((c) => c !== 'client_order_id')
      .map((c) => `${c} = @${c}`)
      .join(', ');
    this.#update = db.prepare(
      `UPDATE orders SET ${sets} WHERE client_order_id = @client_order_id AND version = @expected_version`,
    );
    this.#insertFill = db.prepare(
      `INSERT INTO fills (${FILL_COLUMNS.join(', ')}) VALUES (${FILL_COLUMNS.map((c) => `@${c}`).join(', ')}) ON CONFLICT (trade_id) DO NOTHING`,
    );
    this.#get = db.prepare('SELECT * FROM orders WHERE client_order_id = ?');
    this.#version = db.prepare('SELECT version FROM orders WHERE client_order_id = ?').pluck();
    this.#byVenue = db.prepare('SELECT * FROM orders WHERE venue_order_id = ? ORDER BY seq LIMIT 1');
    this.#recordFill = db.transaction((fill: Fill, order: Order, expectedVersion: number) => {
      if (this.#insertFill.run(fillToRow(fill)).changes === 0) return false;
      this.#updateSync(order, expectedVersion);
      return true;
    });
    this.#commit = new GroupCommit(db);
  }

  /** Current schema version of the open database. */
  get schemaVersion(): number {
    return currentVersion(this.db);
  }

  /**
   * Stores a new order; idempotent by client order id.
   *
   * @param order - the order
   */
  insert(order: Order): Promise<InsertResult> {
    return this.#commit.write(() => {
      if (this.#insert.run(orderToRow(order)).changes === 1) return { inserted: true, order };
      const existing = this.#get.get(order.clientOrderId) as OrderRow;
      return { inserted: false, order: orderFromRow(existing) };
    });
  }

  /**
   * Replaces the stored order at `expectedVersion`.
   *
   * @param order - the new value
   * @param expectedVersion - version being replaced
   */
  update(order: Order, expectedVersion: number): Promise<void> {
    return this.#commit.write(() => this.#updateSync(order, expectedVersion));
  }

  /**
   * Records a fill with its order in one transaction, once per trade id.
   *
   * @param fill - the fill
   * @param order - the order after the fill
   * @param expectedVersion - version being replaced
   */
  recordFill(fill: Fill, order: Order, expectedVersion: number): Promise<boolean> {
    return this.#commit.write(() => this.#recordFill(fill, order, expectedVersion));
  }

  /**
   * One order by client order id.
   *
   * @param clientOrderId - client order id
   */
  async get(clientOrderId: string): Promise<Order | undefined> {
    this.#commit.flush();
    const row = this.#get.get(clientOrderId) as OrderRow | undefined;
    return row ? orderFromRow(row) : undefined;
  }

  /**
   * One order by venue order id.
   *
   * @param venueOrderId - venue order id
   */
  async getByVenueId(venueOrderId: string): Promise<Order | undefined> {
    this.#commit.flush();
    const row = this.#byVenue.get(venueOrderId) as OrderRow | undefined;
    return row ? orderFromRow(row) : undefined;
  }

  /**
   * Orders matching a filter, oldest first.
   *
   * @param filter - conditions
   */
  async list(filter: OrderFilter = {}): Promise<Order[]> {
    this.#commit.flush();
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.symbol !== undefined) {
      where.push('symbol = ?');
      args.push(filter.symbol);
    }
    if (filter.statuses) {
      if (filter.statuses.length === 0) return [];
      where.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`);
      args.push(...filter.statuses);
    }
    if (filter.open !== undefined) where.push(`status ${filter.open ? '' : 'NOT '}IN ${OPEN_STATUSES}`);
    const sql = `SELECT * FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;
    return (this.db.prepare(sql).all(...args) as OrderRow[]).map(orderFromRow);
  }

  /**
   * Recorded fills, oldest first, optionally of one order.
   *
   * @param clientOrderId - client order id
   */
  async fills(clientOrderId?: string): Promise<Fill[]> {
    this.#commit.flush();
    const rows =
      clientOrderId === undefined
        ? this.db.prepare('SELECT * FROM fills ORDER BY seq').all()
        : this.db.prepare('SELECT * FROM fills WHERE client_order_id = ? ORDER BY seq').all(clientOrderId);
    return (rows as FillRow[]).map(fillFromRow);
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.#commit.flush();
    this.db.close();
  }

  #updateSync(order: Order, expectedVersion: number): void {
    // one more key on the fresh row: a spread that adds a key would take V8's slow path (about 1 µs)
    const row: OrderRow & { expected_version?: number } = orderToRow(order);
    row.expected_version = expectedVersion;
    const result = this.#update.run(row);
    if (result.changes === 1) return;
    const stored = this.#version.get(order.clientOrderId) as number | undefined;
    if (stored === undefined) {
      throw new OrderStoreError('order_not_found', `order "${order.clientOrderId}" is not stored`);
    }
    throw new OrderStoreError(
      'version_conflict',
      `order "${order.clientOrderId}" is at version ${stored}, expected ${expectedVersion}`,
    );
  }
}

function currentVersion(db: Database.Database): number {
  const value = db.prepare('SELECT MAX(version) FROM rrr_orders_migrations').pluck().get() as number | null;
  return value ?? 0;
}

/** @internal Applies pending migrations in one transaction each. */
export function migrate(db: Database.Database, now: number): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS rrr_orders_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const latest = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;
  const current = currentVersion(db);
  if (current > latest) {
    throw new OrderStoreError(
      'schema_too_new',
      `order database schema is v${current}, this @rrr/orders supports up to v${latest}: upgrade the package`,
    );
  }
  for (const m of SQLITE_MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO rrr_orders_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.description,
        now,
      );
    })();
  }
}
