import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgresServer,
} from '../../../test-support/postgres-server.js';

/** Why the Postgres tests cannot run here (no server binaries), or null when they can. */
export const postgresSkip = postgresSkipReason();

/**
 * Starts one real PostgreSQL server (fsync off) for the calling test file and stops it after the file; returns
 * a function that creates a fresh database named `<prefix>_<n>` on it and gives its URL.
 */
export function usePostgresDatabases(prefix: string): () => Promise<string> {
  let server: PostgresServer | undefined;
  let n = 0;
  beforeAll(async () => {
    if (!postgresSkip) server = await startPostgresServer({ fsync: false });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return async () => {
    if (!server) throw new Error(postgresSkip ?? 'server not started');
    n += 1;
    const admin = new pg.Client({ connectionString: server.connectionString });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${prefix}_${n}`);
    await admin.end();
    return server.url(`${prefix}_${n}`);
  };
}
