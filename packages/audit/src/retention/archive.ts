import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { type Clock, systemClock } from '../clock.js';
import { AuditCorruptionError, AuditSinkError, AuditValidationError } from '../errors.js';
import { parseSegment, recordLine } from '../jsonl/segments.js';
import { pushSink } from '../log/audit-log.js';
import { canonicalJson } from '../record/canonical.js';
import { type AuditRecord, GENESIS_HASH } from '../record/record.js';
import type { AuditSink, PrunableSink } from '../sink/types.js';
import { type ChainAnchor, ChainVerifier, type VerifyOptions, type VerifyResult } from '../verify/verify.js';

const DAY_MS = 86_400_000;
const MANIFEST = 'manifest.json';

/** One sealed archive segment as listed in the manifest. */
export interface ArchiveSegment {
  /** File name inside the archive directory, e.g. `archive-000000000001-000000000500.jsonl.gz`. */
  readonly file: string;
  /** First sequence number in the segment. */
  readonly firstSeq: number;
  /** Last sequence number in the segment. */
  readonly lastSeq: number;
  /** Timestamp of the first record, ms UTC. */
  readonly firstTs: number;
  /** Timestamp of the last record, ms UTC. */
  readonly lastTs: number;
  /** Number of records. */
  readonly count: number;
  /** Chain anchor before the segment: `prevHash` of its first record. */
  readonly prevHash: string;
  /** Hash of the segment's last record: the anchor the next segment (or the live log) continues from. */
  readonly lastHash: string;
  /** SHA-256 of the compressed file, hex. */
  readonly sha256: string;
}

/** The archive manifest (`manifest.json`): every sealed segment in sequence order. */
export interface ArchiveManifest {
  /** Format version. */
  readonly version: 1;
  /** Segments in sequence order. */
  readonly segments: readonly ArchiveSegment[];
}

/** Options of {@link archiveLog}. */
export interface ArchiveOptions {
  /** The live log's sink; must support pruning (SQLite, JSONL). */
  readonly sink: PrunableSink;
  /** Archive directory (created if missing). */
  readonly directory: string;
  /** Records older than this many days are archived; default 90. */
  readonly retentionDays?: number;
  /** Source of "now"; default the wall clock. */
  readonly clock?: Clock;
  /** Most records per segment file; default 100,000. */
  readonly maxRecordsPerSegment?: number;
}

