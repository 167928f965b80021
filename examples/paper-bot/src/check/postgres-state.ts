import { postgresMigrations } from '@rrr/audit/postgres';
import pg from 'pg';
import { JOURNAL_SCHEMA_VERSION } from '../stores/journal-migrations.js';
import { postgresLocation } from '../stores/postgres.js';

/** Schema state of one store in the database. */
export interface SchemaState {
  /** `orders`, `audit` or `journal`. */
  readonly store: 'orders' | 'audit' | 'journal';
  /** Highest applied migration, 0 when the store's tables do not exist yet. */
  readonly version: number;
  /** Version this bot writes (undefined when the package does not publish it). */
  readonly expected: number | undefined;
}

/** Result of {@link inspectPostgres}. */
export interface PostgresState {
  /** `postgres://user@host:port/db` (no password). */
  readonly location: string;
  /** Connected and read the migration tables? */
  readonly connected: boolean;
  /** Server version (`SHOW server_version`) when connected. */
  readonly serverVersion?: string;
  /** Per store, when connected. */
  readonly schemas: readonly SchemaState[];
  /** Connection error message (never the URL), when not connected. */
  readonly error?: string;
}

const QUERIES = {
  orders: ['public.rrr_orders_migrations', 'SELECT MAX(version) AS v FROM rrr_orders_migrations'],
  audit: ['rrr_audit.schema_migrations', 'SELECT MAX(version) AS v FROM rrr_audit.schema_migrations'],
  journal: [
    'public.paper_bot_journal_migrations',
    'SELECT MAX(version) AS v FROM paper_bot_journal_migrations',
  ],
} as const;

const EXPECTED: Record<SchemaState['store'], number | undefined> = {
  orders: undefined,
  audit: postgresMigrations.at(-1)?.version,
  journal: JOURNAL_SCHEMA_VERSION,
};

function safePassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

/**
 * Connects to the bot's PostgreSQL database (read only) and reads the migration state of the order store, the
 * audit log and the journal.
 *
 * @param url - `postgres://` URL
 * @param timeoutMs - connection timeout
 * @returns the state; connection failures are reported, not thrown
 * @example
 * ```ts
 * const state = await inspectPostgres(process.env.PAPER_BOT_DATABASE_URL ?? '');
 * state.schemas; // [{ store: 'orders', version: 1, ... }, ...]
 * ```
 */
export async function inspectPostgres(url: string, timeoutMs = 5000): Promise<PostgresState> {
  const location = postgresLocation(url);
  let client: pg.Client | undefined;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
    client.on('error', () => undefined);
    await client.connect();
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const schemas: SchemaState[] = [];
    for (const [store, [table, sql]] of Object.entries(QUERIES) as [
      SchemaState['store'],
      readonly [string, string],
    ][]) {
      const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [table]);
      const applied =
        exists.rows[0]?.t == null
          ? 0
          : Number((await client.query<{ v: number | null }>(sql)).rows[0]?.v ?? 0);
      schemas.push({ store, version: applied, expected: EXPECTED[store] });
    }
    return { location, connected: true, serverVersion: version.rows[0]?.server_version ?? '?', schemas };
  } catch (error) {
    const password = safePassword(url);
    const message = (error as Error).message;
    return {
      location,
      connected: false,
      schemas: [],
      error: password === '' ? message : message.replaceAll(password, '[REDACTED]'),
    };
  } finally {
    await client?.end().catch(() => undefined);
  }
}
