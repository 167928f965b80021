import * as nodeCrypto from 'node:crypto';
import { z } from 'zod';
import type { JsonValue } from '../events/json.js';
import { type AuditEventKind, auditEventKindList } from '../events/kinds.js';
import { canonicalJson } from './canonical.js';

/** Version of the hashing rule, part of every hash so that a future format cannot be confused with this one. */
export const RECORD_FORMAT_VERSION = 1;

/** The `prevHash` of the first record of a chain: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One stored audit record. `seq` (1, 2, 3, ...) orders the log, never the wall clock; `hash` is the
 * SHA-256 of the record's fields and `prevHash`, linking each record to the one before it.
 */
export interface AuditRecord {
  /** Sequence number, starting at 1, without gaps. */
  readonly seq: number;
  /** Event id (idempotency key), unique in the log. */
  readonly id: string;
  /** Milliseconds since the Unix epoch (UTC) from the injected clock. */
  readonly ts: number;
  /** Who caused the event. */
  readonly actor: string;
  /** Event kind. */
  readonly kind: AuditEventKind;
  /** Owning tenant, or null. */
  readonly tenant: string | null;
  /** Redacted, validated payload. */
  readonly payload: { readonly [key: string]: JsonValue };
  /** Hash of the previous record, or {@link GENESIS_HASH} for seq 1. */
  readonly prevHash: string;
  /** Lowercase hex SHA-256 of this record (see {@link hashRecord}). */
  readonly hash: string;
}

/** The fields of a record that its hash covers. */
export type UnsealedRecord = Omit<AuditRecord, 'hash'>;

type OneShotHash = (algorithm: string, data: string, outputEncoding: 'hex') => string;
/** `crypto.hash` (Node >= 20.12) skips creating a Hash object per record; older Node falls back to `createHash`. */
const oneShot = (nodeCrypto as { hash?: OneShotHash }).hash;
/** @internal Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export const sha256Hex: (data: string) => string =
  oneShot === undefined
    ? (data) => nodeCrypto.createHash('sha256').update(data).digest('hex')
    : (data) => oneShot('sha256', data, 'hex');

/** JSON text of each event kind (kinds need no escaping), to skip one `JSON.stringify` per record. */
const kindJson = new Map<unknown, string>(auditEventKindList.map((kind) => [kind, `"${kind}"`]));

/** @internal One array element as `JSON.stringify([.., value, ..])` writes it. */
export function jsonItem(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** A number element: for finite numbers `${n}` is exactly what JSON writes, without the call. */
function numberItem(value: unknown): string {
  return Number.isFinite(value) ? `${value as number}` : jsonItem(value);
}

/**
 * @internal The hashed header of a record, equal to
 * `JSON.stringify([RECORD_FORMAT_VERSION, seq, id, ts, actor, kind, tenant, prevHash])` for every input
 * when `prevJson` is `jsonItem(prevHash)`, built with fewer calls. Callers that know `prevHash` is a
 * hash they computed (lowercase hex, nothing to escape) pass `"${prevHash}"` and skip serializing it.
 */
export function recordHeadJson(
  seq: unknown,
  id: unknown,
  ts: unknown,
  actor: unknown,
  kind: unknown,
  tenant: unknown,
  prevJson: string,
): string {
  const kindText = kindJson.get(kind) ?? jsonItem(kind);
  const tenantText = tenant === null ? 'null' : jsonItem(tenant);
  return `[${RECORD_FORMAT_VERSION},${numberItem(seq)},${jsonItem(id)},${numberItem(ts)},${jsonItem(actor)},${kindText},${tenantText},${prevJson}]`;
}

/**
 * Computes a record's hash: SHA-256 over `[version, seq, id, ts, actor, kind, tenant, prevHash]` as JSON,
 * a newline, then the canonical JSON of the payload.
 *
 * @param record - every record field except `hash`
 * @param payloadJson - the payload's canonical JSON when already known (saves re-serializing)
 * @returns lowercase hex SHA-256
 *
 * @example
 * ```ts
 * import { GENESIS_HASH, hashRecord } from '@rrr/audit';
 *
 * const hash = hashRecord({
 *   seq: 1, id: 'e1', ts: 0, actor: 'bot', kind: 'secret.access', tenant: null,
 *   payload: { name: 'BINANCE_KEY' }, prevHash: GENESIS_HASH,
 * });
 * console.log(hash.length); // 64
 * ```
 */
export function hashRecord(record: UnsealedRecord, payloadJson?: string): string {
  const head = recordHeadJson(
    record.seq,
    record.id,
    record.ts,
    record.actor,
    record.kind,
    record.tenant,
    jsonItem(record.prevHash),
  );
  return sha256Hex(`${head}\n${payloadJson ?? canonicalJson(record.payload)}`);
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');

/** @internal Schema of a stored record, used when reading files and rows. */
export const storedRecordSchema = z.object({
  seq: z.number().int().positive(),
  id: z.string().min(1),
  ts: z.number().int(),
  actor: z.string().min(1),
  kind: z.enum(auditEventKindList as [AuditEventKind, ...AuditEventKind[]]),
  tenant: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: hex64,
  hash: hex64,
});
