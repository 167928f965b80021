import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalBar } from '../src/bot/seams.js';
import { mergeTimeline } from '../src/data/timeline.js';
import { SqliteJournal } from '../src/journal/journal.js';
import { removeTempDirs, tempDir } from './support.js';

afterAll(removeTempDirs);

const row = (ts: number, symbol: string, equity = 10_000): JournalBar => ({
  ts,
  symbol,
  close: 100 + ts,
  equity,
  position: 0.5,
  drawdown: 0.01,
  signal: 'up',
  pUp: 0.6,
  pFlat: 0.3,
  pDown: 0.1,
  orders: `pb-${ts}-entry`,
});

describe('SqliteJournal', () => {
  it('stores a time step per (ts, symbol) atomically, idempotently, and reads it back in order', async () => {
    const journal = SqliteJournal.open(join(tempDir(), 'journal.db'));
    await journal.record([row(2, 'SOL/USDT'), row(2, 'ETH/USDT')]);
    await journal.record([row(1, 'ETH/USDT'), { ...row(1, 'SOL/USDT'), pUp: Number.NaN }]);
    await journal.record([row(2, 'ETH/USDT', 1)]); // same key: left as it was
    const all = await journal.all();
    expect(all.map((r) => `${r.ts} ${r.symbol} ${r.equity}`)).toEqual([
      '1 ETH/USDT 10000',
      '1 SOL/USDT 10000',
      '2 ETH/USDT 10000',
      '2 SOL/USDT 10000',
    ]);
    expect(Number.isNaN(all[1]?.pUp)).toBe(true);
    expect(all[0]).toEqual(row(1, 'ETH/USDT'));
    await journal.close();
  });

  it('migrates a one-symbol journal of the earlier schema, keeping every row readable', async () => {
    const path = join(tempDir(), 'journal.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE bars (
      ts INTEGER PRIMARY KEY, close REAL NOT NULL, equity REAL NOT NULL, position REAL NOT NULL,
      drawdown REAL NOT NULL, signal TEXT NOT NULL, p_up REAL, p_flat REAL, p_down REAL, orders TEXT NOT NULL)`);
    old
      .prepare('INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(5, 90, 9_990, 0, 0.001, 'flat', 0.2, 0.7, 0.1, '');
    old
      .prepare('INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(6, 91, 9_995, 0, 0, 'none', null, null, null, '');
    old.close();
    const journal = SqliteJournal.open(path, { legacySymbol: 'BTC/USDT' });
    const rows = await journal.all();
    expect(rows.map((r) => [r.ts, r.symbol, r.close, r.equity, r.signal])).toEqual([
      [5, 'BTC/USDT', 90, 9_990, 'flat'],
      [6, 'BTC/USDT', 91, 9_995, 'none'],
    ]);
    expect(Number.isNaN(rows[1]?.pUp)).toBe(true);
    await journal.record([row(7, 'BTC/USDT')]);
    await journal.close();
    // opening again does not migrate twice
    const again = SqliteJournal.open(path, { legacySymbol: 'ETH/USDT' });
    expect((await again.all()).map((r) => r.symbol)).toEqual(['BTC/USDT', 'BTC/USDT', 'BTC/USDT']);
    await again.close();
  });

  it('refuses a journal written by a newer schema', () => {
    const path = join(tempDir(), 'journal.db');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => SqliteJournal.open(path)).toThrow(/schema version 99 is newer/);
  });
});

describe('mergeTimeline', () => {
  const bar = (timestamp: number) => ({ timestamp, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 });

  it('gives the union of bar times in order, each step with the symbols that have a bar then', () => {
    const steps = mergeTimeline(
      new Map([
        ['ETH/USDT', [bar(0), bar(2), bar(3)]],
        ['SOL/USDT', [bar(1), bar(2)]],
      ]),
    );
    expect(steps.map((s) => [s.ts, [...s.bars.keys()]])).toEqual([
      [0, ['ETH/USDT']],
      [1, ['SOL/USDT']],
      [2, ['ETH/USDT', 'SOL/USDT']],
      [3, ['ETH/USDT']],
    ]);
    expect(mergeTimeline(new Map())).toEqual([]);
  });
});
