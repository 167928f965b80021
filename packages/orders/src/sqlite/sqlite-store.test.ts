import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeOrderStoreContract } from '../../test/store-contract.js';
import { SqliteOrderStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'rrr-orders-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeOrderStoreContract('sqlite', async () => {
  n += 1;
  const file = join(dir, `contract-${n}.db`);
  return { store: SqliteOrderStore.open(file), reopen: async () => SqliteOrderStore.open(file) };
});

describe('SqliteOrderStore', () => {
  it('uses WAL and records the applied migration version', async () => {
    const store = SqliteOrderStore.open(join(dir, 'wal.db'), { clock: { now: () => 123 } });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.schemaVersion).toBe(1);
    expect(store.db.prepare('SELECT version, applied_at FROM rrr_orders_migrations').all()).toEqual([
      { version: 1, applied_at: 123 },
    ]);
    await store.close();
    const again = SqliteOrderStore.open(join(dir, 'wal.db'));
    expect(again.db.prepare('SELECT COUNT(*) FROM rrr_orders_migrations').pluck().get()).toBe(1);
    await again.close();
  });

  it('refuses a database whose schema is newer than this package', () => {
    const file = join(dir, 'newer.db');
    SqliteOrderStore.open(file).db.close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO rrr_orders_migrations VALUES (99, 'future', 0)").run();
    raw.close();
    expect(() => SqliteOrderStore.open(file)).toThrow('order database schema is v99');
  });
});
