import { canonicalJson } from '../record/canonical.js';
import { type AuditRecord, GENESIS_HASH, jsonItem, recordHeadJson, sha256Hex } from '../record/record.js';

/** A trusted point in a chain: the record with sequence number `seq` has hash `hash`. */
export interface ChainAnchor {
  /** Sequence number (0 with {@link GENESIS_HASH} means "before the first record"). */
  readonly seq: number;
  /** Hash of that record. */
  readonly hash: string;
}

/** Why verification failed, as a constant object; {@link VerifyFailureCode} is the derived union. */
export const VERIFY_FAILURE_CODES = {
  /** A record's content does not match its hash: it was modified. */
  hashMismatch: 'hash_mismatch',
  /** A record's `prevHash` is not the hash of the record before it: something was inserted, removed or rewritten. */
  brokenLink: 'broken_link',
  /** A sequence number is missing: a record was deleted (or records were reordered). */
  sequenceGap: 'sequence_gap',
  /** A sequence number repeats or goes backwards: a record was inserted or reordered. */
  sequenceOutOfOrder: 'sequence_out_of_order',
  /** A checkpoint's record has a different hash: the log was rewritten. */
  checkpointMismatch: 'checkpoint_mismatch',
  /** The log ends before a checkpoint's record: it was truncated. */
  truncated: 'truncated',
} as const;

/** One verification failure code. */
export type VerifyFailureCode = (typeof VERIFY_FAILURE_CODES)[keyof typeof VERIFY_FAILURE_CODES];

/** Outcome of verifying a chain: a decision value, not an exception. */
export type VerifyResult =
  | {
      /** The chain is intact. */
      readonly ok: true;
      /** Number of records checked. */
      readonly count: number;
      /** The last record checked (or the start anchor when there were none). */
      readonly head: ChainAnchor;
    }
  | {
      /** Tampering or damage was found. */
      readonly ok: false;
      /** Number of records that verified before the failure. */
      readonly count: number;
      /** The first sequence number that cannot be trusted; every record before it verified. */
      readonly firstBadSeq: number;
      /** What kind of failure. */
      readonly code: VerifyFailureCode;
      /** Human-readable explanation naming the sequence numbers and hashes involved. */
      readonly reason: string;
    };

/** Options of {@link verifyRecords} and {@link ChainVerifier}. */
export interface VerifyOptions {
  /** Where the records continue from; default `{ seq: 0, hash: GENESIS_HASH }` (a complete log). */
  readonly anchor?: ChainAnchor;
  /** Trusted checkpoints (e.g. signature-checked with `verifyCheckpoint`); each must match, none may lie beyond the end. */
  readonly checkpoints?: readonly ChainAnchor[];
}

type Failure = Extract<VerifyResult, { ok: false }>;

/** @internal Where a verifier stands: its last verified record, its checkpoints, whether it failed. */
export interface VerifierState {
  readonly last: ChainAnchor;
  readonly failed: boolean;
  readonly checkpoints: ReadonlyMap<number, string>;
}

let stateOf: (verifier: ChainVerifier) => VerifierState;
let advance: (verifier: ChainVerifier, last: ChainAnchor, count: number) => void;

/**
 * Incremental chain verifier: feed records in order with {@link ChainVerifier.push}, then call
 * {@link ChainVerifier.finish}. Lets a caller verify a log page by page without holding it in memory.
 *
 * @example
 * ```ts
 * import { ChainVerifier } from '@rrr/audit';
 *
 * const verifier = new ChainVerifier();
 * const result = verifier.finish();
 * console.log(result.ok, result.count); // true 0
 * ```
 */
export class ChainVerifier {
  #last: ChainAnchor;
  /** Whether `#last.hash` is lowercase hex, so a `prevHash` equal to it is serialized as plain quoted text. */
  #lastIsHex: boolean;
  #count = 0;
  #failure: Failure | undefined;
  readonly #checkpoints: Map<number, string>;
  readonly #maxCheckpoint: ChainAnchor | undefined;

  /** @param options - start anchor and trusted checkpoints */
  constructor(options: VerifyOptions = {}) {
    this.#last = options.anchor ?? { seq: 0, hash: GENESIS_HASH };
    this.#lastIsHex = typeof this.#last.hash === 'string' && /^[0-9a-f]{64}$/.test(this.#last.hash);
    this.#checkpoints = new Map();
    let max: ChainAnchor | undefined;
    for (const checkpoint of options.checkpoints ?? []) {
      this.#checkpoints.set(checkpoint.seq, checkpoint.hash);
      if (max === undefined || checkpoint.seq > max.seq) max = checkpoint;
    }
    this.#maxCheckpoint = max;
  }

