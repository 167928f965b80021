import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteSink } from '@rrr/audit/sqlite';
import { SqliteOrderStore } from '@rrr/orders/sqlite';
import { SqliteJournal } from '../journal/journal.js';
import type { BotStores } from './seams.js';

/** File names of the SQLite stores inside a state directory. */
export const SQLITE_STORE_FILES = ['orders.db', 'audit.db', 'journal.db'] as const;

/** Time steps between two checkpoints of the order store's WAL. */
const CHECKPOINT_EVERY_STEPS = 256;

/**
 * Moves the order store's WAL checkpoint out of the bar close -> order path. SQLite's automatic checkpoint runs
 * inside the commit that crosses its threshold, which is the commit of an order intent (an fsync of the database
 * file, ~3 ms here, the whole p99 of the path). It is switched off; the returned hook checkpoints (PASSIVE: never
 * waits for readers) every `CHECKPOINT_EVERY_STEPS` steps, after the step's journal checkpoint. Durability is
 * unchanged: a commit is durable in the WAL either way.
 */
function walCheckpointer(orders: SqliteOrderStore): () => void {
  orders.db.pragma('wal_autocheckpoint = 0');
  const checkpoint = orders.db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  let steps = 0;
  return () => {
    if (++steps < CHECKPOINT_EVERY_STEPS) return;
    steps = 0;
    checkpoint.run();
  };
}

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
    // shared, not exclusive: `paper-bot drift` and monitoring tools read orders.db while the bot runs
    orders = SqliteOrderStore.open(join(stateDir, 'orders.db'), { exclusive: false });
    const audit = new SqliteSink({ path: join(stateDir, 'audit.db') });
    return { orders, audit, journal, location: `sqlite:${stateDir}`, afterStep: walCheckpointer(orders) };
  } catch (error) {
    void orders?.close();
    void journal.close();
    throw error;
  }
}
