import pg from 'pg';
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgresServer,
} from '../../../test-support/postgres-server.js';

/** Why the PostgreSQL tests are skipped here, or null when a server can be started. */
export const postgresSkip = postgresSkipReason();

/** A throwaway PostgreSQL server for one test file, handing out a fresh database per call. */
export class TestDatabases {
  #server: PostgresServer | undefined;
  #n = 0;

  /** Starts the server (initdb + pg_ctl in a temporary directory). */
  async start(): Promise<void> {
    this.#server = await startPostgresServer({ fsync: false });
  }

  /** Stops the server and deletes its files. */
  async stop(): Promise<void> {
    await this.#server?.stop();
  }

  /**
   * Creates an empty database.
   *
   * @param prefix - name prefix
   * @returns its connection URL
   */
  async fresh(prefix = 'bot'): Promise<string> {
    const server = this.#server;
    if (server === undefined) throw new Error(postgresSkip ?? 'PostgreSQL server not started');
    const name = `${prefix}_${++this.#n}`;
    await query(server.connectionString, `CREATE DATABASE ${name}`);
    return server.url(name);
  }
}

/**
 * Runs one statement on its own connection.
 *
 * @param url - connection URL
 * @param sql - statement
 * @param params - parameters
 * @returns the rows
 */
export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
