import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { btcLimitBuy } from '../../test/fixtures.js';
import { postgresSkip, usePostgresDatabases } from '../../test/postgres-suite.js';
import { newOrder } from '../model/intent.js';
import { transitionOrder } from '../model/order-ops.js';
import { PostgresOrderStore } from './postgres-store.js';

const freshDatabase = usePostgresDatabases('group');

const intent = btcLimitBuy;

/** A store on a fresh database over a pool whose every statement is recorded (text only). */
async function recordedStore() {
  const url = await freshDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined); // idle clients dropped when the server stops
  const statements: string[] = [];
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (typeof args[0] === 'string') {
        for (const sql of args[0].split(';\n')) statements.push(sql.split(' ')[0] ?? '');
      }
      return query(...args);
    };
  });
  const store = await PostgresOrderStore.open(pool);
  statements.length = 0;
  const count = async () => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    const { rows } = await other.query<{ n: string }>('SELECT COUNT(*) AS n FROM rrr_orders');
    await other.end();
    return Number(rows[0]?.n);
  };
  return { store, pool, statements, count };
}

describe.skipIf(postgresSkip !== null)(
  'PostgresOrderStore group commit (real server started by the test)',
  () => {
    it('commits concurrent writes in one transaction, each resolving once committed', async () => {
      const { store, pool, statements, count } = await recordedStore();
      const orders = Array.from({ length: 50 }, (_, i) => newOrder(intent, `g-${i}`, 0));
      const results = await Promise.all(orders.map((o) => store.insert(o)));
      expect(results.every((r) => r.inserted)).toBe(true);
      expect(await count(), 'another connection sees every row once the promises resolved').toBe(50);
      expect(statements.filter((s) => s === 'BEGIN')).toHaveLength(1);
      expect(
        statements.filter((s) => s === 'INSERT'),
        'as one multi-row INSERT',
      ).toHaveLength(1);
      expect(statements.filter((s) => s === 'COMMIT')).toHaveLength(1);
      statements.length = 0;
      const acked = orders.map((o, i) => transitionOrder(o, 'new', 1, { venueOrderId: `v-${i}` }));
      await Promise.all(acked.map((o) => store.update(o, 1)));
      expect(
        statements.filter((s) => s === 'COMMIT'),
        'and one for the 50 updates',
      ).toHaveLength(1);
      expect(
        statements.filter((s) => s === 'UPDATE'),
        'as one multi-row UPDATE',
      ).toHaveLength(1);
      expect((await store.get('g-49'))?.venueOrderId).toBe('v-49');
      await store.close();
      await pool.end();
    });

    it('runs a lone write alone, without a transaction of its own', async () => {
      const { store, pool, statements } = await recordedStore();
      await store.insert(newOrder(intent, 'solo', 0));
      expect(statements.filter((s) => s === 'BEGIN')).toHaveLength(0);
      await store.close();
      await pool.end();
    });

    it('rolls back a batch with a failing write and replays its writes alone: only that write fails', async () => {
      const { store, pool, count } = await recordedStore();
      const a = newOrder(intent, 'a', 0);
      await store.insert(a);
      const results = await Promise.allSettled([
        store.insert(newOrder(intent, 'b', 0)),
        store.update(transitionOrder(a, 'new', 1), 7), // wrong expected version
        store.update(transitionOrder(a, 'new', 1), 1),
        store.insert(newOrder(intent, 'c', 0)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(results[1]).toMatchObject({ reason: { code: 'version_conflict' } });
      expect(await count()).toBe(3);
      expect((await store.get('a'))?.status).toBe('new');
      await store.close();
      await pool.end();
    });

    it('replays a merged batch alone when one of its rows is at another version: only that write fails', async () => {
      const { store, pool } = await recordedStore();
      const orders = Array.from({ length: 5 }, (_, i) => newOrder(intent, `m-${i}`, 0));
      await Promise.all(orders.map((o) => store.insert(o)));
      const results = await Promise.allSettled(
        orders.map((o, i) =>
          store.update(transitionOrder(o, 'new', 1, { venueOrderId: `v-${i}` }), i === 2 ? 9 : 1),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(results[2]).toMatchObject({ reason: { code: 'version_conflict' } });
      const stored = await store.list();
      expect(stored.map((o) => [o.status, o.version, o.quantity.toString(), o.price?.toString()])).toEqual([
        ['new', 2, '0.01', '60000'],
        ['new', 2, '0.01', '60000'],
        ['pending_new', 1, '0.01', '60000'],
        ['new', 2, '0.01', '60000'],
        ['new', 2, '0.01', '60000'],
      ]);
      const first = orders[0];
      if (!first) throw new Error('no order');
      const again = await Promise.all([store.insert(first), store.insert(newOrder(intent, 'm-new', 0))]);
      expect(again.map((r) => [r.inserted, r.order.status])).toEqual([
        [false, 'new'],
        [true, 'pending_new'],
      ]);
      await store.close();
      await pool.end();
    });

    it('records concurrent fills once per trade id, and a quote in a reason survives the literal', async () => {
      const { store, pool } = await recordedStore();
      const a = transitionOrder(newOrder(intent, 'f-1', 0), 'new', 1, { venueOrderId: "v'1" });
      await store.insert(newOrder(intent, 'f-1', 0));
      await store.update(a, 1);
      const fill = {
        tradeId: "t'1",
        clientOrderId: 'f-1',
        symbol: 'BTC/USDT',
        side: 'buy' as const,
        quantity: a.quantity,
        price: a.price ?? a.quantity,
        fee: a.fees,
        feeCurrency: 'USDT',
        liquidity: 'maker' as const,
        timestamp: 5,
      };
      const filled = transitionOrder(a, 'filled', 5, { reason: "it's done" });
      const results = await Promise.all([
        store.recordFill(fill, filled, 2),
        store.recordFill(fill, filled, 2),
      ]);
      expect(results).toEqual([true, false]);
      expect(await store.fills('f-1')).toHaveLength(1);
      expect([(await store.get('f-1'))?.reason, (await store.getByVenueId("v'1"))?.status]).toEqual([
        "it's done",
        'filled',
      ]);
      await store.close();
      await pool.end();
    });
  },
);
