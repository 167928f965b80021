import pg from 'pg';
import type { BotJournal, JournalBar } from '../bot/seams.js';
import {
  fromJournalRow,
  JOURNAL_COLUMN_LIST,
  JOURNAL_COLUMNS,
  type JournalRow,
  toJournalRow,
} from '../journal/row-codec.js';
import { JOURNAL_MIGRATIONS, JOURNAL_SCHEMA_VERSION } from './journal-migrations.js';

/** Advisory lock key serializing journal migrations across processes ("paperbot" as a bigint). */
const MIGRATION_LOCK = '8097880432057987956';

const PER_ROW = JOURNAL_COLUMNS.length;

/**
 * A journal database migrated by a newer version of the bot.
 *
 * @example
 * ```ts
 * try {
 *   await PostgresJournal.open(url);
 * } catch (error) {
 *   if (error instanceof JournalSchemaError) console.error(error.code, error.message);
 * }
 * ```
 */
export class JournalSchemaError extends Error {
  /** Stable code. */
  readonly code = 'journal_schema_too_new';

  /**
   * @param found - version in the database
   */
  constructor(found: number) {
    super(
      `journal schema: the database is at v${found}, this paper-bot writes v${JOURNAL_SCHEMA_VERSION}: upgrade the bot`,
    );
    this.name = 'JournalSchemaError';
  }
}

function values(bar: JournalBar): unknown[] {
  const row = toJournalRow(bar);
  return JOURNAL_COLUMNS.map((column) => row[column]);
}

/**
 * Applies the journal's pending migrations in one transaction under an advisory lock (safe when several processes
 * start together).
 *
 * @param pool - connection pool
 * @param now - time stamped on applied migrations, ms UTC
 * @returns the schema version after migrating
 * @throws {@link JournalSchemaError} when the database is newer than this code
 */
async function migrateJournal(pool: pg.Pool, now: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS paper_bot_journal_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT MAX(version) AS v FROM paper_bot_journal_migrations',
    );
    const current = rows[0]?.v ?? 0;
    if (current > JOURNAL_SCHEMA_VERSION) throw new JournalSchemaError(current);
    for (const migration of JOURNAL_MIGRATIONS) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query(
        'INSERT INTO paper_bot_journal_migrations (version, description, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.description, now],
      );
    }
    await client.query('COMMIT');
    return JOURNAL_SCHEMA_VERSION;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The bot's per-bar journal in PostgreSQL (table `paper_bot_journal`, primary key `(ts, symbol)`), created by a
 * versioned migration. `record` stores one time step's rows in one transaction; a row whose key is already stored
 * is left as it is, so recording a step again after a crash changes nothing.
 *
 * @example
 * ```ts
 * const journal = await PostgresJournal.open('postgresql://bot@localhost/paper');
 * const rows = await journal.all();
 * await journal.close();
 * ```
 */
export class PostgresJournal implements BotJournal {
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /**
   * Connects and migrates the schema.
   *
   * @param connectionString - `postgres://` URL
   * @param options - clock stamping applied migrations
   * @returns the open journal
   * @throws {@link JournalSchemaError} when the database was migrated by a newer bot
   */
  static async open(
    connectionString: string,
    options: { clock?: { now(): number } } = {},
  ): Promise<PostgresJournal> {
    const pool = new pg.Pool({ connectionString, max: 2 });
    // A server-side disconnect of an idle client emits 'error' on the pool; the next query reports it instead.
    pool.on('error', () => undefined);
    try {
      await migrateJournal(pool, (options.clock ?? { now: () => Date.now() }).now());
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresJournal(pool);
  }

  /** Every row, ordered by `ts` then `symbol`. */
  async all(): Promise<readonly JournalBar[]> {
    const { rows } = await this.#pool.query<JournalRow>(
      `SELECT ${JOURNAL_COLUMN_LIST} FROM paper_bot_journal ORDER BY ts, symbol`,
    );
    return rows.map(fromJournalRow);
  }

  /**
   * Stores the rows of one closed time step in one statement (atomic); keys already stored are skipped.
   *
   * @param rows - one row per symbol
   */
  async record(rows: readonly JournalBar[]): Promise<void> {
    if (rows.length === 0) return;
    const placeholders = rows.map(
      (_, r) => `(${Array.from({ length: PER_ROW }, (_, c) => `$${r * PER_ROW + c + 1}`).join(', ')})`,
    );
    await this.#pool.query(
      `INSERT INTO paper_bot_journal (${JOURNAL_COLUMN_LIST}) VALUES ${placeholders.join(', ')} ON CONFLICT (ts, symbol) DO NOTHING`,
      rows.flatMap(values),
    );
  }

  /** Ends the connection pool. */
  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}
