import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { btcLimitBuy } from '../../test/fixtures.js';
import { newOrder } from '../model/intent.js';
import { transitionOrder } from '../model/order-ops.js';
import { SqliteOrderStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'rrr-orders-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const intent = btcLimitBuy;

/** A second connection to the same file: its `data_version` changes once per commit made by the store. */
function observer(file: string) {
  const db = new Database(file, { readonly: true });
  const version = db.prepare('PRAGMA data_version').pluck();
  const count = db.prepare('SELECT COUNT(*) FROM orders').pluck();
  return {
    commits: () => version.get() as number,
    rows: () => count.get() as number,
    close: () => db.close(),
  };
}

describe('SqliteOrderStore group commit', () => {
  it('commits the writes of one event-loop turn together, and each resolves only once committed', async () => {
    const file = join(dir, 'batch.db');
    const store = SqliteOrderStore.open(file, { exclusive: false });
    const other = observer(file);
    const before = other.commits();
    const orders = Array.from({ length: 50 }, (_, i) => newOrder(intent, `g-${i}`, 0));
    const pending = orders.map((o) => store.insert(o));
    expect(other.rows(), 'nothing is written before the batch runs').toBe(0);
    const results = await Promise.all(pending);
    expect(results.every((r) => r.inserted)).toBe(true);
    expect(other.rows(), 'another connection sees every row once the promises resolved').toBe(50);
    expect(other.commits() - before, 'one commit for the 50 inserts').toBe(1);
    const acked = orders.map((o, i) => transitionOrder(o, 'new', 1, { venueOrderId: `v-${i}` }));
    await Promise.all(acked.map((o) => store.update(o, 1)));
    expect(other.commits() - before, 'and one for the 50 updates').toBe(2);
    other.close();
    await store.close();
  });

  it('rejects a failing write alone and commits the rest of its batch', async () => {
    const file = join(dir, 'isolation.db');
    const store = SqliteOrderStore.open(file, { exclusive: false });
    const a = newOrder(intent, 'a', 0);
    const b = newOrder(intent, 'b', 0);
    await store.insert(a);
    const results = await Promise.allSettled([
      store.insert(b),
      store.update(transitionOrder(a, 'new', 1), 7), // wrong expected version
      store.update(transitionOrder(a, 'new', 1), 1),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: { code: 'version_conflict' } });
    const other = observer(file);
    expect(other.rows()).toBe(2);
    other.close();
    expect((await store.get('a'))?.status).toBe('new');
    await store.close();
  });

  it('lets a read see the writes queued before it, and close() writes what is queued', async () => {
    const file = join(dir, 'reads.db');
    const store = SqliteOrderStore.open(file);
    const insert = store.insert(newOrder(intent, 'r-1', 0));
    expect((await store.get('r-1'))?.status, 'the read ran the queued insert first').toBe('pending_new');
    await insert;
    void store.insert(newOrder(intent, 'r-2', 0));
    await store.close();
    const reopened = SqliteOrderStore.open(file);
    expect((await reopened.list()).map((o) => o.clientOrderId)).toEqual(['r-1', 'r-2']);
    await reopened.close();
  });
});
