import type { PendingRecord } from '../sink/types.js';
import { canonicalJson } from './canonical.js';

/**
 * @internal Key under which `AuditLog` attaches a pending record's canonical payload text, computed once
 * when the event is validated, so the sink hashes and stores it without serializing the payload again.
 * `Symbol.for`, because the sinks may be loaded from another bundle of this package (the CJS subpath entries).
 */
export const PAYLOAD_JSON: unique symbol = Symbol.for('@rrr/audit/payload-json');

/** @internal A pending record that may carry its canonical payload text. */
export type TaggedPending = PendingRecord & { readonly [PAYLOAD_JSON]?: string };

/**
 * @internal The canonical payload text of a pending record: the attached text when `AuditLog` built it,
 * otherwise serialized now (pending records built by other callers). Payloads are treated as immutable
 * once appended.
 */
export function payloadJsonOf(pending: TaggedPending): string {
  return pending[PAYLOAD_JSON] ?? canonicalJson(pending.payload);
}
