// Child process used by the crash and multi-process tests: appends events through the real AuditLog
// and prints the id of every acknowledged (durable) append on its own line.
import { JsonlSink } from '../../src/jsonl/jsonl-sink.js';
import { AuditLog } from '../../src/log/audit-log.js';
import { PostgresSink } from '../../src/postgres/postgres-sink.js';
import type { AuditSink } from '../../src/sink/types.js';
import { SqliteSink } from '../../src/sqlite/sqlite-sink.js';

const [kind, path, countText, prefix, concurrencyText] = process.argv.slice(2);
if (kind === undefined || path === undefined || countText === undefined || prefix === undefined) {
  throw new Error('usage: writer.js <sqlite|jsonl|postgres> <path-or-url> <count> <idPrefix> [concurrency]');
}
const actor: string = prefix;
const count = Number(countText);
const concurrency = Number(concurrencyText ?? '8');

async function openSink(): Promise<AuditSink> {
  if (kind === 'sqlite') return new SqliteSink({ path: String(path) });
  if (kind === 'postgres') return PostgresSink.open({ connectionString: String(path), migrate: false });
  if (kind === 'jsonl') return JsonlSink.open({ directory: String(path), maxSegmentBytes: 4096 });
  throw new Error(`unknown sink kind ${kind}`);
}
const sink = await openSink();
let tick = 0;
const log = new AuditLog({ sink, clock: { now: () => 1_610_064_000_000 + tick++ } });

let next = 0;
async function worker(): Promise<void> {
  while (next < count) {
    const i = next++;
    const id = `${actor}-${i}`;
    await log.append({
      id,
      kind: 'order.filled',
      actor,
      payload: { orderId: `o-${actor}-${i}`, quantity: '0.001', price: '39432.48', partial: false },
    });
    process.stdout.write(`${id}\n`);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
await log.close();
