import { canonicalPayload } from '../record/canonical.js';
import { type AuditRecord, hashRecord } from '../record/record.js';
import type { ChainAnchor } from '../verify/verify.js';
import type { AppendResult, PendingRecord } from './types.js';

/** @internal Result of chaining a batch onto a head. */
export interface SealedBatch {
  /** One result per pending record, in input order. */
  readonly results: AppendResult[];
  /** The new records to store, in sequence order. */
  readonly fresh: AuditRecord[];
  /** The canonical payload JSON of each fresh record (same order). */
  readonly payloadJson: string[];
  /** The head after the batch. */
  readonly head: ChainAnchor;
}

/**
 * @internal Chains pending records onto `head`, skipping ids already stored (`existing`) or repeated
 * earlier in the same batch. Shared by every sink so the hashing rule lives in one place.
 */
export function sealBatch(
  head: ChainAnchor,
  batch: readonly PendingRecord[],
  existing: (id: string) => AuditRecord | undefined,
): SealedBatch {
  const results: AppendResult[] = [];
  const fresh: AuditRecord[] = [];
  const payloadJson: string[] = [];
  const inBatch = new Map<string, AuditRecord>();
  let seq = head.seq;
  let prevHash = head.hash;
  for (const pending of batch) {
    const earlier = inBatch.get(pending.id) ?? existing(pending.id);
    if (earlier !== undefined) {
      results.push({ record: earlier, duplicate: true });
      continue;
    }
    seq++;
    const json = canonicalPayload(pending.payload);
    const unsealed = {
      seq,
      id: pending.id,
      ts: pending.ts,
      actor: pending.actor,
      kind: pending.kind,
      tenant: pending.tenant,
      payload: pending.payload,
      prevHash,
    };
    const record: AuditRecord = { ...unsealed, hash: hashRecord(unsealed, json) };
    prevHash = record.hash;
    inBatch.set(record.id, record);
    fresh.push(record);
    payloadJson.push(json);
    results.push({ record, duplicate: false });
  }
  return { results, fresh, payloadJson, head: { seq, hash: prevHash } };
}
