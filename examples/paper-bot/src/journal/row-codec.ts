import type { JournalBar } from '../bot/seams.js';

/** The journal table's columns, in table order (the same in the SQLite file and the PostgreSQL table). */
export const JOURNAL_COLUMNS = [
  'ts',
  'symbol',
  'close',
  'equity',
  'position',
  'drawdown',
  'signal',
  'p_up',
  'p_flat',
  'p_down',
  'orders',
] as const;

/** The column list of {@link JOURNAL_COLUMNS} for a `SELECT` or an `INSERT`. */
export const JOURNAL_COLUMN_LIST = JOURNAL_COLUMNS.join(', ');

/**
 * One stored journal row: the model's probabilities are `NULL` where the bar has none (`NaN` in a
 * {@link JournalBar}); `ts` comes back as a string from a PostgreSQL `BIGINT`.
 */
export type JournalRow = Omit<JournalBar, 'ts' | 'pUp' | 'pFlat' | 'pDown'> & {
  readonly ts: number | string;
  readonly p_up: number | null;
  readonly p_flat: number | null;
  readonly p_down: number | null;
};

const nullIfNaN = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * The row to store for a journal bar (`NaN` probabilities become `NULL`).
 *
 * @param bar - the bar as the bot journals it
 * @returns the row, keyed by column name
 * @example
 * ```ts
 * const row = toJournalRow({ ...bar, pUp: Number.NaN });
 * row.p_up; // null
 * ```
 */
export function toJournalRow(bar: JournalBar): JournalRow {
  return {
    ts: bar.ts,
    symbol: bar.symbol,
    close: bar.close,
    equity: bar.equity,
    position: bar.position,
    drawdown: bar.drawdown,
    signal: bar.signal,
    p_up: nullIfNaN(bar.pUp),
    p_flat: nullIfNaN(bar.pFlat),
    p_down: nullIfNaN(bar.pDown),
    orders: bar.orders,
  };
}

/**
 * The journal bar of a stored row (`NULL` probabilities become `NaN`, `ts` a number).
 *
 * @param row - a row read back from the journal table
 * @returns the bar
 * @example
 * ```ts
 * fromJournalRow(toJournalRow(bar)); // equal to bar, NaN probabilities included
 * ```
 */
export function fromJournalRow(row: JournalRow): JournalBar {
  return {
    ts: Number(row.ts),
    symbol: row.symbol,
    close: row.close,
    equity: row.equity,
    position: row.position,
    drawdown: row.drawdown,
    signal: row.signal,
    pUp: row.p_up ?? Number.NaN,
    pFlat: row.p_flat ?? Number.NaN,
    pDown: row.p_down ?? Number.NaN,
    orders: row.orders,
  };
}
