import Database from 'better-sqlite3';
import type { BotJournal, JournalBar } from '../bot/seams.js';
import {
  fromJournalRow,
  JOURNAL_COLUMN_LIST,
  JOURNAL_COLUMNS,
  type JournalRow,
  toJournalRow,
} from './row-codec.js';

/** Schema version of the journal file (`PRAGMA user_version`). */
const VERSION = 2;

/** Options of {@link SqliteJournal.open}. */
export interface SqliteJournalOptions {
  /**
   * Symbol given to the rows of a journal written before rows carried a symbol (schema version 1, one symbol per
   * state directory); default `BTC/USDT`, the only market earlier versions replayed by default.
   */
  readonly legacySymbol?: string;
}

const CREATE = `CREATE TABLE bars (
  ts INTEGER NOT NULL, symbol TEXT NOT NULL, close REAL NOT NULL, equity REAL NOT NULL, position REAL NOT NULL,
  drawdown REAL NOT NULL, signal TEXT NOT NULL, p_up REAL, p_flat REAL, p_down REAL, orders TEXT NOT NULL,
  PRIMARY KEY (ts, symbol))`;

/**
 * Brings a journal file to {@link VERSION}: creates the table, or moves the one-symbol rows of version 1 (no
 * `symbol` column, key `ts`) into the keyed-by-(ts, symbol) table under `legacySymbol`, in one transaction.
 */
function migrate(db: Database.Database, legacySymbol: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > VERSION)
    throw new Error(`journal: schema version ${version} is newer than this bot's (${VERSION})`);
  if (version === VERSION) return;
  db.transaction(() => {
    const legacy = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bars'").get();
    if (legacy === undefined) db.exec(CREATE);
    else {
      db.exec('ALTER TABLE bars RENAME TO bars_v1');
      db.exec(CREATE);
      db.prepare(
        `INSERT INTO bars SELECT ts, ?, close, equity, position, drawdown, signal, p_up, p_flat, p_down, orders
         FROM bars_v1`,
      ).run(legacySymbol);
      db.exec('DROP TABLE bars_v1');
    }
    db.pragma(`user_version = ${VERSION}`);
  })();
}

/**
 * The bot's journal on SQLite (better-sqlite3, WAL, `synchronous = NORMAL`): one row per processed bar and
 * symbol, a time step's rows committed in one transaction after the step's orders were placed. The last time
 * step is the resume point after a crash; the rows give the equity curve and the drawdown. A commit survives a
 * crash of the process (SIGKILL); a power loss can drop the last commits, which the order store's own commits
 * then make the bot redo without duplicating an order (client order ids derive from the bar).
 *
 * @example
 * ```ts
 * import { SqliteJournal } from '@rrr/example-paper-bot';
 *
 * const journal = SqliteJournal.open('paper-bot-state/journal.db');
 * const rows = await journal.all();
 * console.log(rows.at(-1)?.ts);
 * await journal.close();
 * ```
 */
export class SqliteJournal implements BotJournal {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #recordMany: (rows: readonly JournalBar[]) => void;

  /**
   * Opens (creating or migrating) a journal file.
   *
   * @param path - SQLite file
   * @param options - symbol of rows written by the one-symbol schema
   * @returns the journal
   */
  static open(path: string, options: SqliteJournalOptions = {}): SqliteJournal {
    return new SqliteJournal(new Database(path), options.legacySymbol ?? 'BTC/USDT');
  }

  private constructor(db: Database.Database, legacySymbol: string) {
    this.#db = db;
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: every commit survives a process crash (SIGKILL); only a power loss can drop the last ones.
    db.pragma('synchronous = NORMAL');
    migrate(db, legacySymbol);
    this.#insert = db.prepare(
      `INSERT INTO bars (${JOURNAL_COLUMN_LIST}) VALUES (${JOURNAL_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (ts, symbol) DO NOTHING`,
    );
    this.#recordMany = db.transaction((rows: readonly JournalBar[]) => {
      for (const row of rows) this.#insert.run(toJournalRow(row));
    });
  }

  /**
   * Stores the rows of one time step in one transaction (a row already stored for its key is left as it is).
   *
   * @param rows - one row per symbol of the step
   */
  async record(rows: readonly JournalBar[]): Promise<void> {
    this.#recordMany(rows);
  }

  /** Every row, ordered by time then symbol. */
  async all(): Promise<readonly JournalBar[]> {
    const rows = this.#db.prepare(`SELECT ${JOURNAL_COLUMN_LIST} FROM bars ORDER BY ts, symbol`).all();
    return (rows as JournalRow[]).map(fromJournalRow);
  }

  /** Closes the database. */
  async close(): Promise<void> {
    this.#db.close();
  }
}
