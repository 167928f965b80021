import type { JsonValue } from '../events/json.js';
import type { AuditEventKind } from '../events/kinds.js';
import type { AuditRecord } from '../record/record.js';
import type { ChainAnchor } from '../verify/verify.js';

/** A validated, redacted, timestamped event that a sink chains and stores. */
export interface PendingRecord {
  /** Event id (idempotency key). */
  readonly id: string;
  /** Timestamp from the injected clock, ms UTC. */
  readonly ts: number;
  /** Who caused the event. */
  readonly actor: string;
  /** Event kind. */
  readonly kind: AuditEventKind;
  /** Owning tenant, or null. */
  readonly tenant: string | null;
  /** Redacted payload. */
  readonly payload: { readonly [key: string]: JsonValue };
}

/** What a sink did with one pending record. */
export interface AppendResult {
  /** The stored record (the earlier one when `duplicate`). */
  readonly record: AuditRecord;
  /** True when a record with the same id already existed and nothing new was stored. */
  readonly duplicate: boolean;
}

/** A query over the log; every given filter must match. Results come in sequence order. */
export interface AuditQuery {
  /** Only records with `ts >= fromTs` (ms UTC). */
  readonly fromTs?: number;
  /** Only records with `ts < toTs` (ms UTC). */
  readonly toTs?: number;
  /** Only these kinds. */
  readonly kinds?: readonly AuditEventKind[];
  /** Only this actor. */
  readonly actor?: string;
  /** Only records whose payload has this `orderId`. */
  readonly orderId?: string;
  /** Only this tenant. */
  readonly tenant?: string;
  /** Paging cursor: only records with `seq > afterSeq` (use the previous page's `nextAfterSeq`). */
  readonly afterSeq?: number;
  /** Page size, 1..10000; default 100. */
  readonly limit?: number;
}

/** One page of query results. */
export interface AuditPage {
  /** Matching records in sequence order. */
  readonly records: readonly AuditRecord[];
  /** Cursor for the next page, or null when this was the last one. */
  readonly nextAfterSeq: number | null;
}

/**
 * Storage behind an audit log. Implementations: `JsonlSink` (files), `SqliteSink` (`@rrr/audit/sqlite`)
 * and `PostgresSink` (`@rrr/audit/postgres`); all pass the same contract suite.
 *
 * There is no update or delete: the log is append-only.
 */
export interface AuditSink {
  /**
   * Chains and stores a batch atomically: assigns the next sequence numbers and hashes, skips ids that
   * already exist, and resolves only once the batch is durable. On failure nothing of the batch remains.
   */
  append(batch: readonly PendingRecord[]): Promise<AppendResult[]>;
  /** The last stored record's sequence number and hash (`{ seq: 0, hash: GENESIS_HASH }` when empty). */
  head(): Promise<ChainAnchor>;
  /** Up to `limit` records with `seq > afterSeq`, in sequence order (for verification and export). */
  read(afterSeq: number, limit: number): Promise<AuditRecord[]>;
  /** Records matching a query, paged by sequence number. */
  query(query: AuditQuery): Promise<AuditPage>;
  /** Releases files or connections. */
  close(): Promise<void>;
}

/**
 * A sink that can remove its oldest records once they are archived (retention). Used by `archiveLog`;
 * the removal itself is recorded by the sink, and SQLite's triggers refuse any other deletion.
 */
export interface PrunableSink extends AuditSink {
  /**
   * Removes records with `seq <= throughSeq` (a sink may keep some of them, e.g. a file sink removes
   * whole segment files only).
   *
   * @returns the number of records removed
   */
  prune(throughSeq: number, at: number): Promise<number>;
}
