import pg from 'pg';
import { AuditCorruptionError, AuditSinkError, AuditValidationError } from '../errors.js';
import { type AuditRecord, GENESIS_HASH, storedRecordSchema } from '../record/record.js';
import { normalizeQuery, orderIdOf } from '../sink/query.js';
import { sealBatch } from '../sink/seal.js';
import type { AppendResult, AuditPage, AuditQuery, PendingRecord, PrunableSink } from '../sink/types.js';
import type { ChainAnchor } from '../verify/verify.js';
import { postgresMigrations } from './migrations.js';

/** Options of {@link PostgresSink.open}. */
export interface PostgresSinkOptions {
  /** A `pg` connection string; the sink creates and later ends its own pool. */
  readonly connectionString?: string;
  /** An existing `pg.Pool` to use instead (not ended by `close()`). */
  readonly pool?: pg.Pool;
  /** Apply pending migrations on open (needs owner rights); default true. Use false for the writer role. */
  readonly migrate?: boolean;
}

/** Advisory lock key serializing appends (and migrations) across all processes: "rrr_audit" as bigint. */
const LOCK_KEY = '7239381623011447156';

const columns = 'seq, id, ts, actor, kind, tenant, payload, prev_hash, hash';

interface Row {
  seq: string;
  id: string;
  ts: string;
  actor: string;
  kind: string;
  tenant: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

function toRecord(row: Row): AuditRecord {
  const parsed = storedRecordSchema.safeParse({
    seq: Number(row.seq),
    id: row.id,
    ts: Number(row.ts),
    actor: row.actor,
    kind: row.kind,
    tenant: row.tenant,
    payload: JSON.parse(row.payload),
    prevHash: row.prev_hash,
    hash: row.hash,
  });
  if (!parsed.success) {
    throw new AuditCorruptionError(
      `rrr_audit.audit_log row seq ${row.seq} is not a valid record: ${parsed.error.message}`,
    );
  }
  return parsed.data as AuditRecord;
}

function wrap(action: string, error: unknown): AuditSinkError {
  return new AuditSinkError(`PostgreSQL ${action} failed: ${(error as Error).message}`, { cause: error });
}

/**
 * PostgreSQL audit sink (`pg`): each batch is one transaction under an advisory lock, committed with
 * `synchronous_commit = on`, so any number of processes and machines can append to one chain without gaps
 * or duplicates. The shipped migration ({@link postgresMigrations}) makes the table append-only with
 * privileges, triggers and row-level security.
 *
 * @example
 * ```ts
 * import { AuditLog } from '@rrr/audit';
 * import { PostgresSink } from '@rrr/audit/postgres';
 *
 * const sink = await PostgresSink.open({ connectionString: 'postgresql://audit@localhost/app' });
 * const log = new AuditLog({ sink });
 * await log.append({ kind: 'config.changed', actor: 'ops', payload: { key: 'maxLeverage', before: 3, after: 2 } });
 * await log.close();
 * ```
 */
export class PostgresSink implements PrunableSink {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;

  private constructor(pool: pg.Pool, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
  }

