import Database from 'better-sqlite3';

/** One processed bar as the bot's journal keeps it (the checkpoint of crash recovery). */
export interface JournalBar {
  /** Bar open time, ms UTC. */
  readonly ts: number;
  /** Close price. */
  readonly close: number;
  /** Equity in the quote currency at the close. */
  readonly equity: number;
  /** Base-currency position at the close. */
  readonly position: number;
  /** Drawdown from the running equity peak, in [0, 1]. */
  readonly drawdown: number;
  /** Model output: `up`, `down`, `flat`, `hold`, or `none` while warming up. */
  readonly signal: string;
  /** Calibrated probabilities (NaN while warming up). */
  readonly pUp: number;
  /** Probability of `flat`. */
  readonly pFlat: number;
  /** Probability of `down`. */
  readonly pDown: number;
  /** Orders the bot placed at this bar (client order ids, comma separated). */
  readonly orders: string;
}

/**
 * The bot's own journal (SQLite, WAL): one row per processed bar, written after the bar's orders were placed.
 * The last row is the resume point after a crash; the rows give the equity curve and the drawdown.
 */
export class Journal {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;

  /**
   * @param path - SQLite file
   */
  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: every commit survives a process crash (SIGKILL); only a power loss can drop the last ones.
    this.#db.pragma('synchronous = NORMAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS bars (
      ts INTEGER PRIMARY KEY, close REAL NOT NULL, equity REAL NOT NULL, position REAL NOT NULL,
      drawdown REAL NOT NULL, signal TEXT NOT NULL, p_up REAL, p_flat REAL, p_down REAL, orders TEXT NOT NULL)`);
    this.#insert = this.#db.prepare(
      `INSERT INTO bars (ts, close, equity, position, drawdown, signal, p_up, p_flat, p_down, orders)
       VALUES (@ts, @close, @equity, @position, @drawdown, @signal, @pUp, @pFlat, @pDown, @orders)`,
    );
  }

  /**
   * Records a processed bar (fails on a bar recorded before: bars are never processed twice).
   *
   * @param bar - the bar's outcome
   */
  record(bar: JournalBar): void {
    this.#insert.run({
      ...bar,
      pUp: Number.isNaN(bar.pUp) ? null : bar.pUp,
      pFlat: Number.isNaN(bar.pFlat) ? null : bar.pFlat,
      pDown: Number.isNaN(bar.pDown) ? null : bar.pDown,
    });
  }

  /** Every recorded bar, oldest first. */
  all(): JournalBar[] {
    const rows = this.#db
      .prepare(
        'SELECT ts, close, equity, position, drawdown, signal, p_up, p_flat, p_down, orders FROM bars ORDER BY ts',
      )
      .all() as {
      ts: number;
      close: number;
      equity: number;
      position: number;
      drawdown: number;
      signal: string;
      p_up: number | null;
      p_flat: number | null;
      p_down: number | null;
      orders: string;
    }[];
    return rows.map((r) => ({
      ts: r.ts,
      close: r.close,
      equity: r.equity,
      position: r.position,
      drawdown: r.drawdown,
      signal: r.signal,
      pUp: r.p_up ?? Number.NaN,
      pFlat: r.p_flat ?? Number.NaN,
      pDown: r.p_down ?? Number.NaN,
      orders: r.orders,
    }));
  }

  /** Closes the database. */
  close(): void {
    this.#db.close();
  }
}
