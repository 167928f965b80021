import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgresServer,
} from '../../../../test-support/postgres-server.js';
import { describeOrderStoreContract } from '../../test/store-contract.js';
import { PostgresOrderStore } from './postgres-store.js';

const skip = postgresSkipReason();
let server: PostgresServer | undefined;
let n = 0;

beforeAll(async () => {
  if (!skip) server = await startPostgresServer({ fsync: false });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function freshDatabase(): Promise<string> {
  if (!server) throw new Error(skip ?? 'server not started');
  n += 1;
  const admin = new pg.Client({ connectionString: server.connectionString });
  await admin.connect();
  await admin.query(`CREATE DATABASE orders_${n}`);
  await admin.end();
  return server.url(`orders_${n}`);
}

describe.skipIf(skip !== null)('PostgreSQL (real server started by the test)', () => {
  describeOrderStoreContract('postgres', async () => {
    const url = await freshDatabase();
    return { store: await PostgresOrderStore.open(url), reopen: () => PostgresOrderStore.open(url) };
  });

  it('migrates once even when several processes start together, and refuses a newer schema', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all(
      [1, 2, 3].map(() => PostgresOrderStore.open(url, { clock: { now: () => 77 } })),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version, applied_at FROM rrr_orders_migrations');
    expect(rows).toEqual([{ version: 1, applied_at: '77' }]);
    await client.query("INSERT INTO rrr_orders_migrations VALUES (42, 'future', 0)");
    await client.end();
    await expect(PostgresOrderStore.open(url)).rejects.toMatchObject({ code: 'schema_too_new' });
    for (const s of stores) await s.close();
  });
});
