import Database from 'better-sqlite3';
import { AuditCorruptionError, AuditSinkError, AuditValidationError } from '../errors.js';
import { type AuditRecord, GENESIS_HASH, storedRecordSchema } from '../record/record.js';
import { normalizeQuery, orderIdOf } from '../sink/query.js';
import { sealBatch } from '../sink/seal.js';
import type { AppendResult, AuditPage, AuditQuery, PendingRecord, PrunableSink } from '../sink/types.js';
import type { ChainAnchor } from '../verify/verify.js';
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
/** Rows per multi-row INSERT (10 parameters each, well under SQLite's parameter limit). */
const MULTI_ROW = 50;

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
 * duplicates. Triggers reject UPDATE and DELETE.
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
  readonly #appendTx: (batch: readonly PendingRecord[]) => AppendResult[];
  readonly #byIds: Database.Statement<[string], Row>;
  readonly #headStmt: Database.Statement<[], { seq: number; hash: string }>;
  readonly #readStmt: Database.Statement<[number, number], Row>;

  /** @param options - database path and lock timeout */
  constructor(options: SqliteSinkOptions) {
    this.#path = options.path;
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
    this.#byIds = this.#db.prepare(
      `SELECT ${columns} FROM audit_log WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.#headStmt = this.#db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.#readStmt = this.#db.prepare(`SELECT ${columns} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`);
    const insertOne = this.#db.prepare(`INSERT INTO audit_log (${columns}, order_id) VALUES ${ROW}`);
    const insertMany = this.#db.prepare(
      `INSERT INTO audit_log (${columns}, order_id) VALUES ${Array(MULTI_ROW).fill(ROW).join(', ')}`,
    );
    const tx = this.#db.transaction((batch: readonly PendingRecord[]) => {
      const existing = new Map(
        this.#byIds.all(JSON.stringify(batch.map((p) => p.id))).map((row) => [row.id, toRecord(row)]),
      );
      const sealed = sealBatch(this.#readHead(), batch, (id) => existing.get(id));
      const values = (i: number): unknown[] => {
        const r = sealed.fresh[i] as AuditRecord;
        return [
          r.seq,
          r.id,
          r.ts,
          r.actor,
          r.kind,
          r.tenant,
          sealed.payloadJson[i],
          r.prevHash,
          r.hash,
          orderIdOf(r),
        ];
      };
      const n = sealed.fresh.length;
      let i = 0;
      for (; i + MULTI_ROW <= n; i += MULTI_ROW) {
        const params: unknown[] = [];
        for (let j = i; j < i + MULTI_ROW; j++) params.push(...values(j));
        insertMany.run(params);
      }
      for (; i < n; i++) insertOne.run(values(i));
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

  /** Closes the database. */
  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
