import pg from 'pg';
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
import { batchSql, mergeOrderWrites } from './batch-sql.js';
import { ALONE, PgGroupCommit, type PgWrite } from './group-commit.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/** Options of {@link PostgresOrderStore.open}. */
export interface PostgresOrderStoreOptions {
  /** Clock used to stamp applied migrations (default: system clock). */
  clock?: Clock;
  /** Max pool connections when a connection string is given (default 4). */
  maxConnections?: number;
  /**
   * Commit concurrent writes together (default true, see {@link PostgresOrderStore}). `false` runs every write in
   * its own transaction on any free pool connection.
   */
  groupCommit?: boolean;
}

const OPEN = "('pending_new', 'new', 'partially_filled', 'pending_cancel', 'pending_replace')";
const MIGRATION_LOCK = 7_301_550_001;
const cols = ORDER_COLUMNS.join(', ');
const INSERT = `INSERT INTO rrr_orders (${cols}) VALUES (${ORDER_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (client_order_id) DO NOTHING`;
const UPDATE = `UPDATE rrr_orders SET ${ORDER_COLUMNS.slice(1)
  .map((c, i) => `${c} = $${i + 2}`)
  .join(', ')} WHERE client_order_id = $1 AND version = $${ORDER_COLUMNS.length + 1}`;
const INSERT_FILL = `INSERT INTO rrr_fills (${FILL_COLUMNS.join(', ')}) VALUES (${FILL_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (trade_id) DO NOTHING`;
const SELECT = `SELECT ${cols} FROM rrr_orders`;
const BY_ID = `${SELECT} WHERE client_order_id = $1`;

function orderValues(order: Order): unknown[] {
  const row = orderToRow(order);
  return ORDER_COLUMNS.map((c) => row[c]);
}

function fillValues(fill: Fill): unknown[] {
  const row = fillToRow(fill);
  return FILL_COLUMNS.map((c) => row[c]);
}

/**
 * {@link OrderStore} on PostgreSQL (pg): the server option for several processes or machines. Tables
 * `rrr_orders` and `rrr_fills` are created by versioned migrations (table `rrr_orders_migrations`) under an
 * advisory lock, so concurrent starts are safe. Decimals are stored as `NUMERIC`.
 *
 * Group commit: writes that arrive while another commit is in flight (say 50 `OrderManager.create` calls at
 * once) are committed together, in one transaction (one multi-row statement when the batch is only inserts or
 * only updates of different orders), and each resolves only once that transaction committed, so an intent is still
 * durable before the venue is called. A lone write runs alone, exactly as before. When one
 * write of a batch fails (a version conflict, a constraint), the batch is rolled back and its writes run again
 * one by one, so each gets its own outcome.
 *
 * @example
 * ```ts
 * import { PostgresOrderStore } from '@rrr/orders/postgres';
 *
 * const store = await PostgresOrderStore.open('postgresql://user@localhost/trading');
 * const open = await store.list({ open: true });
 * await store.close();
 * ```
 */
