// Child process for the I/O-error test: runs under a file-size limit (`ulimit -f`), so a write past the limit
// fails with EFBIG, as on a full disk. Appends one event at a time until an append fails, then prints a JSON
// summary: how many appends were acknowledged, the error, the log's health and whether later appends are refused.
import { JsonlSink } from '../../src/jsonl/jsonl-sink.js';
import { AuditLog } from '../../src/log/audit-log.js';

process.on('SIGXFSZ', () => undefined);
const directory = process.argv[2];
if (directory === undefined) throw new Error('usage: fsize.js <directory>');
const log = new AuditLog({
  sink: await JsonlSink.open({ directory }),
  clock: { now: () => 1_610_064_000_278 },
});
let acked = 0;
let error: { code: unknown; message: string } | undefined;
for (let i = 0; i < 100_000 && error === undefined; i++) {
  try {
    await log.append({
      id: `e-${i}`,
      kind: 'order.filled',
      actor: 'fsize',
      payload: { orderId: `o-${i}`, quantity: '0.004376', price: '39439.44', partial: false },
    });
    acked++;
  } catch (caught) {
    error = { code: (caught as { code?: unknown }).code, message: (caught as Error).message };
  }
}
let after = '';
try {
  await log.append({ kind: 'secret.access', actor: 'fsize', payload: { name: 'X' } });
} catch (caught) {
  after = String((caught as { code?: unknown }).code);
}
process.stdout.write(JSON.stringify({ acked, error, health: log.health, after }));