  /**
   * Checks the next record. Returns false once a failure was found (later records are ignored).
   *
   * @param record - the next record in storage order
   * @returns whether the chain is still intact
   */
  push(record: AuditRecord): boolean {
    if (this.#failure !== undefined) return false;
    const expected = this.#last.seq + 1;
    if (record.seq !== expected) {
      const gap = record.seq > expected;
      return this.#fail(
        expected,
        gap ? VERIFY_FAILURE_CODES.sequenceGap : VERIFY_FAILURE_CODES.sequenceOutOfOrder,
        gap
          ? `record ${expected} is missing: seq ${this.#last.seq} is followed by seq ${record.seq}`
          : `seq ${record.seq} follows seq ${this.#last.seq}; expected ${expected}`,
      );
    }
    // hashRecord(record), with the previous hash's JSON known when it links (the usual case).
    const prevJson =
      this.#lastIsHex && record.prevHash === this.#last.hash
        ? `"${record.prevHash}"`
        : jsonItem(record.prevHash);
    const head = recordHeadJson(
      record.seq,
      record.id,
      record.ts,
      record.actor,
      record.kind,
      record.tenant,
      prevJson,
    );
    const actual = sha256Hex(`${head}\n${canonicalJson(record.payload)}`);
    if (actual !== record.hash) {
      return this.#fail(
        record.seq,
        VERIFY_FAILURE_CODES.hashMismatch,
        `record ${record.seq} (id "${record.id}") hashes to ${actual}, not its stored hash ${record.hash}`,
      );
    }
    if (record.prevHash !== this.#last.hash) {
      return this.#fail(
        record.seq,
        VERIFY_FAILURE_CODES.brokenLink,
        `record ${record.seq} has prevHash ${record.prevHash} but record ${this.#last.seq} has hash ${this.#last.hash}`,
      );
    }
    const pinned = this.#checkpoints.get(record.seq);
    if (pinned !== undefined && pinned !== record.hash) {
      return this.#fail(
        record.seq,
        VERIFY_FAILURE_CODES.checkpointMismatch,
        `record ${record.seq} has hash ${record.hash} but the checkpoint says ${pinned}`,
      );
    }
    this.#last = { seq: record.seq, hash: record.hash };
    this.#lastIsHex = true; // it equals a hash computed above
    this.#count++;
    return true;
  }

  /**
   * Ends verification and returns the decision.
   *
   * @returns the verification result
   */
  finish(): VerifyResult {
    if (this.#failure !== undefined) return this.#failure;
    const max = this.#maxCheckpoint;
    if (max !== undefined && max.seq > this.#last.seq) {
      return {
        ok: false,
        count: this.#count,
        firstBadSeq: this.#last.seq + 1,
        code: VERIFY_FAILURE_CODES.truncated,
        reason: `the log ends at seq ${this.#last.seq} but a checkpoint covers seq ${max.seq}: records were removed from the end`,
      };
    }
    return { ok: true, count: this.#count, head: this.#last };
  }

  #fail(firstBadSeq: number, code: VerifyFailureCode, reason: string): false {
    this.#failure = { ok: false, count: this.#count, firstBadSeq, code, reason };
    return false;
  }

  static {
    stateOf = (verifier) => ({
      last: verifier.#last,
      failed: verifier.#failure !== undefined,
      checkpoints: verifier.#checkpoints,
    });
    advance = (verifier, last, count) => {
      if (count > 0) verifier.#lastIsHex = true; // a passing record's hash equals a computed one
      verifier.#last = last;
      verifier.#count += count;
    };
  }
}

/** @internal The state of a verifier, for a sink that checks a stretch of its chain by itself. */
export function verifierState(verifier: ChainVerifier): VerifierState {
  return stateOf(verifier);
}

/**
 * @internal Records that `count` records after the verifier's last one were checked by a sink with exactly
 * the rules of {@link ChainVerifier.push} (sequence, hash, link, checkpoint) and passed; `last` is the last.
 */
export function advanceVerifier(verifier: ChainVerifier, last: ChainAnchor, count: number): void {
  advance(verifier, last, count);
}

/**
 * Verifies a chain of records: sequence numbers without gaps, every hash, every link, and optional
 * checkpoints. Reports the first sequence number that cannot be trusted.
 *
 * @param records - records in storage order
 * @param options - start anchor (for a log continuing an archive) and trusted checkpoints
 * @returns `{ ok: true, count, head }` or `{ ok: false, firstBadSeq, code, reason, count }`
 *
 * @example
 * ```ts
 * import { verifyRecords } from '@rrr/audit';
 *
 * const result = verifyRecords([]);
 * if (!result.ok) console.error(`tampered from seq ${result.firstBadSeq}: ${result.reason}`);
 * ```
 */
export function verifyRecords(records: Iterable<AuditRecord>, options: VerifyOptions = {}): VerifyResult {
  const verifier = new ChainVerifier(options);
  for (const record of records) {
    if (!verifier.push(record)) break;
  }
  return verifier.finish();
}
