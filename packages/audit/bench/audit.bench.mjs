// Benchmark of @rrr/audit (built package): durable appends/s with group commit (SQLite, JSONL and, when
// AUDIT_BENCH_PG_URL is set, PostgreSQL) against one-at-a-time appends and a raw better-sqlite3 baseline,
// and verification records/s against a bare SHA-256 loop over the same bytes.
// Run: npm run bench -w @rrr/audit   (optional: AUDIT_BENCH_PG_URL=postgresql://user@host/db)
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  AuditLog,
  canonicalJson,
  GENESIS_HASH,
  hashRecord,
  JsonlSink,
  verifyRecords,
} from '../dist/index.js';
import { SqliteSink } from '../dist/sqlite/index.js';

const trades = readFileSync(
  new URL('../test/fixtures/binance_BTCUSDT_trades_2021-01-08_first200.csv', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));

function fill(i, prefix) {
  const [timestamp, id, price, amount] = trades[i % trades.length];
  return {
    id: `${prefix}-${i}`,
    kind: 'order.filled',
    actor: 'bench',
    payload: { orderId: `o-${id}-${i}`, quantity: amount, price, partial: false, tradeTs: Number(timestamp) },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'rrr-audit-bench-'));
const clock = { now: () => 1_610_064_000_278 };
const rows = [];
const report = (name, count, ms) => {
  const perSec = (count / ms) * 1000;
  rows.push({ name, count, ms, perSec });
  console.log(
    `${name.padEnd(58)} ${String(count).padStart(8)} in ${ms.toFixed(0).padStart(6)} ms = ${Math.round(perSec).toLocaleString('en-US').padStart(10)} /s  (${((ms * 1e6) / count).toFixed(0)} ns/op)`,
  );
  return perSec;
};

async function grouped(sink, n, inFlight, prefix) {
  const log = new AuditLog({ sink, clock, maxBatchSize: 2000 });
  const start = performance.now();
  for (let base = 0; base < n; base += inFlight) {
    const wave = [];
    for (let i = base; i < Math.min(n, base + inFlight); i++) wave.push(log.append(fill(i, prefix)));
    await Promise.all(wave);
  }
  const ms = performance.now() - start;
  await log.close();
  return ms;
}

async function oneByOne(sink, n, prefix) {
  const log = new AuditLog({ sink, clock });
  const start = performance.now();
  for (let i = 0; i < n; i++) await log.append(fill(i, prefix));
  const ms = performance.now() - start;
  await log.close();
  return ms;
}

console.log('durable appends (each append resolves only after its batch is committed + fsynced)');
const N = 50_000;
const sqliteGrouped = report(
  'SQLite  AuditLog, group commit (5000 in flight)',
  N,
  await grouped(new SqliteSink({ path: join(dir, 'g.db') }), N, 5000, 'g'),
);
const sqliteSingle = report(
  'SQLite  AuditLog, one append at a time',
  1000,
  await oneByOne(new SqliteSink({ path: join(dir, 's.db') }), 1000, 's'),
);
{
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, payload TEXT)');
  const insert = db.prepare('INSERT INTO t (seq, id, payload) VALUES (?, ?, ?)');
  const tx = db.transaction((from, to) => {
    for (let i = from; i < to; i++) insert.run(i + 1, `raw-${i}`, JSON.stringify(fill(i, 'raw').payload));
  });
  const start = performance.now();
  for (let base = 0; base < N; base += 2000) tx(base, base + 2000);
  const rawPerSec = report(
    'peer: raw better-sqlite3 INSERT, 2000/txn, no hashing',
    N,
    performance.now() - start,
  );
  db.close();
  console.log(
    `  ratio AuditLog group commit / raw better-sqlite3: ${(sqliteGrouped / rawPerSec).toFixed(2)}x`,
  );
}
console.log(`  ratio group commit / one-at-a-time (SQLite): ${(sqliteGrouped / sqliteSingle).toFixed(1)}x`);
report(
  'JSONL   AuditLog, group commit (5000 in flight)',
  N,
  await grouped(await JsonlSink.open({ directory: join(dir, 'jg') }), N, 5000, 'j'),
);
report(
  'JSONL   AuditLog, one append at a time',
  1000,
  await oneByOne(await JsonlSink.open({ directory: join(dir, 'js') }), 1000, 'js'),
);

if (process.env.AUDIT_BENCH_PG_URL) {
  const { PostgresSink } = await import('../dist/postgres/index.js');
  const sink = await PostgresSink.open({ connectionString: process.env.AUDIT_BENCH_PG_URL });
  const start = (await sink.head()).seq;
  const ms = await grouped(sink, 20_000, 5000, `pg${Date.now()}`);
  report(`PostgreSQL AuditLog, group commit (after seq ${start})`, 20_000, ms);
} else {
  console.log('PostgreSQL: skipped (set AUDIT_BENCH_PG_URL to a database the user may migrate)');
}

console.log('\nverification');
const M = 200_000;
const records = [];
let prevHash = GENESIS_HASH;
for (let i = 0; i < M; i++) {
  const e = fill(i, 'v');
  const unsealed = {
    seq: i + 1,
    id: e.id,
    ts: 1_610_064_000_278 + i,
    actor: e.actor,
    kind: e.kind,
    tenant: null,
    payload: e.payload,
    prevHash,
  };
  const record = { ...unsealed, hash: hashRecord(unsealed) };
  records.push(record);
  prevHash = record.hash;
}
verifyRecords(records.slice(0, 10_000));
let start = performance.now();
const result = verifyRecords(records);
const verifyPerSec = report('verifyRecords (canonical JSON + SHA-256 + links)', M, performance.now() - start);
if (!result.ok) throw new Error('bench chain did not verify');
const bodies = records.map(
  (r) =>
    `${JSON.stringify([1, r.seq, r.id, r.ts, r.actor, r.kind, r.tenant, r.prevHash])}\n${canonicalJson(r.payload)}`,
);
start = performance.now();
let sink = 0;
for (const body of bodies) sink ^= createHash('sha256').update(body).digest()[0];
const shaPerSec = report('peer: node:crypto SHA-256 of the same bytes only', M, performance.now() - start);
console.log(`  ratio verify / bare SHA-256: ${(verifyPerSec / shaPerSec).toFixed(2)}x (checksum ${sink})`);
{
  const sqlite = new SqliteSink({ path: join(dir, 'g.db') });
  start = performance.now();
  const all = [];
  for (let after = 0; ; ) {
    const page = await sqlite.read(after, 10_000);
    if (page.length === 0) break;
    all.push(...page);
    after = page[page.length - 1].seq;
  }
  const readMs = performance.now() - start;
  const vStart = performance.now();
  const ok = verifyRecords(all).ok;
  report(`SQLite read ${all.length} records (ok=${ok})`, all.length, readMs);
  report('verify those records', all.length, performance.now() - vStart);
  await sqlite.close();
}
rmSync(dir, { recursive: true, force: true });
