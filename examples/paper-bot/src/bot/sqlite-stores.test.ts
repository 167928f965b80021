import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteOrderStore } from '@rrr/orders/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStores } from './sqlite-stores.js';

describe('openSqliteStores', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the WAL checkpoint of orders.db out of order commits and runs it every 256 steps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-bot-stores-'));
    dirs.push(dir);
    const stores = openSqliteStores(dir);
    const db = (stores.orders as SqliteOrderStore).db;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const dbFile = join(dir, 'orders.db');
    db.exec('CREATE TABLE filler (x BLOB)');
    const insert = db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    for (let i = 0; i < 50; i++) insert.run();
    const before = statSync(dbFile).size;
    for (let i = 0; i < 255; i++) stores.afterStep?.();
    expect(statSync(dbFile).size).toBe(before); // still only in the WAL
    stores.afterStep?.();
    expect(statSync(dbFile).size).toBeGreaterThan(before + 50 * 4000);
    await stores.audit.close();
    await stores.journal.close();
    await stores.orders.close();
  });

  it('leaves orders.db readable by another connection while the bot has it open (paper-bot drift, monitoring)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-bot-stores-'));
    dirs.push(dir);
    const stores = openSqliteStores(dir);
    await stores.orders.list({});
    const reader = SqliteOrderStore.open(join(dir, 'orders.db'), { exclusive: false });
    expect(await reader.fills()).toEqual([]);
    await reader.close();
    await stores.audit.close();
    await stores.journal.close();
    await stores.orders.close();
  });
});