export class PostgresOrderStore implements OrderStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #commit: PgGroupCommit | undefined;

  /**
   * Connects (a connection string, or your own `pg.Pool`) and migrates the schema.
   *
   * @param connection - connection string or pool
   * @param options - clock and pool size
   * @throws `OrderStoreError` `schema_too_new` when the database was migrated by a newer package
   */
  static async open(
    connection: string | pg.Pool,
    options: PostgresOrderStoreOptions = {},
  ): Promise<PostgresOrderStore> {
    const owns = typeof connection === 'string';
    const pool = owns
      ? new pg.Pool({ connectionString: connection, max: options.maxConnections ?? 4 })
      : connection;
    // An idle pooled connection that the server drops makes the pool emit 'error'; without a listener that would
    // crash the process. The pool discards the client; the next query reconnects or rejects with the error.
    if (owns) pool.on('error', () => undefined);
    try {
      await migrate(pool, (options.clock ?? systemClock).now());
    } catch (error) {
      if (owns) await pool.end();
      throw error;
    }
    return new PostgresOrderStore(pool, owns, options.groupCommit ?? true);
  }

  private constructor(pool: pg.Pool, ownsPool: boolean, groupCommit: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#commit = groupCommit ? new PgGroupCommit(pool, mergeOrderWrites) : undefined;
  }

  /**
   * Stores a new order; idempotent by client order id. Concurrent writes share a commit (see the class notes).
   *
   * @param order - the order
   */
  insert(order: Order): Promise<InsertResult> {
    const values = orderValues(order);
    return this.#write({
      sql: batchSql.insertOrder(values),
      merge: { kind: 'insert', id: order.clientOrderId, values },
      result: async (answer, client) => {
        if (answer.rowCount === 1) return { inserted: true, order };
        const { rows } = await client.query<OrderRow>(BY_ID, [order.clientOrderId]);
        return rows[0] ? { inserted: false, order: orderFromRow(rows[0]) } : ALONE;
      },
      alone: async () => {
        if ((await this.#pool.query(INSERT, values)).rowCount === 1) return { inserted: true, order };
        const existing = await this.get(order.clientOrderId);
        if (!existing)
          throw new OrderStoreError(
            'order_not_found',
            `order "${order.clientOrderId}" vanished during insert`,
          );
        return { inserted: false, order: existing };
      },
    });
  }

  /**
   * Replaces the stored order at `expectedVersion`.
   *
   * @param order - the new value
   * @param expectedVersion - version being replaced
   */
  update(order: Order, expectedVersion: number): Promise<void> {
    const values = [...orderValues(order), expectedVersion];
    return this.#write({
      sql: batchSql.updateOrder(values),
      merge: { kind: 'update', id: order.clientOrderId, values },
      result: (answer) => (answer.rowCount === 1 ? undefined : ALONE),
      alone: async () => {
        const result = await this.#pool.query(UPDATE, values);
        if (result.rowCount !== 1) await this.#conflict(order, expectedVersion);
      },
    });
  }

  /**
   * Records a fill with its order in one transaction, once per trade id.
   *
   * @param fill - the fill
   * @param order - the order after the fill
   * @param expectedVersion - version being replaced
   */
  recordFill(fill: Fill, order: Order, expectedVersion: number): Promise<boolean> {
    const fillRow = fillValues(fill);
    const values = [...orderValues(order), expectedVersion];
    return this.#write({
      sql: batchSql.recordFill(fillRow, values),
      result: (answer) => {
        const row = answer.rows[0] as { f: number; u: number } | undefined;
        if (row?.f === 0) return false; // a trade id already recorded: nothing was changed
        // a version conflict must undo the fill just inserted: that needs the write's own transaction
        return row?.u === 1 ? true : ALONE;
      },
      alone: () => this.#recordFillAlone(fillRow, values, order, expectedVersion),
    });
  }

  #write<T>(write: PgWrite<T>): Promise<T> {
    return this.#commit ? this.#commit.write(write) : write.alone();
  }

  async #recordFillAlone(
    fillRow: unknown[],
    values: unknown[],
    order: Order,
    expectedVersion: number,
  ): Promise<boolean> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query(INSERT_FILL, fillRow);
      if (inserted.rowCount !== 1) {
        await client.query('ROLLBACK');
        return false;
      }
      const updated = await client.query(UPDATE, values);
      if (updated.rowCount !== 1) {
        await client.query('ROLLBACK');
        await this.#conflict(order, expectedVersion);
      }
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * One order by client order id.
   *
   * @param clientOrderId - client order id
   */
  async get(clientOrderId: string): Promise<Order | undefined> {
    const { rows } = await this.#pool.query<OrderRow>(BY_ID, [clientOrderId]);
    return rows[0] ? orderFromRow(rows[0]) : undefined;
  }

  /**
   * One order by venue order id.
   *
   * @param venueOrderId - venue order id
   */
  async getByVenueId(venueOrderId: string): Promise<Order | undefined> {
    const { rows } = await this.#pool.query<OrderRow>(
      `${SELECT} WHERE venue_order_id = $1 ORDER BY seq LIMIT 1`,
      [venueOrderId],
    );
    return rows[0] ? orderFromRow(rows[0]) : undefined;
  }

  /**
   * Orders matching a filter, oldest first.
   *
   * @param filter - conditions
   */
  async list(filter: OrderFilter = {}): Promise<Order[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.symbol !== undefined) {
      args.push(filter.symbol);
      where.push(`symbol = $${args.length}`);
    }
    if (filter.statuses) {
      if (filter.statuses.length === 0) return [];
      args.push([...filter.statuses]);
      where.push(`status = ANY($${args.length})`);
    }
    if (filter.open !== undefined) where.push(`status ${filter.open ? '' : 'NOT '}IN ${OPEN}`);
    const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;
    const { rows } = await this.#pool.query<OrderRow>(sql, args);
    return rows.map(orderFromRow);
  }

  /**
   * Recorded fills, oldest first, optionally of one order.
   *
   * @param clientOrderId - client order id
   */
  async fills(clientOrderId?: string): Promise<Fill[]> {
    const sql = `SELECT ${FILL_COLUMNS.join(', ')} FROM rrr_fills ${clientOrderId === undefined ? '' : 'WHERE client_order_id = $1'} ORDER BY seq`;
    const { rows } = await this.#pool.query<FillRow>(sql, clientOrderId === undefined ? [] : [clientOrderId]);
    return rows.map(fillFromRow);
  }

  /** Ends the pool when this store created it. */
  async close(): Promise<void> {
    await this.#commit?.settled();
    if (this.#ownsPool && !this.#pool.ended) await this.#pool.end();
  }

  async #conflict(order: Order, expectedVersion: number): Promise<never> {
    const { rows } = await this.#pool.query<{ version: number }>(
      'SELECT version FROM rrr_orders WHERE client_order_id = $1',
      [order.clientOrderId],
    );
    const stored = rows[0];
    if (!stored) throw new OrderStoreError('order_not_found', `order "${order.clientOrderId}" is not stored`);
    throw new OrderStoreError(
      'version_conflict',
      `order "${order.clientOrderId}" is at version ${stored.version}, expected ${expectedVersion}`,
    );
  }
}

/** @internal Applies pending migrations in one transaction under an advisory lock. */
export async function migrate(pool: pg.Pool, now: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS rrr_orders_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT MAX(version) AS v FROM rrr_orders_migrations',
    );
    const current = rows[0]?.v ?? 0;
    const latest = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new OrderStoreError(
        'schema_too_new',
        `order database schema is v${current}, this @rrr/orders supports up to v${latest}: upgrade the package`,
      );
    }
    for (const m of POSTGRES_MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query(
        'INSERT INTO rrr_orders_migrations (version, description, applied_at) VALUES ($1, $2, $3)',
        [m.version, m.description, now],
      );
    }
    await client.query('COMMIT');
    return Math.max(current, latest);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
