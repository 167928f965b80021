import { randomUUID } from 'node:crypto';
import { type Clock, type Redactor, systemClock } from '../clock.js';
import { AuditUnhealthyError, AuditValidationError, isAuditError } from '../errors.js';
import { type AuditEventInput, parseEvent } from '../events/event.js';
import type { JsonValue } from '../events/json.js';
import { canonicalJson } from '../record/canonical.js';
import { PAYLOAD_JSON, type TaggedPending } from '../record/payload-json.js';
import type { AuditRecord } from '../record/record.js';
import { isChainScanner, SCAN_CHAIN } from '../sink/chain-scan.js';
import type { AppendResult, AuditPage, AuditQuery, AuditSink, PendingRecord } from '../sink/types.js';
import {
  advanceVerifier,
  type ChainAnchor,
  ChainVerifier,
  type VerifyOptions,
  type VerifyResult,
  verifierState,
} from '../verify/verify.js';

/** Options of {@link AuditLog}. */
export interface AuditLogOptions {
  /** Where records are stored. */
  readonly sink: AuditSink;
  /** Source of record timestamps; default the wall clock. */
  readonly clock?: Clock;
  /** Applied to every payload before it is stored; default: none (payload stored as validated). */
  readonly redactor?: Redactor;
  /** Most records committed together in one group commit; default 1000. */
  readonly maxBatchSize?: number;
  /** Generates ids for events that have none; default `crypto.randomUUID`. */
  readonly newId?: () => string;
}

/** Whether the log accepts appends, and why not. */
export type AuditHealth =
  | {
      /** Appends are accepted. */
      readonly healthy: true;
    }
  | {
      /** Appends are refused until the log is reopened. */
      readonly healthy: false;
      /** The failure that made the log unhealthy. */
      readonly reason: string;
    };

interface Waiter {
  readonly pending: PendingRecord;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The audit log: validates and redacts events, stamps them with the injected clock, and appends them
 * to a sink with group commit (appends arriving while a commit is in flight share the next one).
 * `append()` resolves only after the record is durable. There is no update and no delete.
 *
 * After a failed write the log reports unhealthy and refuses further appends; nothing of the failed
 * batch is stored.
 *
 * @example
 * ```ts
 * import { AuditLog, JsonlSink } from '@rrr/audit';
 *
 * const sink = await JsonlSink.open({ directory: './audit' });
 * const log = new AuditLog({ sink, clock: { now: () => Date.UTC(2024, 0, 1) } });
 * const { record } = await log.append({
 *   id: 'fill-42',
 *   kind: 'order.filled',
 *   actor: 'paper-bot',
 *   payload: { orderId: 'o-42', quantity: '0.5', price: '42000.1', partial: false },
 * });
 * console.log(record.seq, record.hash);
 * console.log((await log.verify()).ok); // true
 * await log.close();
 * ```
 */
export class AuditLog {
  readonly #sink: AuditSink;
  readonly #clock: Clock;
  readonly #redactor: Redactor | undefined;
  readonly #maxBatch: number;
  readonly #newId: () => string;
  #queue: Waiter[] = [];
  #flushing: Promise<void> | undefined;
  #failure: Error | undefined;
  #closed = false;

  /** @param options - sink, clock, redactor and batching */
  constructor(options: AuditLogOptions) {
    const max = options.maxBatchSize ?? 1000;
    if (!Number.isInteger(max) || max < 1) {
      throw new AuditValidationError(`field "maxBatchSize" must be an integer >= 1 (got ${max})`);
    }
    this.#sink = options.sink;
    this.#clock = options.clock ?? systemClock;
    this.#redactor = options.redactor;
    this.#maxBatch = max;
    this.#newId = options.newId ?? randomUUID;
  }

  /** Whether appends are accepted. */
  get health(): AuditHealth {
    return this.#failure === undefined
      ? { healthy: true }
      : { healthy: false, reason: this.#failure.message };
  }

  /**
   * Validates, redacts, timestamps and durably appends one event. Appending an id that is already stored
   * stores nothing and resolves with the earlier record (`duplicate: true`).
   *
   * @param event - the event; its payload is validated against the kind's schema
   * @returns the stored record once it is durable
   */
  append(event: AuditEventInput): Promise<AppendResult> {
    let pending: PendingRecord;
    try {
      if (this.#closed) throw new AuditUnhealthyError('audit log is closed');
      this.#assertHealthy();
      pending = this.#prepare(event);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.#queue.push({ pending, resolve, reject });
      if (this.#flushing === undefined) this.#flushing = this.#drain();
    });
  }

  #assertHealthy(): void {
    if (this.#failure !== undefined) {
      throw new AuditUnhealthyError(`audit log is unhealthy after a failed write: ${this.#failure.message}`, {
        cause: this.#failure,
      });
    }
  }

  #prepare(event: AuditEventInput): TaggedPending {
    const valid = parseEvent(event);
    const redacted = this.#redactor === undefined ? valid.payload : this.#redactor(valid.payload);
    if (typeof redacted !== 'object' || redacted === null || Array.isArray(redacted)) {
      throw new AuditValidationError(
        `field "payload" must still be an object after redaction (got ${typeof redacted})`,
      );
    }
    const payloadJson = canonicalJson(redacted);
    const ts = this.#clock.now();
    if (!Number.isSafeInteger(ts)) {
      throw new AuditValidationError(`field "clock.now()" must return integer ms UTC (got ${ts})`);
    }
    return {
      id: valid.id ?? this.#newId(),
      ts,
      actor: valid.actor,
      kind: valid.kind,
      tenant: valid.tenant,
      payload: redacted as { [key: string]: JsonValue },
      [PAYLOAD_JSON]: payloadJson,
    };
  }

