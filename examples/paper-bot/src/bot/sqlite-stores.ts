import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteSink } from '@rrr/audit/sqlite';
import { SqliteOrderStore } from '@rrr/orders/sqlite';
import { SqliteJournal } from '../journal/journal.js';
import type { BotStores } from './seams.js';

/** File names of the SQLite stores inside a state directory. */
export const SQLITE_STORE_FILES = ['orders.db', 'audit.db', 'journal.db'] as const;

/**
 * Opens (creating the directory and the files if needed) the bot's embedded stores in `stateDir`: `orders.db`
 * (@rrr/orders SQLite store, WAL, `synchronous = NORMAL`), `audit.db` (@rrr/audit SQLite sink, WAL,
 * `synchronous = FULL`) and `journal.db` ({@link SqliteJournal}).
 *
 * @param stateDir - state directory
 * @param legacySymbol - symbol of the rows of a journal written by the one-symbol schema (see {@link SqliteJournal})
 * @returns the stores; `runPaperBot` closes them
 * @example
 * ```ts
 * import { openSqliteStores, runPaperBot, loadConfig } from '@rrr/example-paper-bot';
 *
 * const config = loadConfig({ overrides: { stateDir: 'paper-bot-state' } });
 * const summary = await runPaperBot(config, { stores: openSqliteStores(config.stateDir) });
 * console.log(summary.equity);
 * ```
 */
export function openSqliteStores(stateDir: string, legacySymbol?: string): BotStores {
  mkdirSync(stateDir, { recursive: true });
  const journal = SqliteJournal.open(
    join(stateDir, 'journal.db'),
    legacySymbol === undefined ? {} : { legacySymbol },
  );
  let orders: SqliteOrderStore | undefined;
  try {
    orders = SqliteOrderStore.open(join(stateDir, 'orders.db'));
    const audit = new SqliteSink({ path: join(stateDir, 'audit.db') });
    return { orders, audit, journal, location: `sqlite:${stateDir}` };
  } catch (error) {
    void orders?.close();
    void journal.close();
    throw error;
  }
}
