/**
 * Tamper-evident, crash-safe append-only audit log with SQLite, PostgreSQL and JSONL sinks.
 *
 * @packageDocumentation
 */

export {
  type CheckpointDecision,
  createCheckpoint,
  type SignedCheckpoint,
  verifyCheckpoint,
} from './checkpoint/checkpoint.js';
export { type Clock, type Redactor, systemClock } from './clock.js';
export {
  AuditCorruptionError,
  AuditError,
  AuditSinkError,
  AuditUnhealthyError,
  AuditValidationError,
  isAuditError,
} from './errors.js';
export type { AuditEventInput } from './events/event.js';
export type { JsonValue } from './events/json.js';
export { AUDIT_EVENT_KINDS, type AuditEventKind, auditEventKindList } from './events/kinds.js';
export { type AuditPayload, auditPayloadSchemas } from './events/schemas.js';
export { type JsonlOpenReport, JsonlSink, type JsonlSinkOptions } from './jsonl/jsonl-sink.js';
export { type AuditHealth, AuditLog, type AuditLogOptions, verifySink } from './log/audit-log.js';
export { canonicalJson } from './record/canonical.js';
export {
  type AuditRecord,
  GENESIS_HASH,
  hashRecord,
  RECORD_FORMAT_VERSION,
  type UnsealedRecord,
} from './record/record.js';
export {
  type ArchiveManifest,
  type ArchiveOptions,
  type ArchiveReport,
  type ArchiveSegment,
  archiveLog,
  readArchiveManifest,
  verifyWithArchive,
} from './retention/archive.js';
export type {
  AppendResult,
  AuditPage,
  AuditQuery,
  AuditSink,
  PendingRecord,
  PrunableSink,
} from './sink/types.js';
export {
  type ChainAnchor,
  ChainVerifier,
  VERIFY_FAILURE_CODES,
  type VerifyFailureCode,
  type VerifyOptions,
  type VerifyResult,
  verifyRecords,
} from './verify/verify.js';
