// Benchmark of @rrr/audit (built package). Every figure is the median of 3 runs.
//  - durable appends/s with group commit (SQLite, JSONL and, when AUDIT_BENCH_PG_URL is set, PostgreSQL)
//    against one-at-a-time appends, raw better-sqlite3 inserts of the same rows, and the disk's fdatasync rate;
//  - verification records/s of a stored SQLite log (worker threads, one thread, and the generic read-and-verify
//    path) and of in-memory records, against bare SHA-256 of the same bytes and a bare read of the same rows.
// Targets (issue 7): >= 50,000 durable events/s on SQLite with batching, verify >= 1,000,000 records/s.
// Run: npm run bench -w @rrr/audit   (optional: AUDIT_BENCH_PG_URL=postgresql://user@host/db;
//      AUDIT_BENCH_ONLY=verify skips the appends)
import { closeSync, fdatasyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  AuditLog,
  ChainVerifier,
  canonicalJson,
  GENESIS_HASH,
  hashRecord,
  JsonlSink,
  verifyRecords,
  verifySink,
} from '../dist/index.js';
import { SqliteSink } from '../dist/sqlite/index.js';

const APPEND_TARGET = 50_000;
const VERIFY_TARGET = 1_000_000;
const RUNS = 3;

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
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/**
 * Runs `run(rep)` (which returns elapsed ms) RUNS times and prints the median rate, every run's rate, and the
 * CPU time per operation of the median run (all threads of the process; it shows the cost when other
 * processes compete for the cores and wall-clock rates drop).
 */
async function measure(name, count, run) {
  const runs = [];
  for (let rep = 0; rep < RUNS; rep++) {
    const cpu = process.cpuUsage();
    const ms = await run(rep);
    const used = process.cpuUsage(cpu);
    runs.push({ ms, cpuUs: (used.user + used.system) / count });
  }
  const mid = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(RUNS / 2)];
  const perSec = (count / mid.ms) * 1000;
  const spread = runs.map((r) => fmt((count / r.ms) * 1000)).join(' / ');
  console.log(
    `${name.padEnd(60)} ${String(count).padStart(7)} in ${mid.ms.toFixed(0).padStart(5)} ms = ${fmt(perSec).padStart(10)} /s  cpu ${mid.cpuUs.toFixed(2).padStart(6)} us/op  [${spread}]`,
  );
  return perSec;
}
const ratio = (label, value) => console.log(`  ${label}: ${value.toFixed(2)}x`);

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

/** Sealed rows exactly as the SQLite sink stores them, hashed outside the timed section. */
function sealedRows(n, prefix) {
  const rows = [];
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const e = fill(i, prefix);
    const unsealed = { seq: i + 1, id: e.id, ts: clock.now(), actor: e.actor, kind: e.kind, tenant: null };
    const hash = hashRecord({ ...unsealed, payload: e.payload, prevHash });
    const payload = canonicalJson(e.payload);
    rows.push([i + 1, e.id, unsealed.ts, e.actor, e.kind, null, payload, prevHash, hash, e.payload.orderId]);
    prevHash = hash;
  }
  return rows;
}

