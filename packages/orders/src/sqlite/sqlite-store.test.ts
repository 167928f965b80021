import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeOrderStoreContract } from '../../test/store-contract.js';
import { newOrder, parseOrderIntent } from '../model/intent.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { SqliteOrderStore } from './sqlite-store.js';

const LIMIT = { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.01', price: '60000' } as const;

const dir = mkdtempSync(join(tmpdir(), 'rrr-orders-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeOrderStoreContract('sqlite', async () => {
  n += 1;
  const file = join(dir, `contract-${n}.db`);
  return { store: SqliteOrderStore.open(file), reopen: async () => SqliteOrderStore.open(file) };
});

describe('SqliteOrderStore', () => {
  it('uses WAL and records the applied migration versions', async () => {
    const store = SqliteOrderStore.open(join(dir, 'wal.db'), { clock: { now: () => 123 } });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.schemaVersion).toBe(2);
    expect(store.db.prepare('SELECT version, applied_at FROM rrr_orders_migrations').all()).toEqual([
      { version: 1, applied_at: 123 },
      { version: 2, applied_at: 123 },
    ]);
    await store.close();
    const again = SqliteOrderStore.open(join(dir, 'wal.db'));
    expect(again.db.prepare('SELECT COUNT(*) FROM rrr_orders_migrations').pluck().get()).toBe(2);
    await again.close();
  });

  it('upgrades a v1 database: the venue id index leaves out intents and still serves lookups by venue id', async () => {
    const file = join(dir, 'v1.db');
    const raw = new Database(file);
    raw.exec(
      'CREATE TABLE rrr_orders_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    raw.exec(SQLITE_MIGRATIONS[0]?.sql ?? '');
    raw.prepare("INSERT INTO rrr_orders_migrations VALUES (1, 'orders and fills', 0)").run();
    raw.close();
    const store = SqliteOrderStore.open(file);
    expect(store.schemaVersion).toBe(2);
    const index = store.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'orders_venue'").pluck().get();
    expect(index).toContain('WHERE venue_order_id IS NOT NULL');
    const plan = store.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM orders WHERE venue_order_id = ? ORDER BY seq LIMIT 1')
      .all('v-1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('orders_venue');
    await store.close();
  });

  it('creates new files with 1 KiB pages, keeps an existing file as it is, checkpoints every 10,000 WAL pages, and names bad options', async () => {
    const store = SqliteOrderStore.open(join(dir, 'pages.db'));
    expect(store.db.pragma('page_size', { simple: true })).toBe(1024);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    await store.close();
    const again = SqliteOrderStore.open(join(dir, 'pages.db'), { pageSize: 4096 });
    expect(again.db.pragma('page_size', { simple: true })).toBe(1024);
    await again.close();
    expect(() => SqliteOrderStore.open(join(dir, 'bad.db'), { pageSize: 1000 as 1024 })).toThrow(
      /pageSize 1000/,
    );
    expect(() => SqliteOrderStore.open(join(dir, 'bad.db'), { walAutocheckpoint: 0 })).toThrow(
      /walAutocheckpoint must be a positive integer/,
    );
  });

  it('holds the file exclusively by default; exclusive: false lets another connection read', async () => {
    const file = join(dir, 'exclusive.db');
    const store = SqliteOrderStore.open(file);
    await store.insert(newOrder(parseOrderIntent(LIMIT), 'x-1', 0));
    const reader = new Database(file, { readonly: true, timeout: 50 });
    expect(() => reader.prepare('SELECT COUNT(*) FROM orders').pluck().get()).toThrow(/locked/);
    reader.close();
    await store.close();
    const shared = SqliteOrderStore.open(file, { exclusive: false });
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT COUNT(*) FROM orders').pluck().get()).toBe(1);
    other.close();
    await shared.close();
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
