import type { BotStores } from '../bot/seams.js';
import { openSqliteStores } from '../bot/sqlite-stores.js';
import type { PaperBotConfig } from '../config/schema.js';
import { openPostgresStores } from './postgres.js';

/**
 * The configuration names PostgreSQL stores but no database URL.
 *
 * @example
 * ```ts
 * await openBotStores(loadConfig({ overrides: { 'store.kind': 'postgres' } })); // throws StoreConfigError
 * ```
 */
export class StoreConfigError extends Error {
  /** Stable code. */
  readonly code = 'store_url_missing';

  constructor() {
    super(
      'store.url: PostgreSQL mode needs the database URL (set PAPER_BOT_DATABASE_URL or store it in the ' +
        '@rrr/secrets vault under that name)',
    );
    this.name = 'StoreConfigError';
  }
}

/**
 * Opens the stores the configuration names: `store.kind: sqlite` (default) the three SQLite files in `stateDir`;
 * `store.kind: postgres` one PostgreSQL database at `store.url` (resolve it first with `resolveRunSecrets`).
 *
 * @param config - validated configuration, secrets resolved
 * @param options - clock stamping applied PostgreSQL migrations
 * @returns the stores, for `runPaperBot(config, { stores })`, which closes them
 * @throws {@link StoreConfigError} in PostgreSQL mode without a URL; the driver's error when the database is down
 * @example
 * ```ts
 * const config = await resolveRunSecrets(loadConfig({ env: process.env }), process.env);
 * const summary = await runPaperBot(config, { stores: await openBotStores(config) });
 * ```
 */
export async function openBotStores(
  config: PaperBotConfig,
  options: { clock?: { now(): number } } = {},
): Promise<BotStores> {
  if (config.store.kind === 'sqlite') {
    // the first symbol names the rows of a journal written before rows carried one (as runPaperBot's default does)
    return openSqliteStores(config.stateDir, config.symbols[0]);
  }
  if (config.store.url === undefined) throw new StoreConfigError();
  return openPostgresStores(config.store.url, options);
}