  /**
   * Connects, applies pending migrations (unless `migrate: false`) and returns the sink.
   *
   * @param options - connection string or pool, and whether to migrate
   * @returns the open sink
   */
  static async open(options: PostgresSinkOptions): Promise<PostgresSink> {
    const ownsPool = options.pool === undefined;
    const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 4 });
    // An idle pooled connection that the server drops (restart, failover) makes the pool emit 'error'; with no
    // listener that would crash the process. The pool discards the client and the next query reconnects or
    // fails with an error that append() reports, so there is nothing more to do here.
    if (ownsPool) pool.on('error', () => undefined);
    const sink = new PostgresSink(pool, ownsPool);
    try {
      if (options.migrate ?? true) await sink.#migrate();
    } catch (error) {
      if (ownsPool) await pool.end();
      throw wrap('migration', error);
    }
    return sink;
  }

  async #migrate(): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
      await client.query('CREATE SCHEMA IF NOT EXISTS rrr_audit');
      await client.query(
        'CREATE TABLE IF NOT EXISTS rrr_audit.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>(
        'SELECT version FROM rrr_audit.schema_migrations',
      );
      const applied = new Set(rows.map((r) => r.version));
      for (const migration of postgresMigrations) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO rrr_audit.schema_migrations (version) VALUES ($1)', [
          migration.version,
        ]);
      }
    });
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Appends a batch in one transaction; resolves after the commit is flushed to the server's WAL.
   *
   * @param batch - pending records
   * @returns one result per pending record
   */
  async append(batch: readonly PendingRecord[]): Promise<AppendResult[]> {
    if (batch.length === 0) return [];
    try {
      return await this.#transaction(async (client) => {
        await client.query('SET LOCAL synchronous_commit = on');
        await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
        const head = await client.query<{ seq: string; hash: string }>(
          'SELECT seq, hash FROM rrr_audit.audit_log ORDER BY seq DESC LIMIT 1',
        );
        const top = head.rows[0];
        const anchor =
          top === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: Number(top.seq), hash: top.hash };
        const found = await client.query<Row>(
          `SELECT ${columns} FROM rrr_audit.audit_log WHERE id = ANY($1)`,
          [batch.map((p) => p.id)],
        );
        const existing = new Map(found.rows.map((row) => [row.id, toRecord(row)]));
        const sealed = sealBatch(anchor, batch, (id) => existing.get(id));
        if (sealed.fresh.length > 0) {
          const f = sealed.fresh;
          await client.query(
            `INSERT INTO rrr_audit.audit_log (${columns}, order_id)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                                  $7::text[], $8::text[], $9::text[], $10::text[])`,
            [
              f.map((r) => r.seq),
              f.map((r) => r.id),
              f.map((r) => r.ts),
              f.map((r) => r.actor),
              f.map((r) => r.kind),
              f.map((r) => r.tenant),
              sealed.payloadJson,
              f.map((r) => r.prevHash),
              f.map((r) => r.hash),
              f.map((r) => orderIdOf(r)),
            ],
          );
        }
        return sealed.results;
      });
    } catch (error) {
      throw wrap('append', error);
    }
  }

  /** @returns the last record's sequence number and hash */
  async head(): Promise<ChainAnchor> {
    const { rows } = await this.#pool.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM rrr_audit.audit_log ORDER BY seq DESC LIMIT 1',
    );
    const top = rows[0];
    return top === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: Number(top.seq), hash: top.hash };
  }

  /**
   * @param afterSeq - return records with a greater sequence number
   * @param limit - at most this many
   * @returns records in sequence order
   */
  async read(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const { rows } = await this.#pool.query<Row>(
      `SELECT ${columns} FROM rrr_audit.audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map(toRecord);
  }

  /**
   * @param query - filters and paging
   * @returns one page of matching records
   */
  async query(query: AuditQuery): Promise<AuditPage> {
    const q = normalizeQuery(query);
    const params: unknown[] = [q.afterSeq];
    const where = ['seq > $1'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.fromTs !== undefined) add('ts >= ?', q.fromTs);
    if (q.toTs !== undefined) add('ts < ?', q.toTs);
    if (q.kinds !== undefined) add('kind = ANY(?)', q.kinds);
    if (q.actor !== undefined) add('actor = ?', q.actor);
    if (q.orderId !== undefined) add('order_id = ?', q.orderId);
    if (q.tenant !== undefined) add('tenant = ?', q.tenant);
    params.push(q.limit + 1);
    const { rows } = await this.#pool.query<Row>(
      `SELECT ${columns} FROM rrr_audit.audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    const records = rows.slice(0, q.limit).map(toRecord);
    const last = records[records.length - 1];
    return { records, nextAfterSeq: rows.length > q.limit && last !== undefined ? last.seq : null };
  }

  /**
   * Removes archived records with `seq <= throughSeq`, recording the prune in `rrr_audit.audit_prune`; the
   * delete trigger allows nothing else. Needs the table owner's rights (the writer role has no DELETE).
   *
   * @param throughSeq - last archived sequence number
   * @param at - time of the prune, ms UTC
   * @returns the number of records removed
   */
  async prune(throughSeq: number, at: number): Promise<number> {
    try {
      return await this.#transaction(async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
        const { rows } = await client.query<{ hash: string }>(
          'SELECT hash FROM rrr_audit.audit_log WHERE seq = $1',
          [throughSeq],
        );
        const row = rows[0];
        if (row === undefined) {
          throw new AuditValidationError(`field "throughSeq" must name a stored record (got ${throughSeq})`);
        }
        await client.query(
          'INSERT INTO rrr_audit.audit_prune (through_seq, hash, pruned_at) VALUES ($1, $2, $3)',
          [throughSeq, row.hash, at],
        );
        const deleted = await client.query('DELETE FROM rrr_audit.audit_log WHERE seq <= $1', [throughSeq]);
        return deleted.rowCount ?? 0;
      });
    } catch (error) {
      if (error instanceof AuditValidationError) throw error;
      throw wrap('prune', error);
    }
  }

  /** Ends the pool when the sink created it. */
  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
