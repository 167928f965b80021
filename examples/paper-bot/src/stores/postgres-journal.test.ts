import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkip, query, TestDatabases } from '../../test/postgres-support.js';
import type { JournalBar } from '../bot/seams.js';
import { openPostgresStores, postgresLocation } from './postgres.js';
import { PostgresJournal } from './postgres-journal.js';

const databases = new TestDatabases();
if (postgresSkip !== null) console.warn(`skipping PostgreSQL tests: ${postgresSkip}`);
beforeAll(async () => {
  if (postgresSkip === null) await databases.start();
}, 60_000);
afterAll(() => databases.stop());

function bar(ts: number, symbol: string, extra: Partial<JournalBar> = {}): JournalBar {
  return {
    ts,
    symbol,
    close: 94_000.5 + ts,
    equity: 10_000.25,
    position: 0.01234,
    drawdown: 0.015,
    signal: 'up',
    pUp: 0.61,
    pFlat: 0.2,
    pDown: 0.19,
    orders: 'rrr-1,rrr-2',
    ...extra,
  };
}

describe('postgresLocation', () => {
  it('drops the password and the query string', () => {
    expect(postgresLocation('postgresql://bot:pw-42@db.internal:6543/paper?sslmode=require')).toBe(
      'postgres://bot@db.internal:6543/paper',
    );
    expect(postgresLocation('postgres://db/paper')).toBe('postgres://db:5432/paper');
    expect(postgresLocation('not a url')).toBe('postgres://(unparsable URL)');
  });
});

describe.skipIf(postgresSkip !== null)('PostgresJournal (real server started by the test)', () => {
  it('round-trips rows ordered by ts then symbol, NaN probabilities as NULL', async () => {
    const url = await databases.fresh('journal');
    const journal = await PostgresJournal.open(url);
    await journal.record([bar(3_600_000, 'ETH/USDT'), bar(3_600_000, 'BTC/USDT')]);
    await journal.record([
      bar(0, 'BTC/USDT', { signal: 'none', pUp: Number.NaN, pFlat: Number.NaN, pDown: Number.NaN }),
    ]);
    const rows = await journal.all();
    expect(rows.map((r) => [r.ts, r.symbol])).toEqual([
      [0, 'BTC/USDT'],
      [3_600_000, 'BTC/USDT'],
      [3_600_000, 'ETH/USDT'],
    ]);
    expect(rows[0]?.pUp).toBeNaN();
    expect(rows[1]).toEqual(bar(3_600_000, 'BTC/USDT'));
    const stored = await query<{ p_up: number | null }>(
      url,
      'SELECT p_up FROM paper_bot_journal WHERE ts = 0',
    );
    expect(stored).toEqual([{ p_up: null }]);
    await journal.close();
  });

  it('is idempotent per (ts, symbol): recording a step again keeps the first rows', async () => {
    const url = await databases.fresh('journal');
    const journal = await PostgresJournal.open(url);
    await journal.record([bar(0, 'BTC/USDT')]);
    await journal.record([bar(0, 'BTC/USDT', { equity: 1 }), bar(0, 'ETH/USDT')]);
    const rows = await journal.all();
    expect(rows.map((r) => [r.symbol, r.equity])).toEqual([
      ['BTC/USDT', 10_000.25],
      ['ETH/USDT', 10_000.25],
    ]);
    await journal.close();
  });

  it('records a step atomically: a bad row stores none of the step', async () => {
    const url = await databases.fresh('journal');
    const journal = await PostgresJournal.open(url);
    const broken = { ...bar(0, 'ETH/USDT'), signal: null } as unknown as JournalBar;
    await expect(journal.record([bar(0, 'BTC/USDT'), broken])).rejects.toThrow(/signal/);
    expect(await journal.all()).toEqual([]);
    await journal.close();
  });

  it('migrates once when several processes open together, persists across reopen, refuses a newer schema', async () => {
    const url = await databases.fresh('journal');
    const journals = await Promise.all(
      [1, 2, 3].map(() => PostgresJournal.open(url, { clock: { now: () => 42 } })),
    );
    await journals[0]?.record([bar(0, 'BTC/USDT')]);
    for (const j of journals) await j.close();
    expect(await query(url, 'SELECT version, applied_at FROM paper_bot_journal_migrations')).toEqual([
      { version: 1, applied_at: '42' },
    ]);
    const reopened = await PostgresJournal.open(url);
    expect((await reopened.all()).length).toBe(1);
    await reopened.close();
    await query(url, "INSERT INTO paper_bot_journal_migrations VALUES (9, 'future', 0)");
    await expect(PostgresJournal.open(url)).rejects.toMatchObject({ code: 'journal_schema_too_new' });
  });

  it('opens orders, audit and journal in one database with their migrations', async () => {
    const url = await databases.fresh('stores');
    const stores = await openPostgresStores(url);
    expect(stores.location).toBe(
      `postgres://postgres@127.0.0.1:${new URL(url).port}${new URL(url).pathname}`,
    );
    await stores.orders.close();
    await stores.audit.close();
    await stores.journal.close();
    const tables = await query<{ t: string }>(
      url,
      "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'rrr_audit') ORDER BY 1",
    );
    expect(tables.map((r) => r.t)).toEqual(
      expect.arrayContaining([
        'public.paper_bot_journal',
        'public.paper_bot_journal_migrations',
        'public.rrr_fills',
        'public.rrr_orders',
        'public.rrr_orders_migrations',
        'rrr_audit.audit_log',
        'rrr_audit.schema_migrations',
      ]),
    );
  });

  it('fails to open on an unreachable server and leaves nothing open', async () => {
    await expect(openPostgresStores('postgresql://postgres@127.0.0.1:1/none')).rejects.toThrow(
      /ECONNREFUSED|connect/,
    );
  });
});
