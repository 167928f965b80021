import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bothPaths,
  buildLog,
  generic,
  storedRecord,
  tamper,
  tamperAll,
} from '../../test/support/scan-fixtures.js';
import { TAMPER_CASES } from '../../test/support/tamper-cases.js';
import { verifySink } from '../log/audit-log.js';
import { GENESIS_HASH, hashRecord, sha256Hex } from '../record/record.js';
import type { VerifyOptions } from '../verify/verify.js';
import { checkPage, type ScanDatabase, type ScanOutcome, scanRange } from './scan-range.js';
import { SqliteSink } from './sqlite-sink.js';

const COUNT = 1000; // several pages; the first one has 256 records

/** A connection that records which statements ran: the aggregated page query or the row-by-row one. */
function recording(db: Database.Database, ran: string[], pages: unknown[][] = []): ScanDatabase {
  return {
    prepare(sql) {
      const kind = sql.includes('group_concat')
        ? 'page'
        : sql.startsWith('SELECT seq, prev_hash')
          ? 'rows'
          : 'other';
      const statement = db.prepare(sql);
      return {
        raw(toggle) {
          const raw = statement.raw(toggle);
          return {
            all: (...params) => {
              ran.push(kind);
              return raw.all(...params);
            },
            get: (...params) => {
              ran.push(kind);
              const row = raw.get(...params);
              if (kind === 'page') pages.push(row as unknown[]);
              return row;
            },
          };
        },
      };
    },
  };
}

function scanWhole(path: string, ran: string[]): ScanOutcome {
  const db = new Database(path, { readonly: true });
  try {
    const task = { start: { seq: 0, hash: GENESIS_HASH }, from: 0, to: COUNT, checkpoints: [] };
    return scanRange(recording(db, ran), sha256Hex, task);
  } finally {
    db.close();
  }
}

/** Rebuilds `audit_log` without column types or NOT NULL, as an attacker with file access could. */
function relaxSchema(path: string): void {
  tamperAll(
    path,
    `CREATE TABLE loose (seq INTEGER PRIMARY KEY, id, ts, actor, kind, tenant, order_id, payload, prev_hash, hash);
     INSERT INTO loose SELECT seq, id, ts, actor, kind, tenant, order_id, payload, prev_hash, hash FROM audit_log;
     DROP TABLE audit_log;
     ALTER TABLE loose RENAME TO audit_log;`,
  );
}

/**
 * Rewrites records the way a forger who recomputes hashes would: `forge(seq, prevHash, payload?)` gives
 * record `seq` a new `prev_hash` (and payload) and a hash over its new stored bytes, and returns that hash.
 */
function forging<T>(
  path: string,
  use: (forge: (seq: number, prevHash: string, payload?: string | null) => string) => T,
): T {
  const db = new Database(path);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update;');
    const read = db.prepare<[string, number], { bytes: string; payload: string | null }>(
      'SELECT json_array(1, seq, id, ts, actor, kind, tenant, ?) || char(10) AS bytes, payload FROM audit_log WHERE seq = ?',
    );
    const write = db.prepare('UPDATE audit_log SET prev_hash = ?, payload = ?, hash = ? WHERE seq = ?');
    return use((seq, prevHash, payload) => {
      const stored = read.get(prevHash, seq);
      if (stored === undefined) throw new Error(`no row ${seq}`);
      const text = payload === undefined ? stored.payload : payload;
      const hash = sha256Hex(`${stored.bytes}${text ?? ''}`);
      write.run(prevHash, text, hash, seq);
      return hash;
    });
  } finally {
    db.close();
  }
}

/** {@link forging} for one record. */
function forge(path: string, seq: number, prevHash: string, payload?: string | null): string {
  return forging(path, (rewrite) => rewrite(seq, prevHash, payload));
}

/** Recomputes the chain from `seq` to the end, starting from `prevHash`. */
function rechain(path: string, seq: number, prevHash: string): void {
  forging(path, (rewrite) => {
    let prev = prevHash;
    for (let s = seq; s <= COUNT; s++) prev = rewrite(s, prev);
  });
}

