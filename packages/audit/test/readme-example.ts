import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, createCheckpoint, isAuditError, JsonlSink, verifyCheckpoint } from '@rrr/audit';

// A fresh log directory (a real service keeps one, e.g. /var/lib/bot/audit).
const directory = await mkdtemp(join(tmpdir(), 'rrr-audit-'));
// Time is injected: each record is stamped by this clock (ms UTC), here 250 ms per event.
let now = Date.UTC(2024, 7, 5, 14, 30);
const clock = { now: () => (now += 250) };
const log = new AuditLog({ sink: await JsonlSink.open({ directory }), clock });

// Typed events; `append` resolves once the record is written and fsynced.
await log.append({
  id: 'intent-o1',
  kind: 'order.intent',
  actor: 'paper-bot',
  payload: {
    orderId: 'o-1',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    quantity: '0.5',
    price: '54000.1',
  },
});
await log.append({
  id: 'submit-o1',
  kind: 'order.submitted',
  actor: 'paper-bot',
  payload: { orderId: 'o-1', venue: 'binance' },
});
// Appends issued together share one commit (one write, one fsync).
await Promise.all([
  log.append({
    id: 'fill-o1',
    kind: 'order.filled',
    actor: 'paper-bot',
    payload: { orderId: 'o-1', quantity: '0.5', price: '54000.1', fee: '0.0005', partial: false },
  }),
  log.append({
    id: 'position-btc-1',
    kind: 'position.changed',
    actor: 'paper-bot',
    payload: { symbol: 'BTC/USDT', quantityBefore: '0', quantityAfter: '0.5' },
  }),
]);

// `id` is an idempotency key: a retried append stores nothing and returns the earlier record.
const retry = await log.append({
  id: 'fill-o1',
  kind: 'order.filled',
  actor: 'paper-bot',
  payload: { orderId: 'o-1', quantity: '0.5', price: '54000.1', fee: '0.0005', partial: false },
});
console.log(`retried fill-o1: duplicate=${retry.duplicate}, seq ${retry.record.seq}`);

// Invalid payloads are refused with a message naming the field and the bad value.
try {
  await log.append({
    kind: 'order.filled',
    actor: 'paper-bot',
    payload: { orderId: 'o-2', quantity: '0,5', price: '1', partial: false },
  });
} catch (error) {
  if (!isAuditError(error)) throw error;
  console.log(`${error.code}: ${error.message}`);
}

// Query by order id; every record links to the previous one through its hash.
const { records } = await log.query({ orderId: 'o-1' });
for (const r of records) {
  console.log(
    `#${r.seq} ${new Date(r.ts).toISOString()} ${r.kind.padEnd(15)} ${r.prevHash.slice(0, 8)} -> ${r.hash.slice(0, 8)}`,
  );
}

// Sign a checkpoint of the head and keep it elsewhere: verifying against it also detects truncation.
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const checkpoint = createCheckpoint(await log.head(), privateKey, clock);
const trusted = verifyCheckpoint(checkpoint, publicKey);
if (!trusted.ok) throw new Error(trusted.reason);
await log.close();

// Later, or in another process: reopen the files and verify the whole chain.
const reopened = new AuditLog({ sink: await JsonlSink.open({ directory }) });
const result = await reopened.verify({ checkpoints: [trusted.anchor] });
console.log(
  result.ok
    ? `chain intact: ${result.count} records, head #${result.head.seq} ${result.head.hash.slice(0, 8)}`
    : `tampered from #${result.firstBadSeq} (${result.code}): ${result.reason}`,
);
await reopened.close();
await rm(directory, { recursive: true, force: true });
