import Database from 'better-sqlite3';
import { verifySink } from '../../src/log/audit-log.js';
import type { AuditRecord } from '../../src/record/record.js';
import type { PendingRecord } from '../../src/sink/types.js';
import { SqliteSink } from '../../src/sqlite/sqlite-sink.js';
import { ChainVerifier, type VerifyOptions, type VerifyResult } from '../../src/verify/verify.js';
import { pendingFill } from './fixtures.js';

/** Real trades, with ids, actors and tenants that need JSON escaping or are null now and then. */
export function scanPending(i: number): PendingRecord {
  const base = pendingFill(i);
  if (i % 7 === 0) return { ...base, id: `fill-"${i}"\n\t\\é😀`, actor: 'desk\\"eu"', tenant: null };
  if (i % 5 === 0)
    return { ...base, tenant: null, payload: { ...base.payload, note: 'line\u0001\u001e\u2028end' } };
  return base;
}

/** Writes `count` records of {@link scanPending} to a new SQLite log at `path`. */
export async function buildLog(path: string, count: number): Promise<void> {
  const sink = new SqliteSink({ path });
  for (let from = 0; from < count; from += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, count - from) }, (_, k) => scanPending(from + k));
    await sink.append(batch);
  }
  await sink.close();
}

/** The decision of the generic path: every record read through `read()` and pushed to a ChainVerifier. */
export async function generic(sink: SqliteSink, options: VerifyOptions = {}): Promise<VerifyResult> {
  const verifier = new ChainVerifier(options);
  let after = options.anchor?.seq ?? 0;
  for (;;) {
    const page = await sink.read(after, 10_000);
    for (const record of page) if (!verifier.push(record)) return verifier.finish();
    const last = page[page.length - 1];
    if (last === undefined) return verifier.finish();
    after = last.seq;
  }
}

/** Both decisions on one log: `verifySink` (the sink's own chain check) and {@link generic}. */
export async function bothPaths(
  path: string,
  options: VerifyOptions = {},
  verifyWorkers = 0,
): Promise<{ fast: VerifyResult; reference: VerifyResult }> {
  const sink = new SqliteSink({ path, verifyWorkers });
  try {
    const fast = await verifySink(sink, options);
    const reference = await generic(sink, options);
    return { fast, reference };
  } finally {
    await sink.close();
  }
}

/** Runs statements on a log the way an attacker with file access could (append-only triggers dropped). */
export function tamper(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db.prepare(sql).run(...params);
  db.close();
}

/** Like {@link tamper}, for several statements without parameters. */
export function tamperAll(path: string, sql: string): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

interface StoredRow {
  seq: number;
  id: string;
  ts: number;
  actor: string;
  kind: AuditRecord['kind'];
  tenant: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The stored record `seq` of a log, read directly. */
export function storedRecord(path: string, seq: number): AuditRecord {
  const db = new Database(path, { readonly: true });
  const row = db
    .prepare<[number], StoredRow>(
      'SELECT seq, id, ts, actor, kind, tenant, payload, prev_hash, hash FROM audit_log WHERE seq = ?',
    )
    .get(seq);
  db.close();
  if (row === undefined) throw new Error(`no row ${seq}`);
  const { prev_hash: prevHash, payload, ...rest } = row;
  return { ...rest, payload: JSON.parse(payload), prevHash };
}