describe('SqliteSink chain check, page by page', () => {
  let directory = '';
  let base = '';
  let n = 0;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'rrr-audit-page-'));
    base = join(directory, 'base.db');
    await buildLog(base, COUNT);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function copy(): Promise<string> {
    const path = join(directory, `case-${n++}.db`);
    await copyFile(base, path);
    return path;
  }

  it('passes an intact log (payloads with escaped U+001E) from aggregated pages alone', async () => {
    const ran: string[] = [];
    const outcome = scanWhole(await copy(), ran);
    const { seq, hash } = storedRecord(base, COUNT);
    expect(outcome).toEqual({ count: COUNT, last: { seq, hash }, stopped: false });
    expect(ran, 'no record read on its own').not.toContain('rows');
    expect(ran.filter((kind) => kind === 'page').length).toBeGreaterThanOrEqual(2);
  });

  it('re-checks row by row only the page whose joined bytes do not split into one piece per record', async () => {
    const path = await copy();
    // A forged payload with a raw U+001E (the join separator) and a recomputed hash: the stored bytes hash
    // to the stored hash, so the row-by-row check passes it; the page check must not mis-split around it.
    const r = storedRecord(path, COUNT);
    const payload = `{"note":"a\u001eb"}`;
    const header = JSON.stringify([1, r.seq, r.id, r.ts, r.actor, r.kind, r.tenant, r.prevHash]);
    const hash = createHash('sha256').update(`${header}\n${payload}`).digest('hex');
    tamper(path, 'UPDATE audit_log SET payload = ?, hash = ? WHERE seq = ?', payload, hash, COUNT);
    const ran: string[] = [];
    const outcome = scanWhole(path, ran);
    expect(outcome).toEqual({ count: COUNT, last: { seq: COUNT, hash }, stopped: false });
    expect(
      ran.filter((kind) => kind === 'rows'),
      'the last page only, read again',
    ).toHaveLength(1);
    expect(ran.at(-1)).toBe('rows');
  });

  it.each(TAMPER_CASES)('reports $name exactly like the generic path', async ({ sql, expected }) => {
    const path = await copy();
    tamperAll(path, sql);
    const { fast, reference } = await bothPaths(path);
    expect(fast).toMatchObject({ ok: false, ...expected });
    expect(fast).toEqual(reference);
  });

  it('reports an inserted record, rehashed or not, exactly like the generic path', async () => {
    for (const rehash of [true, false]) {
      const path = await copy();
      const before = storedRecord(path, 699);
      const forged = { ...storedRecord(path, 700), id: 'forged-700', prevHash: before.hash };
      tamperAll(
        path,
        'UPDATE audit_log SET seq = -seq WHERE seq >= 700; UPDATE audit_log SET seq = 1 - seq WHERE seq < 0;',
      );
      tamper(
        path,
        `INSERT INTO audit_log (seq, id, ts, actor, kind, tenant, payload, prev_hash, hash)
         SELECT 700, ?, ts, actor, kind, tenant, payload, ?, ? FROM audit_log WHERE seq = 701`,
        forged.id,
        forged.prevHash,
        rehash ? hashRecord(forged) : before.hash,
      );
      const { fast, reference } = await bothPaths(path);
      const firstBadSeq = rehash ? 701 : 700;
      expect(fast, `rehash ${rehash}`).toMatchObject({ ok: false, firstBadSeq, code: 'hash_mismatch' });
      expect(fast).toEqual(reference);
    }
  });

  it('matches the generic path on checkpoints inside a page and on an anchor that contains ","', async () => {
    const path = await copy();
    const r500 = storedRecord(path, 500);
    const r700 = storedRecord(path, 700);
    const cases: [VerifyOptions, object][] = [
      [{ checkpoints: [{ seq: 700, hash: r700.hash }] }, { ok: true, count: COUNT }],
      [
        { checkpoints: [{ seq: 701, hash: r700.hash }] },
        { ok: false, firstBadSeq: 701, code: 'checkpoint_mismatch', count: 700 },
      ],
      [
        { checkpoints: [{ seq: 1001, hash: r700.hash }] },
        { ok: false, firstBadSeq: 1001, code: 'truncated', count: COUNT },
      ],
      [
        { anchor: { seq: 500, hash: `${r500.hash.slice(1)},` } },
        { ok: false, firstBadSeq: 501, code: 'broken_link' },
      ],
    ];
    for (const [options, expected] of cases) {
      const { fast, reference } = await bothPaths(path, options);
      expect(fast, JSON.stringify(options)).toMatchObject(expected);
      expect(fast).toEqual(reference);
    }
  });

  it('reports a record rewritten with a recomputed hash at the next link, like the generic path', async () => {
    const path = await copy();
    forge(path, 500, storedRecord(path, 499).hash, '{"orderId":"o-forged","partial":false}');
    const { fast, reference } = await bothPaths(path);
    expect(fast).toMatchObject({ ok: false, firstBadSeq: 501, code: 'broken_link', count: 500 });
    expect(fast).toEqual(reference);
  });

  it('refuses a page whose joined sequence numbers are not in order, and one that does not follow the state', () => {
    const pages: unknown[][] = [];
    const db = new Database(base, { readonly: true });
    const task = { start: { seq: 0, hash: GENESIS_HASH }, from: 0, to: 256, checkpoints: [] };
    scanRange(recording(db, [], pages), sha256Hex, task);
    db.close();
    const page = pages[0] as unknown[];
    const order = Array.from({ length: 256 }, (_, i) => i + 1).join(',');
    const fresh = () => ({ seq: 0, hash: GENESIS_HASH, count: 0 });
    const swapped = [...page];
    swapped[3] = `2,1,${order.slice(4)}`;
    const state = fresh();
    expect(checkPage(swapped, 0, 256, order, state, [], sha256Hex)).toBe(false);
    expect(state, 'unchanged').toEqual(fresh());
    expect(checkPage(page, 0, 256, order, { ...fresh(), hash: '1'.repeat(64) }, [], sha256Hex)).toBe(false);
    expect(checkPage(page, 0, 256, order, state, [], sha256Hex)).toBe(true);
    expect(state).toEqual({ seq: 256, hash: storedRecord(base, 256).hash, count: 256 });
  });

  it('reports a record deleted at the end of a page, with the chain recomputed after it, at its number', async () => {
    const path = await copy();
    tamperAll(path, 'DELETE FROM audit_log WHERE seq = 256');
    rechain(path, 257, storedRecord(path, 255).hash);
    const { fast, reference } = await bothPaths(path);
    expect(fast).toMatchObject({ ok: false, firstBadSeq: 256, code: 'sequence_gap', count: 255 });
    expect(fast).toEqual(reference);
  });

  it('judges a forged chain whose joined prev_hashes equal an anchor containing "," like the generic path', async () => {
    const path = await copy();
    // Joined, the forged prev_hashes "A" and "B,<hash 999>" read like the anchor "A,B" followed by hash 999.
    const h999 = forge(path, 999, 'A');
    forge(path, 1000, `B,${h999}`);
    const anchor = { seq: 998, hash: 'A,B' };
    const ran: string[] = [];
    const db = new Database(path, { readonly: true });
    const task = { start: anchor, from: 998, to: COUNT, checkpoints: [] };
    expect(scanRange(recording(db, ran), sha256Hex, task)).toEqual({ count: 0, last: anchor, stopped: true });
    db.close();
    const sink = new SqliteSink({ path, verifyWorkers: 0 });
    const fast = await verifySink(sink, { anchor }).catch((error: unknown) => error);
    const reference = await generic(sink, { anchor }).catch((error: unknown) => error);
    await sink.close();
    expect(fast).toMatchObject({ code: 'corrupt', message: expect.stringContaining('row seq 999') });
    expect(String(fast)).toBe(String(reference));
  });

  it.each([
    {
      name: 'a payload holding a raw U+001E after which the rest is not hashed',
      relax: false,
      prepare: (path: string) => {
        forge(path, COUNT, storedRecord(path, COUNT - 1).hash, '{"a":1}');
        tamper(path, 'UPDATE audit_log SET payload = ? WHERE seq = ?', '{"a":1}\u001eany text', COUNT);
      },
    },
    {
      name: 'a raw U+001E in one payload standing in for the NULL payload of the next record',
      relax: true,
      prepare: (path: string) => {
        // Record 999's stored bytes split at the U+001E into its hashed part and record 1000's, whose
        // payload is NULL (no bytes at all): joined, the pieces line up with the stored hashes.
        const h999 = forge(path, COUNT - 1, storedRecord(path, COUNT - 2).hash, '{"a":1}');
        const tail = 'any text';
        const h1000 = sha256Hex(tail);
        tamper(path, 'UPDATE audit_log SET payload = ? WHERE seq = ?', `{"a":1}\u001e${tail}`, COUNT - 1);
        tamper(
          path,
          'UPDATE audit_log SET payload = NULL, prev_hash = ?, hash = ? WHERE seq = ?',
          h999,
          h1000,
          COUNT,
        );
      },
    },
  ])('does not split the joined bytes wrongly around $name', async ({ relax, prepare }) => {
    const path = await copy();
    if (relax) relaxSchema(path);
    prepare(path);
    const ran: string[] = [];
    const outcome = scanWhole(path, ran);
    expect(outcome.stopped, 'the row-by-row check stops at the record that does not hash').toBe(true);
    expect(outcome.count).toBeLessThan(COUNT);
    const sink = new SqliteSink({ path, verifyWorkers: 0 });
    const fast = await verifySink(sink).catch((error: unknown) => error);
    const reference = await generic(sink).catch((error: unknown) => error);
    await sink.close();
    expect(String(fast)).toBe(String(reference));
  });

  it.each([
    {
      name: 'a stored hash in upper case',
      sql: 'UPDATE audit_log SET hash = upper(hash) WHERE seq = 300',
    },
    {
      name: 'a hash shortened by one character and the next one lengthened by it',
      sql: `UPDATE audit_log SET hash = CASE seq
              WHEN 300 THEN substr(hash, 1, 63)
              ELSE substr((SELECT hash FROM audit_log WHERE seq = 300), 64) || hash END
            WHERE seq IN (300, 301)`,
    },
    {
      name: 'a hash that holds the next record’s after a ",", with that record’s hash NULL (schema rewritten)',
      relax: true,
      sql: `UPDATE audit_log SET hash = CASE seq
              WHEN 300 THEN hash || ',' || (SELECT hash FROM audit_log WHERE seq = 301)
              ELSE NULL END
            WHERE seq IN (300, 301)`,
    },
    {
      name: 'a hash stored as a BLOB of the same bytes (schema rewritten)',
      relax: true,
      sql: 'UPDATE audit_log SET hash = CAST(hash AS BLOB) WHERE seq = 300',
    },
    {
      name: 'a prev_hash stored as a BLOB (schema rewritten; SQLite cannot put it in the header)',
      relax: true,
      sql: 'UPDATE audit_log SET prev_hash = CAST(prev_hash AS BLOB) WHERE seq = 300',
    },
    {
      name: 'an actor stored as a BLOB (schema rewritten)',
      relax: true,
      sql: 'UPDATE audit_log SET actor = CAST(actor AS BLOB) WHERE seq = 300',
    },
    {
      name: 'a NULL prev_hash (schema rewritten)',
      relax: true,
      sql: 'UPDATE audit_log SET prev_hash = NULL WHERE seq = 300',
    },
  ])('throws the generic path’s corruption error for $name', async ({ sql, relax }) => {
    const path = await copy();
    if (relax === true) relaxSchema(path);
    tamperAll(path, sql);
    const sink = new SqliteSink({ path, verifyWorkers: 0 });
    const fast = await verifySink(sink).catch((error: unknown) => error);
    const reference = await generic(sink).catch((error: unknown) => error);
    await sink.close();
    expect(fast).toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('audit_log row seq 300 is not a valid record'),
    });
    expect(String(fast)).toBe(String(reference));
  });
});
