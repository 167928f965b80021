import { PostgresSink } from '@rrr/audit/postgres';
import { PostgresOrderStore } from '@rrr/orders/postgres';
import type { BotStores } from '../bot/seams.js';
import { PostgresJournal } from './postgres-journal.js';

/**
 * A PostgreSQL URL without its password or query string, for logs and summaries.
 *
 * @param url - `postgres://user:password@host:port/db?...`
 * @returns `postgres://user@host:port/db`
 * @example
 * ```ts
 * postgresLocation('postgresql://bot:pw@db:5432/paper?sslmode=require'); // 'postgres://bot@db:5432/paper'
 * ```
 */
export function postgresLocation(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'postgres://(unparsable URL)';
  }
  const user = parsed.username === '' ? '' : `${decodeURIComponent(parsed.username)}@`;
  const port = parsed.port === '' ? '5432' : parsed.port;
  return `postgres://${user}${parsed.hostname}:${port}${parsed.pathname}`;
}

/**
 * Opens the bot's stores in one PostgreSQL database: orders through `@rrr/orders/postgres`, the audit log through
 * `@rrr/audit/postgres` (its shipped migration: schema `rrr_audit`, append-only table and roles) and the bot's
 * journal ({@link PostgresJournal}). Each migrates its own schema on open, under an advisory lock. When one
 * fails to open, the ones already open are closed.
 *
 * @param url - `postgres://user:password@host:port/db`
 * @param options - clock stamping applied migrations
 * @returns the stores; `runPaperBot` closes them at the end of the run
 * @example
 * ```ts
 * const stores = await openPostgresStores(process.env.PAPER_BOT_DATABASE_URL ?? '');
 * await runPaperBot(config, { stores });
 * ```
 */
export async function openPostgresStores(
  url: string,
  options: { clock?: { now(): number } } = {},
): Promise<BotStores> {
  const clock = options.clock ?? { now: () => Date.now() };
  const orders = await PostgresOrderStore.open(url, { clock });
  let audit: PostgresSink | undefined;
  try {
    audit = await PostgresSink.open({ connectionString: url });
    const journal = await PostgresJournal.open(url, { clock });
    return { orders, audit, journal, location: postgresLocation(url) };
  } catch (error) {
    await audit?.close();
    await orders.close();
    throw error;
  }
}
