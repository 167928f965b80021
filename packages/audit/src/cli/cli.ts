import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createCheckpoint, verifyCheckpoint } from '../checkpoint/checkpoint.js';
import { isAuditError } from '../errors.js';
import type { AuditEventKind } from '../events/kinds.js';
import { JsonlSink } from '../jsonl/jsonl-sink.js';
import { recordLine } from '../jsonl/segments.js';
import { pushSink } from '../log/audit-log.js';
import { canonicalJson } from '../record/canonical.js';
import type { AuditRecord } from '../record/record.js';
import { archiveLog, readArchiveManifest, readArchiveSegment } from '../retention/archive.js';
import type { AuditQuery, AuditSink, PrunableSink } from '../sink/types.js';
import { type ChainAnchor, ChainVerifier, type VerifyResult } from '../verify/verify.js';
import { CSV_HEADER, csvRow } from './export-format.js';

/** @internal Where the CLI writes. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** @internal Exit codes. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = `usage: rrr-audit <command> (--sqlite <file> | --jsonl <dir> | --postgres <url>) [options]

commands:
  verify      verify the hash chain   [--archive <dir>] [--checkpoint <file> --public-key <pem file>]
  query       print matching records as JSONL
              [--kind <kind>]... [--actor <a>] [--order-id <id>] [--tenant <t>]
              [--from <ISO time|ms>] [--to <ISO time|ms>] [--limit <n>] [--after <seq>]
  archive     archive and prune records older than --days (default 90) into --archive <dir>
  export      write every record   --format jsonl|csv [--out <file>] [--archive <dir>]
  checkpoint  print a signed checkpoint of the head   --private-key <pem file>
`;

class UsageError extends Error {}

const options = {
  sqlite: { type: 'string' },
  jsonl: { type: 'string' },
  postgres: { type: 'string' },
  archive: { type: 'string' },
  checkpoint: { type: 'string' },
  'public-key': { type: 'string' },
  'private-key': { type: 'string' },
  kind: { type: 'string', multiple: true },
  actor: { type: 'string' },
  'order-id': { type: 'string' },
  tenant: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  after: { type: 'string' },
  days: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function time(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new UsageError(`--${name} must be an ISO-8601 time or ms since epoch (got "${value}")`);
  return ms;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer (got "${value}")`);
  return Number(value);
}

async function openSink(values: Values): Promise<PrunableSink> {
  const given = (['sqlite', 'jsonl', 'postgres'] as const).filter((k) => values[k] !== undefined);
  if (given.length !== 1)
    throw new UsageError('give exactly one of --sqlite <file>, --jsonl <dir>, --postgres <url>');
  if (values.sqlite !== undefined) {
    const { SqliteSink } = await import('../sqlite/sqlite-sink.js');
    return new SqliteSink({ path: values.sqlite });
  }
  if (values.jsonl !== undefined) return JsonlSink.open({ directory: values.jsonl });
  const { PostgresSink } = await import('../postgres/postgres-sink.js');
  return PostgresSink.open({ connectionString: values.postgres ?? '', migrate: false });
}

async function eachArchived(
  directory: string,
  visit: (record: AuditRecord) => boolean,
): Promise<string | null> {
  const manifest = await readArchiveManifest(directory);
  for (const segment of manifest.segments) {
    const records = await readArchiveSegment(directory, segment);
    if (typeof records === 'string') return records;
    for (const record of records) if (!visit(record)) return null;
  }
  return null;
}

async function verify(sink: AuditSink, values: Values, io: CliIo): Promise<number> {
  const checkpoints: ChainAnchor[] = [];
  if (values.checkpoint !== undefined) {
    if (values['public-key'] === undefined)
      throw new UsageError('--checkpoint needs --public-key <pem file>');
    const decision = verifyCheckpoint(
      JSON.parse(await readFile(values.checkpoint, 'utf8')),
      await readFile(values['public-key'], 'utf8'),
    );
    if (!decision.ok) {
      io.err(`checkpoint rejected: ${decision.reason}\n`);
      return EXIT.failed;
    }
    checkpoints.push(decision.anchor);
  }
  const verifier = new ChainVerifier({ checkpoints });
  let after = 0;
  if (values.archive !== undefined) {
    const bad = await eachArchived(values.archive, (r) => verifier.push(r));
    if (bad !== null) {
      io.err(`TAMPERED: ${bad}\n`);
      return EXIT.failed;
    }
    const manifest = await readArchiveManifest(values.archive);
    after = manifest.segments[manifest.segments.length - 1]?.lastSeq ?? 0;
  }
  await pushSink(verifier, sink, after);
  const result: VerifyResult = verifier.finish();
  if (result.ok) {
    io.out(`ok: ${result.count} records verified; head seq ${result.head.seq} hash ${result.head.hash}\n`);
    return EXIT.ok;
  }
  io.err(`TAMPERED at seq ${result.firstBadSeq} (${result.code}): ${result.reason}\n`);
  return EXIT.failed;
}

async function query(sink: AuditSink, values: Values, io: CliIo): Promise<number> {
  const q: { -readonly [K in keyof AuditQuery]: AuditQuery[K] } = {};
  if (values.kind !== undefined) q.kinds = values.kind as AuditEventKind[];
  if (values.actor !== undefined) q.actor = values.actor;
  if (values['order-id'] !== undefined) q.orderId = values['order-id'];
  if (values.tenant !== undefined) q.tenant = values.tenant;
  const from = time('from', values.from);
  const to = time('to', values.to);
  const limit = integer('limit', values.limit);
  const after = integer('after', values.after);
  if (from !== undefined) q.fromTs = from;
  if (to !== undefined) q.toTs = to;
  if (limit !== undefined) q.limit = limit;
  if (after !== undefined) q.afterSeq = after;
  const page = await sink.query(q);
  for (const record of page.records) io.out(recordLine(record, canonicalJson(record.payload)));
  if (page.nextAfterSeq !== null) io.err(`more records: repeat with --after ${page.nextAfterSeq}\n`);
  return EXIT.ok;
}

async function exportAll(sink: AuditSink, values: Values, io: CliIo): Promise<number> {
  const format = values.format;
  if (format !== 'jsonl' && format !== 'csv')
    throw new UsageError(`--format must be jsonl or csv (got "${format}")`);
  const chunks: string[] = format === 'csv' ? [CSV_HEADER] : [];
  const line = (r: AuditRecord) => (format === 'csv' ? csvRow(r) : recordLine(r, canonicalJson(r.payload)));
  let after = 0;
  if (values.archive !== undefined) {
    const bad = await eachArchived(values.archive, (r) => {
      chunks.push(line(r));
      after = r.seq;
      return true;
    });
    if (bad !== null) {
      io.err(`TAMPERED: ${bad}\n`);
      return EXIT.failed;
    }
  }
  for (;;) {
    const page = await sink.read(after, 10_000);
    const last = page[page.length - 1];
    if (last === undefined) break;
    for (const r of page) chunks.push(line(r));
    after = last.seq;
  }
  if (values.out !== undefined) {
    await writeFile(values.out, chunks.join(''));
    io.err(`wrote ${chunks.length - (format === 'csv' ? 1 : 0)} records to ${values.out}\n`);
  } else {
    for (const chunk of chunks) io.out(chunk);
  }
  return EXIT.ok;
}

async function archive(sink: PrunableSink, values: Values, io: CliIo): Promise<number> {
  if (values.archive === undefined) throw new UsageError('archive needs --archive <dir>');
  const days = integer('days', values.days) ?? 90;
  const report = await archiveLog({ sink, directory: values.archive, retentionDays: days });
  io.out(
    `archived ${report.archived} records in ${report.segments.length} segments, pruned ${report.pruned}; live log continues after seq ${report.anchor.seq}\n`,
  );
  return EXIT.ok;
}

async function checkpoint(sink: AuditSink, values: Values, io: CliIo): Promise<number> {
  if (values['private-key'] === undefined) throw new UsageError('checkpoint needs --private-key <pem file>');
  const signed = createCheckpoint(await sink.head(), await readFile(values['private-key'], 'utf8'));
  io.out(`${JSON.stringify(signed)}\n`);
  return EXIT.ok;
}

const commands = { verify, query, export: exportAll, archive, checkpoint } as const;

/**
 * @internal Runs the `rrr-audit` command line.
 * @returns the process exit code (0 ok, 1 verification failed or error, 2 usage)
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const name = positionals[0];
  if (values.help === true || name === undefined) {
    (values.help === true ? io.out : io.err)(USAGE);
    return values.help === true ? EXIT.ok : EXIT.usage;
  }
  if (!(name in commands) || positionals.length > 1) {
    io.err(`unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  let sink: PrunableSink | undefined;
  try {
    sink = await openSink(values);
    return await commands[name as keyof typeof commands](sink, values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    io.err(`${isAuditError(error) ? `${error.code}: ` : ''}${(error as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await sink?.close();
  }
}
