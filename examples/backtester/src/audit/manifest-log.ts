import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AuditLog, type Clock, canonicalJson, JsonlSink, type VerifyResult } from '@rrr/audit';
import type { RunManifest } from '../report/manifest.js';

/** Where and how a run manifest was recorded in the audit log, and the chain check after it. */
export interface AuditedManifest {
  /** Directory of the JSONL audit log (`<out>/audit`). */
  readonly directory: string;
  /** Sequence number of the `run.manifest` record. */
  readonly seq: number;
  /** Its hash (links to the previous record's hash). */
  readonly hash: string;
  /** True when the same manifest was already in this log (same event id): nothing new was stored. */
  readonly duplicate: boolean;
  /** `verify()` of the whole chain after the append. */
  readonly verification: VerifyResult;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The manifest as plain JSON (drops `undefined`, which the audit payload does not accept). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The `run.manifest` payload of a manifest: `codeVersion` (git commit, `+dirty` with local changes),
 * `configHash` (sha256 of the canonical JSON of the config), `dataHash` (sha256 of the lines
 * `symbol sha256 from to bars` of the data files in run order), `seeds`, and the full manifest as an extra
 * field so the record alone can reproduce the run.
 */
export function manifestPayload(manifest: RunManifest): {
  codeVersion: string;
  configHash: string;
  dataHash: string;
  seeds: number[];
  manifest: RunManifest;
} {
  const commit = manifest.code.gitCommit ?? 'unknown';
  return {
    codeVersion: manifest.code.gitDirty ? `${commit}+dirty` : commit,
    configHash: sha256(canonicalJson(plain(manifest.config))),
    dataHash: sha256(
      manifest.data.map((d) => `${d.symbol} ${d.sha256} ${d.from} ${d.to} ${d.bars}`).join('\n'),
    ),
    seeds: [manifest.seed],
    manifest: plain(manifest),
  };
}

/**
 * Appends the run's manifest as a `run.manifest` event to the JSONL audit log in `<dir>/audit` (created if
 * missing; earlier runs written to the same directory stay in the chain), then verifies the whole chain.
 * The event id is derived from the manifest, so recording the same manifest twice stores it once.
 *
 * @param manifest - the run manifest
 * @param dir - the run's output directory
 * @param clock - time source of the record's timestamp (default: the system clock)
 */
export async function recordManifest(
  manifest: RunManifest,
  dir: string,
  clock?: Clock,
): Promise<AuditedManifest> {
  const directory = join(dir, 'audit');
  const log = new AuditLog({ sink: await JsonlSink.open({ directory }), ...(clock ? { clock } : {}) });
  try {
    const payload = manifestPayload(manifest);
    const appended = await log.append({
      id: `run.manifest:${sha256(canonicalJson(payload))}`,
      kind: 'run.manifest',
      actor: `backtester/${manifest.config.strategy}`,
      payload,
    });
    const verification = await log.verify();
    return {
      directory,
      seq: appended.record.seq,
      hash: appended.record.hash,
      duplicate: appended.duplicate,
      verification,
    };
  } finally {
    await log.close();
  }
}

/**
 * Verifies the audit log in `<dir>/audit` (e.g. a previous run's output directory).
 *
 * @param dir - the run's output directory
 */
export async function verifyAuditLog(dir: string): Promise<VerifyResult> {
  const log = new AuditLog({ sink: await JsonlSink.open({ directory: join(dir, 'audit') }) });
  try {
    return await log.verify();
  } finally {
    await log.close();
  }
}

/** One line describing the audit record and the verification result. */
export function auditLine(audited: AuditedManifest): string {
  const v = audited.verification;
  const record = `audit run.manifest #${audited.seq} ${audited.hash.slice(0, 12)}${audited.duplicate ? ' (already recorded)' : ''} in ${audited.directory}`;
  return v.ok
    ? `${record}; chain verified: ${v.count} records, head #${v.head.seq} ${v.head.hash.slice(0, 12)}`
    : `${record}; chain verification FAILED at #${v.firstBadSeq} (${v.code}): ${v.reason}`;
}
