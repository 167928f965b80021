import { payloadJsonOf, type TaggedPending } from '../record/payload-json.js';
import { type AuditRecord, jsonItem, recordHeadJson, sha256Hex } from '../record/record.js';
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
 * earlier in the same batch. Shared by every sink so the hashing rule lives in one place; the hash is
 * the one `hashRecord` computes, without building an intermediate record per event.
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
  // Every hash after the first is one computed here (lowercase hex): its JSON is just the quoted text.
  let prevJson = jsonItem(prevHash);
  for (const pending of batch as readonly TaggedPending[]) {
    const earlier = inBatch.get(pending.id) ?? existing(pending.id);
    if (earlier !== undefined) {
      results.push({ record: earlier, duplicate: true });
      continue;
    }
    seq++;
    const json = payloadJsonOf(pending);
    const { id, ts, actor, kind, tenant, payload } = pending;
    const hash = sha256Hex(`${recordHeadJson(seq, id, ts, actor, kind, tenant, prevJson)}\n${json}`);
    const record: AuditRecord = { seq, id, ts, actor, kind, tenant, payload, prevHash, hash };
    prevHash = hash;
    prevJson = `"${hash}"`;
    inBatch.set(id, record);
    fresh.push(record);
    payloadJson.push(json);
    results.push({ record, duplicate: false });
  }
  return { results, fresh, payloadJson, head: { seq, hash: prevHash } };
}
