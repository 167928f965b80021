import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog, storedRecord, tamper } from '../../test/support/scan-fixtures.js';
import { GENESIS_HASH, sha256Hex } from '../record/record.js';
import { type ScanDatabase, scanRange } from './scan-range.js';
import { type ScanSetup, scanChain } from './scan-workers.js';

const COUNT = 100_000; // seven chunks of (up to) 16,384 records, enough for one worker
const start = { seq: 0, hash: GENESIS_HASH };

/** The calling thread's connection, made slow (a pause per chunk) so that the worker surely claims chunks. */
function slow(db: Database.Database, chunks: { count: number }): ScanDatabase {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return {
    prepare(sql) {
      if (sql.includes('group_concat')) {
        chunks.count++;
        Atomics.wait(pause, 0, 0, 400);
      }
      return db.prepare(sql);
    },
  };
}

describe('scanChain over chunks shared by the calling thread and a worker', () => {
  let directory = '';
  let path = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'rrr-audit-chunks-'));
    path = join(directory, 'log.db');
    await buildLog(path, COUNT);
  }, 60_000);
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function scan(setupPath: string, db: Database.Database, chunks: { count: number }) {
    const setup: ScanSetup = { db: slow(db, chunks), path: setupPath, maxWorkers: 1, busyTimeoutMs: 1000 };
    return scanChain(setup, start, COUNT, new Map());
  }

  function singlePass(db: Database.Database) {
    return scanRange(db, sha256Hex, { start, from: 0, to: COUNT, checkpoints: [] });
  }

  it('gives the result of a single pass while the worker checks some of the chunks', async () => {
    const db = new Database(path, { readonly: true });
    const chunks = { count: 0 };
    const result = await scan(path, db, chunks);
    const single = singlePass(db);
    db.close();
    expect(single).toMatchObject({ count: COUNT, stopped: false });
    expect(result).toEqual({ ...single, workers: 1 });
    expect(
      chunks.count,
      'the calling thread checked some of the 7 chunks, the worker the others',
    ).toBeLessThan(7);
    expect(chunks.count).toBeGreaterThan(0);
  }, 60_000);

  it('reports the lowest chunk that stopped, whichever thread checked it', async () => {
    const copy = join(directory, 'tampered.db');
    await new Promise<void>((resolve) => {
      const db = new Database(path, { readonly: true });
      db.backup(copy).then(() => {
        db.close();
        resolve();
      });
    });
    tamper(
      copy,
      `UPDATE audit_log SET payload = replace(payload, 'false', 'true') WHERE seq IN (20000, 80000)`,
    );
    const db = new Database(copy, { readonly: true });
    const result = await scan(copy, db, { count: 0 });
    const single = scanRange(db, sha256Hex, { start, from: 0, to: COUNT, checkpoints: [] });
    db.close();
    expect(single).toEqual({
      count: 19_999,
      last: (({ seq, hash }) => ({ seq, hash }))(storedRecord(copy, 19_999)),
      stopped: true,
    });
    expect(result).toEqual({ ...single, workers: 1 });
  }, 60_000);

  it('checks in the calling thread the chunks of a worker that could not open the database', async () => {
    const db = new Database(path, { readonly: true });
    const chunks = { count: 0 };
    const result = await scan(join(directory, 'missing.db'), db, chunks);
    const single = singlePass(db);
    db.close();
    expect(result).toEqual({ ...single, workers: 1 });
    expect(chunks.count, 'every chunk, some of them after the worker failed').toBe(7);
  }, 60_000);
});
