import { canonicalJson } from '../record/canonical.js';
import type { AuditRecord } from '../record/record.js';
import { orderIdOf } from '../sink/query.js';

/** @internal Header of the CSV export. */
export const CSV_HEADER = 'seq,id,ts,time_utc,actor,kind,tenant,order_id,payload,prev_hash,hash\n';

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** @internal One record as a CSV row (RFC 4180 quoting; payload as canonical JSON). */
export function csvRow(record: AuditRecord): string {
  return `${[
    String(record.seq),
    record.id,
    String(record.ts),
    new Date(record.ts).toISOString(),
    record.actor,
    record.kind,
    record.tenant ?? '',
    orderIdOf(record) ?? '',
    canonicalJson(record.payload),
    record.prevHash,
    record.hash,
  ]
    .map(csvField)
    .join(',')}\n`;
}
