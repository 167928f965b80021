import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWriter } from '../../test/support/children.js';
import { compileForChildren } from '../../test/support/compile.js';
import { fillEvent, pendingFill } from '../../test/support/fixtures.js';
import { sinkContract } from '../../test/support/sink-contract.js';
import { isAuditError } from '../errors.js';
import { AuditLog, verifySink } from '../log/audit-log.js';
import { SqliteSink } from './sqlite-sink.js';

sinkContract('SqliteSink', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'rrr-audit-sqlite-'));
  const path = join(directory, 'audit.db');
  return {
    sink: new SqliteSink({ path }),
    reopen: async () => new SqliteSink({ path }),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describe('SqliteSink', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'rrr-audit-sqlite-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('uses WAL with synchronous=FULL and rejects UPDATE and DELETE with triggers', async () => {
    const path = join(directory, 'triggers.db');
    const sink = new SqliteSink({ path });
    await sink.append([pendingFill(0), pendingFill(1)]);
    await sink.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run()).toThrow(
      'audit_log is append-only: UPDATE is not allowed',
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(
      'audit_log is append-only: DELETE is not allowed',
    );
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 2 });
    db.close();
  });

  it('on disk full rejects the append, stores nothing of the batch, and the log reports unhealthy', async () => {
    const path = join(directory, 'full.db');
    const setup = new SqliteSink({ path });
    await setup.close();
    const db = new Database(path);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.close();
    // Cap the database a few pages above its empty size: one record fits, the next large batch cannot.
    const sink = new SqliteSink({ path, maxPageCount: pages + 2 });
    const log = new AuditLog({ sink, clock: { now: () => 1_610_064_000_278 } });
    await log.append(fillEvent(0));
    const big = Array.from({ length: 300 }, (_, i) => log.append(fillEvent(i + 1)));
    const settled = await Promise.allSettled(big);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    const reason = settled[0]?.status === 'rejected' ? settled[0].reason : undefined;
    expect(isAuditError(reason) && reason.code).toBe('sink_io');
    expect(String((reason as Error).message)).toMatch(/database or disk is full/);
    expect(log.health).toEqual({ healthy: false, reason: expect.stringMatching(/disk is full/) });
    await expect(log.append(fillEvent(999))).rejects.toMatchObject({ code: 'unhealthy' });
    await log.close();
    const check = new SqliteSink({ path });
    const result = await verifySink(check);
    expect(result.ok && result.count).toBe(1);
    await check.close();
  });
});

describe('SqliteSink across processes', () => {
  let compiled: ReturnType<typeof compileForChildren>;
  let directory = '';
  beforeAll(async () => {
    compiled = compileForChildren();
    directory = await mkdtemp(join(tmpdir(), 'rrr-audit-sqlite-mp-'));
  });
  afterAll(async () => {
    compiled.cleanup();
    await rm(directory, { recursive: true, force: true });
  });

  it('three writer processes on one database produce one gapless chain without duplicates', async () => {
    const path = join(directory, 'shared.db');
    await new SqliteSink({ path }).close();
    const writers = ['w1', 'w2', 'w3'].map((prefix) =>
      startWriter(compiled.outDir, ['sqlite', path, '150', prefix]),
    );
    const exits = await Promise.all(writers.map((w) => w.exited));
    expect(exits.map((e) => [e.code, e.stderr])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
    ]);
    const sink = new SqliteSink({ path });
    const records = await sink.read(0, 10_000);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(new Set(records.map((r) => r.id)).size).toBe(450);
    const actors = new Set(records.slice(0, 200).map((r) => r.actor));
    expect(actors.size, 'writers interleave rather than run one after another').toBeGreaterThan(1);
    const result = await verifySink(sink);
    expect(result.ok && result.count).toBe(450);
    await sink.close();
  });
});
