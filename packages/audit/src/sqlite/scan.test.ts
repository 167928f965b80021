import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLog as build,
  generic,
  storedRecord,
  tamper,
  tamperAll,
} from '../../test/support/scan-fixtures.js';
import { TAMPER_CASES } from '../../test/support/tamper-cases.js';
import { verifySink } from '../log/audit-log.js';
import { canonicalJson } from '../record/canonical.js';
import { hashRecord } from '../record/record.js';
import { SCAN_CHAIN } from '../sink/chain-scan.js';
import type { VerifyOptions, VerifyResult } from '../verify/verify.js';
import { SqliteSink } from './sqlite-sink.js';

describe('SqliteSink chain check (in the calling thread)', () => {
  let directory = '';
  let base = '';
  let n = 0;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'rrr-audit-scan-'));
    base = join(directory, 'base.db');
    await build(base, 1000);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function check(
    prepare: (path: string) => void,
    options: VerifyOptions = {},
  ): Promise<{ fast: VerifyResult; reference: VerifyResult }> {
    const path = join(directory, `case-${n++}.db`);
    await copyFile(base, path);
    prepare(path);
    const sink = new SqliteSink({ path, verifyWorkers: 0 });
    const fast = await verifySink(sink, options);
    const reference = await generic(sink, options);
    await sink.close();
    return { fast, reference };
  }

  it('verifies an intact chain of escaped ids, null tenants and control characters by its stored bytes', async () => {
    const path = join(directory, 'intact.db');
    await copyFile(base, path);
    const sink = new SqliteSink({ path, verifyWorkers: 0 });
    const head = await sink.head();
    expect(await sink[SCAN_CHAIN]({ seq: 0, hash: '0'.repeat(64) }, new Map())).toEqual({
      count: 1000,
      last: head,
      stopped: false,
      workers: 0,
    });
    expect(await verifySink(sink)).toEqual({ ok: true, count: 1000, head });
    await sink.close();
  });

  it.each(TAMPER_CASES)('reports $name exactly like the generic path', async ({ sql, expected }) => {
    const { fast, reference } = await check((path) => tamperAll(path, sql));
    expect(fast).toMatchObject({ ok: false, ...expected });
    expect(fast).toEqual(reference);
  });

  it('reports a record whose hash was recomputed at the next link, like the generic path', async () => {
    const { fast, reference } = await check((path) => {
      const forged = { ...storedRecord(path, 500), actor: 'mallory' };
      tamper(path, 'UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 500', 'mallory', hashRecord(forged));
    });
    expect(fast).toMatchObject({ ok: false, firstBadSeq: 501, code: 'broken_link', count: 500 });
    expect(fast).toEqual(reference);
  });

  it('accepts a payload stored with other whitespace (same JSON value) and goes on, like the generic path', async () => {
    const { fast, reference } = await check((path) => {
      const record = storedRecord(path, 300);
      const spaced = JSON.stringify(JSON.parse(canonicalJson(record.payload)), null, 2);
      tamper(path, 'UPDATE audit_log SET payload = ? WHERE seq = 300', spaced);
      tamper(path, `UPDATE audit_log SET payload = replace(payload, '"o-', '"x-') WHERE seq = 900`);
    });
    expect(fast).toMatchObject({ ok: false, firstBadSeq: 900, code: 'hash_mismatch', count: 899 });
    expect(fast).toEqual(reference);
  });

  it('passes a forger-rehashed non-canonical payload that record-by-record verification reports (documented)', async () => {
    const { fast, reference } = await check((path) => {
      const r = storedRecord(path, 1000);
      const unsorted = JSON.stringify({ quantity: r.payload['quantity'], ...r.payload });
      expect(unsorted, 'keys out of canonical order').not.toBe(canonicalJson(r.payload));
      const header = JSON.stringify([1, r.seq, r.id, r.ts, r.actor, r.kind, r.tenant, r.prevHash]);
      const rehashed = createHash('sha256').update(`${header}\n${unsorted}`).digest('hex');
      tamper(path, 'UPDATE audit_log SET payload = ?, hash = ? WHERE seq = 1000', unsorted, rehashed);
    });
    expect(fast).toMatchObject({ ok: true, count: 1000 });
    expect(reference).toMatchObject({ ok: false, firstBadSeq: 1000, code: 'hash_mismatch', count: 999 });
  });

  it('matches the generic path with a start anchor and with checkpoints, including truncation', async () => {
    const path = join(directory, 'anchors.db');
    await copyFile(base, path);
    const r500 = storedRecord(path, 500);
    const r1000 = storedRecord(path, 1000);
    const cases: VerifyOptions[] = [
      { anchor: { seq: 500, hash: r500.hash } },
      { anchor: { seq: 500, hash: r1000.hash } },
      { checkpoints: [{ seq: 800, hash: r500.hash }] },
      {
        checkpoints: [
          { seq: 500, hash: r500.hash },
          { seq: 1000, hash: r1000.hash },
        ],
      },
    ];
    const expected = [
      { ok: true, count: 500 },
      { ok: false, firstBadSeq: 501, code: 'broken_link' },
      { ok: false, firstBadSeq: 800, code: 'checkpoint_mismatch', count: 799 },
      { ok: false, firstBadSeq: 991, code: 'truncated', count: 990 },
    ];
    for (const [i, options] of cases.entries()) {
      const { fast, reference } = await check(
        (copy) => (i === 3 ? tamper(copy, 'DELETE FROM audit_log WHERE seq > 990') : undefined),
        options,
      );
      expect(fast, `case ${i}`).toMatchObject(expected[i] as object);
      expect(fast, `case ${i}`).toEqual(reference);
    }
  });

  it('throws the same corruption error as the generic path for a row that is not a valid record', async () => {
    const path = join(directory, 'corrupt.db');
    await copyFile(base, path);
    tamper(path, "UPDATE audit_log SET kind = 'order.teleported' WHERE seq = 250");
    const sink = new SqliteSink({ path, verifyWorkers: 0 });
    const fast = await verifySink(sink).catch((error: unknown) => error);
    const reference = await generic(sink).catch((error: unknown) => error);
    await sink.close();
    expect(fast).toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('audit_log row seq 250 is not a valid record'),
    });
    expect(String(fast)).toBe(String(reference));
  });

  it('rejects a negative or fractional verifyWorkers naming the field', () => {
    expect(() => new SqliteSink({ path: join(directory, 'x.db'), verifyWorkers: -1 })).toThrow(
      'field "verifyWorkers" must be an integer >= 0 (got -1)',
    );
    expect(() => new SqliteSink({ path: join(directory, 'x.db'), verifyWorkers: 1.5 })).toThrow(
      'field "verifyWorkers" must be an integer >= 0 (got 1.5)',
    );
  });
});

