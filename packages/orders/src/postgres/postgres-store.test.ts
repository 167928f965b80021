import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresSkip, usePostgresDatabases } from '../../test/postgres-suite.js';
import { describeOrderStoreContract } from '../../test/store-contract.js';
import { PostgresOrderStore } from './postgres-store.js';

const freshDatabase = usePostgresDatabases('orders');

describe.skipIf(postgresSkip !== null)('PostgreSQL (real server started by the test)', () => {
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