  async #drain(): Promise<void> {
    // Yield once so that appends issued in the same tick join the first commit.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      try {
        const results = await this.#sink.append(batch.map((w) => w.pending));
        batch.forEach((w, i) => {
          const result = results[i];
          if (result === undefined)
            w.reject(new AuditUnhealthyError('sink returned fewer results than records'));
          else w.resolve(result);
        });
      } catch (error) {
        this.#failure = error instanceof Error ? error : new Error(String(error));
        for (const w of batch) w.reject(error);
        const rest = this.#queue;
        this.#queue = [];
        for (const w of rest) {
          w.reject(
            isAuditError(error)
              ? new AuditUnhealthyError(
                  `audit log is unhealthy after a failed write: ${this.#failure.message}`,
                  {
                    cause: error,
                  },
                )
              : error,
          );
        }
      }
    }
    this.#flushing = undefined;
  }

  /** @returns the last stored record's sequence number and hash */
  head(): Promise<ChainAnchor> {
    return this.#sink.head();
  }

  /**
   * Queries stored records by time range, kind, actor, order id and tenant, with paging.
   *
   * @param query - filters and paging cursor
   * @returns one page of records
   */
  query(query: AuditQuery): Promise<AuditPage> {
    return this.#sink.query(query);
  }

  /**
   * Verifies the whole stored chain page by page (hashes, links, sequence numbers, checkpoints).
   *
   * @param options - start anchor (when older records were archived) and trusted checkpoints
   * @returns the verification decision with the first bad sequence number
   */
  verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    return verifySink(this.#sink, options);
  }

  /** Waits for pending appends, then closes the sink. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#flushing !== undefined) await this.#flushing;
    await this.#sink.close();
  }
}

/**
 * Verifies every record stored in a sink, reading it in pages of 10,000. A `SqliteSink` checks its stored
 * bytes itself (in worker threads on a large log) and hands the first record that does not pass to the same
 * {@link ChainVerifier}, so the decision is the one page-by-page verification gives.
 *
 * @param sink - the sink to read
 * @param options - start anchor and trusted checkpoints
 * @returns the verification decision
 *
 * @example
 * ```ts
 * import { JsonlSink, verifySink } from '@rrr/audit';
 *
 * const sink = await JsonlSink.open({ directory: './audit' });
 * const result = await verifySink(sink);
 * if (!result.ok) console.error(result.firstBadSeq, result.reason);
 * await sink.close();
 * ```
 */
export async function verifySink(sink: AuditSink, options: VerifyOptions = {}): Promise<VerifyResult> {
  const verifier = new ChainVerifier(options);
  await pushSink(verifier, sink, options.anchor?.seq ?? 0);
  return verifier.finish();
}

/** Records per `read` page when verifying through the generic path. */
const PAGE = 10_000;

/** @internal Feeds every record of a sink with `seq > after` to a verifier, page by page, until it fails. */
export async function pushSink(verifier: ChainVerifier, sink: AuditSink, after: number): Promise<void> {
  let cursor = after;
  for (;;) {
    cursor = await skipScanned(verifier, sink, cursor);
    const page: AuditRecord[] = await sink.read(cursor, PAGE);
    for (const record of page) {
      if (!verifier.push(record)) return;
    }
    const last = page[page.length - 1];
    if (last === undefined) return;
    cursor = last.seq;
  }
}

/**
 * Lets a sink with its own chain check (SQLite) verify what it can; returns the cursor after the records
 * it passed. The record it stopped at, if any, goes through `ChainVerifier.push` like every record of a
 * sink without one, so the decision (code, first bad sequence number, reason) is the same.
 */
async function skipScanned(verifier: ChainVerifier, sink: AuditSink, cursor: number): Promise<number> {
  if (!isChainScanner(sink)) return cursor;
  const state = verifierState(verifier);
  if (state.failed || state.last.seq !== cursor) return cursor;
  const scan = await sink[SCAN_CHAIN](state.last, state.checkpoints);
  advanceVerifier(verifier, scan.last, scan.count);
  return scan.last.seq;
}