/** What {@link archiveLog} did. */
export interface ArchiveReport {
  /** Records written to new segments. */
  readonly archived: number;
  /** Records removed from the live log. */
  readonly pruned: number;
  /** Segments written by this run. */
  readonly segments: readonly ArchiveSegment[];
  /** Anchor the live log now continues from (end of the archive). */
  readonly anchor: ChainAnchor;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const manifestSchema = z.object({
  version: z.literal(1),
  segments: z.array(
    z.object({
      file: z.string().regex(/^archive-\d+-\d+\.jsonl\.gz$/),
      firstSeq: z.number().int().positive(),
      lastSeq: z.number().int().positive(),
      firstTs: z.number().int(),
      lastTs: z.number().int(),
      count: z.number().int().positive(),
      prevHash: hex64,
      lastHash: hex64,
      sha256: hex64,
    }),
  ),
});

async function writeDurably(path: string, data: Buffer | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Reads and validates an archive directory's manifest; an empty manifest when there is none yet.
 *
 * @param directory - archive directory
 * @returns the manifest
 *
 * @example
 * ```ts
 * import { readArchiveManifest } from '@rrr/audit';
 *
 * const manifest = await readArchiveManifest('./audit-archive');
 * console.log(manifest.segments.length);
 * ```
 */
export async function readArchiveManifest(directory: string): Promise<ArchiveManifest> {
  let text: string;
  try {
    text = await readFile(join(directory, MANIFEST), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, segments: [] };
    throw new AuditSinkError(`reading "${join(directory, MANIFEST)}" failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new AuditCorruptionError(
      `"${join(directory, MANIFEST)}" is not an archive manifest: ${parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data;
}

/** The anchor at the end of an archive (genesis when empty). */
function endOf(manifest: ArchiveManifest): ChainAnchor {
  const last = manifest.segments[manifest.segments.length - 1];
  return last === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: last.lastSeq, hash: last.lastHash };
}

function pad(n: number): string {
  return String(n).padStart(12, '0');
}

/**
 * Retention: moves records older than `retentionDays` (default 90) from the live log into sealed, gzip
 * JSONL segment files listed with their SHA-256 and chain anchors in `manifest.json`, then prunes them
 * from the live log. The records are verified before they are archived; a broken chain is refused.
 * Verify archive plus live log together with {@link verifyWithArchive}.
 *
 * @param options - sink, archive directory, retention and clock
 * @returns what was archived and pruned
 *
 * @example
 * ```ts
 * import { archiveLog } from '@rrr/audit';
 * import { SqliteSink } from '@rrr/audit/sqlite';
 *
 * const sink = new SqliteSink({ path: 'audit.db' });
 * const report = await archiveLog({ sink, directory: './audit-archive', retentionDays: 90 });
 * console.log(`archived ${report.archived}, live log continues after seq ${report.anchor.seq}`);
 * await sink.close();
 * ```
 */
export async function archiveLog(options: ArchiveOptions): Promise<ArchiveReport> {
  const days = options.retentionDays ?? 90;
  if (!(Number.isFinite(days) && days >= 0)) {
    throw new AuditValidationError(`field "retentionDays" must be a number >= 0 (got ${days})`);
  }
  const perSegment = options.maxRecordsPerSegment ?? 100_000;
  if (!Number.isInteger(perSegment) || perSegment < 1) {
    throw new AuditValidationError(
      `field "maxRecordsPerSegment" must be an integer >= 1 (got ${perSegment})`,
    );
  }
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const cutoff = now - days * DAY_MS;
  await mkdir(options.directory, { recursive: true });
  const manifest = await readArchiveManifest(options.directory);
  const start = endOf(manifest);
  const verifier = new ChainVerifier({ anchor: start });
  const written: ArchiveSegment[] = [];
  let pending: AuditRecord[] = [];
  let prevHash = start.hash;

  const flush = async () => {
    const first = pending[0];
    const last = pending[pending.length - 1];
    if (first === undefined || last === undefined) return;
    const text = pending.map((r) => recordLine(r, canonicalJson(r.payload))).join('');
    const gz = gzipSync(Buffer.from(text, 'utf8'));
    const file = `archive-${pad(first.seq)}-${pad(last.seq)}.jsonl.gz`;
    await writeDurably(join(options.directory, file), gz);
    written.push({
      file,
      firstSeq: first.seq,
      lastSeq: last.seq,
      firstTs: first.ts,
      lastTs: last.ts,
      count: pending.length,
      prevHash,
      lastHash: last.hash,
      sha256: createHash('sha256').update(gz).digest('hex'),
    });
    prevHash = last.hash;
    pending = [];
  };

  let cursor = start.seq;
  let done = false;
  while (!done) {
    const page = await options.sink.read(cursor, 10_000);
    if (page.length === 0) break;
    for (const record of page) {
      if (record.ts >= cutoff) {
        done = true;
        break;
      }
      if (!verifier.push(record)) {
        const failure = verifier.finish();
        throw new AuditCorruptionError(
          `refusing to archive a broken chain: ${failure.ok ? 'unknown failure' : failure.reason}`,
        );
      }
      pending.push(record);
      if (pending.length === perSegment) await flush();
      cursor = record.seq;
    }
  }
  await flush();
  if (written.length === 0) return { archived: 0, pruned: 0, segments: [], anchor: start };

  const next: ArchiveManifest = { version: 1, segments: [...manifest.segments, ...written] };
  const tmp = join(options.directory, `${MANIFEST}.tmp`);
  await writeDurably(tmp, `${JSON.stringify(next, null, 2)}\n`);
  await rename(tmp, join(options.directory, MANIFEST));
  await syncDirectory(options.directory);
  const anchor = endOf(next);
  const pruned = await options.sink.prune(anchor.seq, now);
  return { archived: written.reduce((n, s) => n + s.count, 0), pruned, segments: written, anchor };
}

/** @internal Reads, digest-checks and parses one archive segment. */
export async function readArchiveSegment(
  directory: string,
  segment: ArchiveSegment,
): Promise<AuditRecord[] | string> {
  const gz = await readFile(join(directory, segment.file));
  const digest = createHash('sha256').update(gz).digest('hex');
  if (digest !== segment.sha256) {
    return `archive segment "${segment.file}" has SHA-256 ${digest}, not ${segment.sha256} as sealed in the manifest`;
  }
  return parseSegment(gunzipSync(gz), segment.file).records;
}

async function pushArchive(verifier: ChainVerifier, directory: string): Promise<VerifyResult | undefined> {
  const manifest = await readArchiveManifest(directory);
  for (const segment of manifest.segments) {
    const records = await readArchiveSegment(directory, segment);
    if (typeof records === 'string') {
      return { ok: false, count: 0, firstBadSeq: segment.firstSeq, code: 'hash_mismatch', reason: records };
    }
    for (const record of records) {
      if (!verifier.push(record)) return verifier.finish();
    }
  }
  return undefined;
}

/**
 * Verifies an archive directory (segment digests, then the chain through every segment) and the live log
 * that continues it, as one chain.
 *
 * @param directory - archive directory written by {@link archiveLog}
 * @param sink - the live log's sink
 * @param options - trusted checkpoints (the anchor always starts at genesis)
 * @returns the verification decision over archive + live log
 *
 * @example
 * ```ts
 * import { verifyWithArchive } from '@rrr/audit';
 * import { SqliteSink } from '@rrr/audit/sqlite';
 *
 * const sink = new SqliteSink({ path: 'audit.db' });
 * const result = await verifyWithArchive('./audit-archive', sink);
 * console.log(result.ok);
 * await sink.close();
 * ```
 */
export async function verifyWithArchive(
  directory: string,
  sink: AuditSink,
  options: Omit<VerifyOptions, 'anchor'> = {},
): Promise<VerifyResult> {
  const verifier = new ChainVerifier(options);
  const failed = await pushArchive(verifier, directory);
  if (failed !== undefined) return failed;
  const manifest = await readArchiveManifest(directory);
  await pushSink(verifier, sink, endOf(manifest).seq);
  return verifier.finish();
}
