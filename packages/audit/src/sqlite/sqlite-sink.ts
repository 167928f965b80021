import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AuditCorruptionError, AuditSinkError, AuditValidationError } from '../errors.js';
import { type AuditRecord, GENESIS_HASH, storedRecordSchema } from '../record/record.js';
import { type ChainScan, SCAN_CHAIN } from '../sink/chain-scan.js';
import { normalizeQuery, orderIdOf } from '../sink/query.js';
import { sealBatch } from '../sink/seal.js';
import type { AppendResult, AuditPage, AuditQuery, PendingRecord, PrunableSink } from '../sink/types.js';
import type { ChainAnchor } from '../verify/verify.js';
import { type ScanSetup, scanChain } from './scan-workers.js';
import { sqliteMigrations } from './schema.js';

/** Options of {@link SqliteSink}. */
export interface SqliteSinkOptions {
  /** Database file path (created if missing). */
  readonly path: string;
  /** How long to wait for another process holding the write lock, ms; default 10000. */
  readonly busyTimeoutMs?: number;
  /**
   * Caps the database at this many pages (SQLite `max_page_count`, 4 KiB pages by default): appends that
   * would grow it further fail like a full disk. Default: no cap beyond SQLite's own.
   */
  readonly maxPageCount?: number;
  /**
   * Most worker threads that verification (`AuditLog.verify`, `verifySink`, `rrr-audit verify`) uses on a
   * large log besides the calling thread (one per 50,000 records beyond the first 50,000), each with its own
   * read-only connection, all claiming chunks of 16,384 records from a shared counter; default: one less than
   * the number of CPU cores, at most 3. 0 verifies in the calling thread only.
   */
  readonly verifyWorkers?: number;
}

interface Row {
  seq: number;
  id: string;
  ts: number;
  actor: string;
  kind: string;
  tenant: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

const columns = 'seq, id, ts, actor, kind, tenant, payload, prev_hash, hash';
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** Parameters per inserted row. */
const WIDTH = 10;
/** Rows per multi-row INSERT (10 parameters each, well under SQLite's parameter limit). */
const MULTI_ROW = 100;

/** Writes the insert parameters of one record into `params` at `offset` (no per-row array). */
function putRow(params: unknown[], offset: number, r: AuditRecord, payloadJson: string | undefined): void {
  params[offset] = r.seq;
  params[offset + 1] = r.id;
  params[offset + 2] = r.ts;
  params[offset + 3] = r.actor;
  params[offset + 4] = r.kind;
  params[offset + 5] = r.tenant;
  params[offset + 6] = payloadJson;
  params[offset + 7] = r.prevHash;
  params[offset + 8] = r.hash;
  params[offset + 9] = orderIdOf(r);
}

function toRecord(row: Row): AuditRecord {
  const parsed = storedRecordSchema.safeParse({
    seq: row.seq,
    id: row.id,
    ts: row.ts,
    actor: row.actor,
    kind: row.kind,
    tenant: row.tenant,
    payload: JSON.parse(row.payload),
    prevHash: row.prev_hash,
    hash: row.hash,
  });
  if (!parsed.success) {
    throw new AuditCorruptionError(
      `audit_log row seq ${row.seq} is not a valid record: ${parsed.error.message}`,
    );
  }
  return parsed.data as AuditRecord;
}

function wrap(action: string, path: string, error: unknown): AuditSinkError {
  const detail = error instanceof Error ? error.message : String(error);
  return new AuditSinkError(`${action} on SQLite database "${path}" failed: ${detail}`, { cause: error });
}

/**
 * SQLite audit sink (better-sqlite3, WAL, `synchronous=FULL`): an append commits one transaction per
 * batch under the database write lock, so several processes may append to the same file without gaps or
 * duplicates. Triggers reject UPDATE and DELETE. Verification hashes the stored bytes, split across worker
 * threads on a large log (see {@link SqliteSinkOptions.verifyWorkers}).
 *
 * @example
 * ```ts
 * import { AuditLog } from '@rrr/audit';
 * import { SqliteSink } from '@rrr/audit/sqlite';
 *
 * const log = new AuditLog({ sink: new SqliteSink({ path: 'audit.db' }) });
 * await log.append({ kind: 'secret.access', actor: 'bot', payload: { name: 'BINANCE_KEY' } });
 * await log.close();
 * ```
 */
export class SqliteSink implements PrunableSink {
  readonly #db: Database.Database;
  readonly #path: string;
  readonly #scan: ScanSetup;
  readonly #appendTx: (batch: readonly PendingRecord[]) => AppendResult[];
  readonly #byIds: Database.Statement<[string], Row>;
  readonly #headStmt: Database.Statement<[], { seq: number; hash: string }>;
  readonly #readStmt: Database.Statement<[number, number], Row>;