console.log(
  `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), median of ${RUNS} runs [all runs]`,
);
if (process.env.AUDIT_BENCH_ONLY !== 'verify') {
  console.log('\ndurable appends (each append resolves only after its batch is committed and fsynced)');
  const fsyncPerSec = await measure('disk: write 4 KiB + fdatasync, one at a time', 500, () => {
    const fd = openSync(join(dir, 'fsync.bin'), 'w');
    const page = Buffer.alloc(4096, 1);
    const start = performance.now();
    for (let i = 0; i < 500; i++) {
      writeSync(fd, page);
      fdatasyncSync(fd);
    }
    const ms = performance.now() - start;
    closeSync(fd);
    return ms;
  });
  const N = 50_000;
  const sqliteGrouped = await measure('SQLite  AuditLog, group commit (5000 in flight)', N, (rep) =>
    grouped(new SqliteSink({ path: join(dir, `g${rep}.db`) }), N, 5000, 'g'),
  );
  ratio(`vs target ${fmt(APPEND_TARGET)}/s`, sqliteGrouped / APPEND_TARGET);
  const sqliteSingle = await measure('SQLite  AuditLog, one append at a time', 500, (rep) =>
    oneByOne(new SqliteSink({ path: join(dir, `s${rep}.db`) }), 500, 's'),
  );
  ratio('group commit / one-at-a-time', sqliteGrouped / sqliteSingle);
  ratio('one-at-a-time / disk fdatasync rate', sqliteSingle / fsyncPerSec);
  {
    const rows = sealedRows(N, 'raw');
    const rawSchema = await measure('peer: raw better-sqlite3, same rows + schema, 2000/txn', N, (rep) => {
      const path = join(dir, `raw${rep}.db`);
      new SqliteSink({ path }).close();
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      const insert = db.prepare(
        'INSERT INTO audit_log (seq, id, ts, actor, kind, tenant, payload, prev_hash, hash, order_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const tx = db.transaction((from, to) => {
        for (let i = from; i < to; i++) insert.run(rows[i]);
      });
      const start = performance.now();
      for (let base = 0; base < N; base += 2000) tx.immediate(base, base + 2000);
      const ms = performance.now() - start;
      db.close();
      return ms;
    });
    const rawBare = await measure('peer: raw better-sqlite3, one-index table, no hashing', N, (rep) => {
      const db = new Database(join(dir, `bare${rep}.db`));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec('CREATE TABLE t (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, payload TEXT)');
      const insert = db.prepare('INSERT INTO t (seq, id, payload) VALUES (?, ?, ?)');
      const tx = db.transaction((from, to) => {
        for (let i = from; i < to; i++) insert.run(i + 1, rows[i][1], rows[i][6]);
      });
      const start = performance.now();
      for (let base = 0; base < N; base += 2000) tx(base, base + 2000);
      const ms = performance.now() - start;
      db.close();
      return ms;
    });
    ratio('AuditLog group commit / raw inserts of the same rows and schema', sqliteGrouped / rawSchema);
    ratio('AuditLog group commit / raw one-index table', sqliteGrouped / rawBare);
  }
  await measure('JSONL   AuditLog, group commit (5000 in flight)', N, async (rep) =>
    grouped(await JsonlSink.open({ directory: join(dir, `jg${rep}`) }), N, 5000, 'j'),
  );
  await measure('JSONL   AuditLog, one append at a time', 500, async (rep) =>
    oneByOne(await JsonlSink.open({ directory: join(dir, `js${rep}`) }), 500, 'js'),
  );
  if (process.env.AUDIT_BENCH_PG_URL) {
    const { PostgresSink } = await import('../dist/postgres/index.js');
    await measure('PostgreSQL AuditLog, group commit (5000 in flight)', 20_000, async (rep) => {
      const sink = await PostgresSink.open({ connectionString: process.env.AUDIT_BENCH_PG_URL });
      return grouped(sink, 20_000, 5000, `pg${Date.now()}-${rep}`);
    });
  } else {
    console.log('PostgreSQL: skipped (set AUDIT_BENCH_PG_URL to a database the user may migrate)');
  }
}