describe('SqliteSink chain check with a worker thread', () => {
  const count = 110_000;
  let directory = '';
  let base = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'rrr-audit-scan-workers-'));
    base = join(directory, 'base.db');
    await build(base, count);
  }, 60_000);
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function scanCopy(
    name: string,
    sql?: string,
  ): Promise<{ fast: VerifyResult; reference: VerifyResult }> {
    const path = join(directory, `${name}.db`);
    await copyFile(base, path);
    if (sql !== undefined) tamper(path, sql);
    const sink = new SqliteSink({ path, verifyWorkers: 3 });
    const scan = await sink[SCAN_CHAIN]({ seq: 0, hash: '0'.repeat(64) }, new Map());
    expect(scan.workers, 'this thread and one worker, 55,000 records each (50,000 at least)').toBe(1);
    const fast = await verifySink(sink);
    const reference = await generic(sink);
    await sink.close();
    return { fast, reference };
  }

  it('verifies an intact chain split between the calling thread and a worker', async () => {
    const { fast, reference } = await scanCopy('intact');
    expect(fast).toMatchObject({ ok: true, count });
    expect(fast).toEqual(reference);
  }, 60_000);

  it('reports a record tampered in the second range with the count of everything before it', async () => {
    const sql = `UPDATE audit_log SET payload = replace(payload, 'false', 'true') WHERE seq = 80000`;
    const { fast, reference } = await scanCopy('second', sql);
    expect(fast).toMatchObject({ ok: false, firstBadSeq: 80_000, code: 'hash_mismatch', count: 79_999 });
    expect(fast).toEqual(reference);
  }, 60_000);

  it('reports the lowest bad sequence number when both ranges were tampered with', async () => {
    const sql = `UPDATE audit_log SET payload = replace(payload, 'false', 'true') WHERE seq IN (30000, 80000)`;
    const { fast, reference } = await scanCopy('both', sql);
    expect(fast).toMatchObject({ ok: false, firstBadSeq: 30_000, code: 'hash_mismatch', count: 29_999 });
    expect(fast).toEqual(reference);
  }, 60_000);

  it('detects a record deleted right at the boundary between the two ranges', async () => {
    const { fast, reference } = await scanCopy('boundary', 'DELETE FROM audit_log WHERE seq = 55001');
    expect(fast).toMatchObject({ ok: false, firstBadSeq: 55_001, code: 'sequence_gap', count: 55_000 });
    expect(fast).toEqual(reference);
  }, 60_000);
});
