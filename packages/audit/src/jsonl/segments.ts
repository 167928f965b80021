import { AuditCorruptionError } from '../errors.js';
import { type AuditRecord, storedRecordSchema } from '../record/record.js';

const NEWLINE = 0x0a;

/** @internal Name of segment number `n`, e.g. `audit-000001.jsonl`. */
export function segmentName(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}.jsonl`;
}

/** @internal Parses a segment name back to its number, or null when the name is not a segment of `prefix`. */
export function segmentNumber(prefix: string, name: string): number | null {
  const match = new RegExp(`^${prefix}-(\\d{6,})\\.jsonl$`).exec(name);
  return match?.[1] === undefined ? null : Number.parseInt(match[1], 10);
}

/** @internal Serializes a record as one JSONL line (payload already in canonical JSON). */
export function recordLine(record: AuditRecord, payloadJson: string): string {
  return `{"seq":${record.seq},"id":${JSON.stringify(record.id)},"ts":${record.ts},"actor":${JSON.stringify(
    record.actor,
  )},"kind":${JSON.stringify(record.kind)},"tenant":${JSON.stringify(record.tenant)},"payload":${payloadJson},"prevHash":"${
    record.prevHash
  }","hash":"${record.hash}"}\n`;
}

/** @internal Parsed content of one segment file. */
export interface ParsedSegment {
  readonly records: AuditRecord[];
  /** Length of the complete lines; bytes after it are a torn tail. */
  readonly completeBytes: number;
}

/** @internal Parses the complete lines of a segment; bytes after the last newline are reported, not parsed. */
export function parseSegment(bytes: Buffer, file: string): ParsedSegment {
  const lastNewline = bytes.lastIndexOf(NEWLINE);
  const completeBytes = lastNewline + 1;
  const records: AuditRecord[] = [];
  let start = 0;
  let line = 0;
  while (start < completeBytes) {
    const end = bytes.indexOf(NEWLINE, start);
    line++;
    const text = bytes.toString('utf8', start, end);
    start = end + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new AuditCorruptionError(`line ${line} of "${file}" is not valid JSON`, { cause: error });
    }
    const parsed = storedRecordSchema.safeParse(value);
    if (!parsed.success) {
      throw new AuditCorruptionError(
        `line ${line} of "${file}" is not an audit record: ${parsed.error.issues[0]?.message}`,
      );
    }
    records.push(parsed.data as AuditRecord);
  }
  return { records, completeBytes };
}