console.log('\nverification of a stored SQLite log');
const M = 300_000;
const logPath = join(dir, 'verify.db');
{
  const sink = new SqliteSink({ path: logPath });
  const log = new AuditLog({ sink, clock, maxBatchSize: 10_000 });
  for (let base = 0; base < M; base += 10_000) {
    await Promise.all(Array.from({ length: 10_000 }, (_, k) => log.append(fill(base + k, 'v'))));
  }
  await log.close();
}
async function verifyStored(workers) {
  const sink = new SqliteSink({ path: logPath, verifyWorkers: workers });
  const start = performance.now();
  const result = await verifySink(sink);
  const ms = performance.now() - start;
  await sink.close();
  if (!result.ok || result.count !== M)
    throw new Error(`bench log did not verify: ${JSON.stringify(result)}`);
  return ms;
}
{
  // How many worker threads the default setting uses on this machine (internal hook, for the printout only).
  const sink = new SqliteSink({ path: logPath });
  const scan = await sink[Symbol.for('@rrr/audit/scan-chain')]({ seq: 0, hash: GENESIS_HASH }, new Map());
  await sink.close();
  console.log(`(default verifyWorkers splits ${fmt(M)} records across ${scan.workers} worker threads)`);
}
const verifyParallel = await measure('verifySink(SqliteSink), default (worker threads)', M, () =>
  verifyStored(undefined),
);
ratio(`vs target ${fmt(VERIFY_TARGET)}/s`, verifyParallel / VERIFY_TARGET);
const verifyOneThread = await measure('verifySink(SqliteSink), verifyWorkers: 0 (one thread)', M, () =>
  verifyStored(0),
);
const verifyGeneric = await measure('generic path: sink.read pages + ChainVerifier.push', M, async () => {
  const sink = new SqliteSink({ path: logPath, verifyWorkers: 0 });
  const start = performance.now();
  const verifier = new ChainVerifier();
  for (let after = 0; ; ) {
    const page = await sink.read(after, 10_000);
    if (page.length === 0) break;
    for (const record of page) verifier.push(record);
    after = page[page.length - 1].seq;
  }
  const ms = performance.now() - start;
  if (!verifier.finish().ok) throw new Error('generic path failed');
  await sink.close();
  return ms;
});
ratio('worker threads / generic path', verifyParallel / verifyGeneric);
ratio('one thread / generic path', verifyOneThread / verifyGeneric);
{
  const db = new Database(logPath, { readonly: true });
  const bodies = db
    .prepare(
      'SELECT json_array(1, seq, id, ts, actor, kind, tenant, prev_hash) || char(10) || payload FROM audit_log ORDER BY seq',
    )
    .pluck()
    .all();
  const { hash } = await import('node:crypto');
  let checksum = 0;
  const bareHash = await measure('peer: bare crypto.hash SHA-256 of the same bytes, one thread', M, () => {
    const start = performance.now();
    for (const body of bodies) checksum ^= hash('sha256', body, 'hex').charCodeAt(0);
    return performance.now() - start;
  });
  const page = db
    .prepare(
      'SELECT seq, id, ts, actor, kind, tenant, payload, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    .raw(true);
  const bareRead = await measure('peer: bare better-sqlite3 read of the same rows, one thread', M, () => {
    const start = performance.now();
    for (let after = 0; ; ) {
      const rows = page.all(after, 10_000);
      if (rows.length === 0) break;
      after = rows[rows.length - 1][0];
    }
    return performance.now() - start;
  });
  db.close();
  ratio('one thread / bare SHA-256', verifyOneThread / bareHash);
  ratio('one thread / bare read of the same rows', verifyOneThread / bareRead);
  ratio('worker threads / bare SHA-256 (one thread)', verifyParallel / bareHash);
  ratio(
    `bare SHA-256 x ${availableParallelism()} cores (ceiling) / target`,
    (bareHash * availableParallelism()) / VERIFY_TARGET,
  );
  ratio('worker threads / bare read of the same rows', verifyParallel / bareRead);
  console.log(`  (checksum ${checksum})`);
}

console.log('\nverification of in-memory records (no stored bytes: canonical JSON + SHA-256 per record)');
const V = 200_000;
const records = [];
let prevHash = GENESIS_HASH;
for (let i = 0; i < V; i++) {
  const e = fill(i, 'm');
  const unsealed = {
    seq: i + 1,
    id: e.id,
    ts: clock.now() + i,
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
const inMemory = await measure('verifyRecords (canonical JSON + SHA-256 + links)', V, () => {
  const start = performance.now();
  const result = verifyRecords(records);
  const ms = performance.now() - start;
  if (!result.ok) throw new Error('bench chain did not verify');
  return ms;
});
ratio(`vs target ${fmt(VERIFY_TARGET)}/s`, inMemory / VERIFY_TARGET);
rmSync(dir, { recursive: true, force: true });