  /** @param options - database path, lock timeout, size cap and verification threads */
  constructor(options: SqliteSinkOptions) {
    this.#path = options.path;
    const workers = options.verifyWorkers ?? Math.min(availableParallelism() - 1, 3);
    if (!Number.isInteger(workers) || workers < 0) {
      throw new AuditValidationError(`field "verifyWorkers" must be an integer >= 0 (got ${workers})`);
    }
    try {
      this.#db = new Database(options.path);
      this.#db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 10_000)}`);
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
      this.#migrate();
      if (options.maxPageCount !== undefined) {
        this.#db.pragma(`max_page_count = ${Math.trunc(options.maxPageCount)}`);
      }
    } catch (error) {
      throw wrap('opening', options.path, error);
    }
    this.#scan = {
      db: this.#db,
      path: this.#db.memory ? undefined : resolve(options.path),
      maxWorkers: workers,
      busyTimeoutMs: Math.trunc(options.busyTimeoutMs ?? 10_000),
    };
    this.#byIds = this.#db.prepare(
      `SELECT ${columns} FROM audit_log WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.#headStmt = this.#db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.#readStmt = this.#db.prepare(`SELECT ${columns} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`);
    const insertOne = this.#db.prepare(`INSERT INTO audit_log (${columns}, order_id) VALUES ${ROW}`);
    const insertMany = this.#db.prepare(
      `INSERT INTO audit_log (${columns}, order_id) VALUES ${Array(MULTI_ROW).fill(ROW).join(', ')}`,
    );
    const manyParams: unknown[] = new Array(MULTI_ROW * WIDTH);
    const oneParams: unknown[] = new Array(WIDTH);
    const tx = this.#db.transaction((batch: readonly PendingRecord[]) => {
      const existing = new Map(
        this.#byIds.all(JSON.stringify(batch.map((p) => p.id))).map((row) => [row.id, toRecord(row)]),
      );
      const sealed = sealBatch(this.#readHead(), batch, (id) => existing.get(id));
      const { fresh, payloadJson } = sealed;
      const n = fresh.length;
      let i = 0;
      for (; i + MULTI_ROW <= n; i += MULTI_ROW) {
        for (let j = 0; j < MULTI_ROW; j++) {
          putRow(manyParams, j * WIDTH, fresh[i + j] as AuditRecord, payloadJson[i + j]);
        }
        insertMany.run(manyParams);
      }
      for (; i < n; i++) {
        putRow(oneParams, 0, fresh[i] as AuditRecord, payloadJson[i]);
        insertOne.run(oneParams);
      }
      return sealed.results;
    });
    this.#appendTx = (batch) => tx.immediate(batch);
  }

  #migrate(): void {
    const migrate = this.#db.transaction(() => {
      const version = this.#db.pragma('user_version', { simple: true }) as number;
      for (let v = version; v < sqliteMigrations.length; v++) {
        this.#db.exec(sqliteMigrations[v] ?? '');
        this.#db.pragma(`user_version = ${v + 1}`);
      }
    });
    migrate.immediate();
  }

  #readHead(): ChainAnchor {
    const row = this.#headStmt.get();
    return row === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: row.seq, hash: row.hash };
  }

  /**
   * Appends a batch in one durable transaction.
   *
   * @param batch - pending records
   * @returns one result per pending record
   */
  async append(batch: readonly PendingRecord[]): Promise<AppendResult[]> {
    if (batch.length === 0) return [];
    try {
      return this.#appendTx(batch);
    } catch (error) {
      throw wrap('append', this.#path, error);
    }
  }

  /** @returns the last record's sequence number and hash */
  async head(): Promise<ChainAnchor> {
    return this.#readHead();
  }

  /**
   * @param afterSeq - return records with a greater sequence number
   * @param limit - at most this many
   * @returns records in sequence order
   */
  async read(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    return this.#readStmt.all(afterSeq, limit).map(toRecord);
  }

  /**
   * @param query - filters and paging
   * @returns one page of matching records
   */
  async query(query: AuditQuery): Promise<AuditPage> {
    const q = normalizeQuery(query);
    const where: string[] = ['seq > ?'];
    const params: (string | number)[] = [q.afterSeq];
    if (q.fromTs !== undefined) {
      where.push('ts >= ?');
      params.push(q.fromTs);
    }
    if (q.toTs !== undefined) {
      where.push('ts < ?');
      params.push(q.toTs);
    }
    if (q.kinds !== undefined) {
      where.push(q.kinds.length === 0 ? '0' : `kind IN (${q.kinds.map(() => '?').join(', ')})`);
      params.push(...q.kinds);
    }
    for (const [column, value] of [
      ['actor', q.actor],
      ['order_id', q.orderId],
      ['tenant', q.tenant],
    ] as const) {
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    const rows = this.#db
      .prepare<(string | number)[], Row>(
        `SELECT ${columns} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`,
      )
      .all(...params, q.limit + 1);
    const records = rows.slice(0, q.limit).map(toRecord);
    const last = records[records.length - 1];
    return { records, nextAfterSeq: rows.length > q.limit && last !== undefined ? last.seq : null };
  }

  /**
   * Removes archived records with `seq <= throughSeq`, recording the prune (sequence number, hash, time)
   * in the append-only `audit_prune` table; the delete trigger allows nothing else.
   *
   * @param throughSeq - last archived sequence number
   * @param at - time of the prune, ms UTC
   * @returns the number of records removed
   */
  async prune(throughSeq: number, at: number): Promise<number> {
    const tx = this.#db.transaction(() => {
      const row = this.#db
        .prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?')
        .get(throughSeq);
      if (row === undefined) {
        throw new AuditValidationError(`field "throughSeq" must name a stored record (got ${throughSeq})`);
      }
      this.#db
        .prepare('INSERT INTO audit_prune (through_seq, hash, pruned_at) VALUES (?, ?, ?)')
        .run(throughSeq, row.hash, at);
      return this.#db.prepare('DELETE FROM audit_log WHERE seq <= ?').run(throughSeq).changes;
    });
    try {
      return tx.immediate();
    } catch (error) {
      if (error instanceof AuditValidationError) throw error;
      throw wrap('prune', this.#path, error);
    }
  }

  /**
   * @internal Checks the stored chain after `start` by hashing the stored bytes, in worker threads when the
   * log is large; used by `verifySink`, which re-checks the record it stops at with `ChainVerifier`.
   */
  [SCAN_CHAIN](start: ChainAnchor, checkpoints: ReadonlyMap<number, string>): Promise<ChainScan> {
    return scanChain(this.#scan, start, this.#readHead().seq, checkpoints);
  }

  /** Closes the database. */
  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
