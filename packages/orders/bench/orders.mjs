// Throughput and intent-to-venue latency of OrderManager + PaperExchange (in memory, durable on SQLite, on
// PostgreSQL), against baselines in the same process, and the cost of PaperExchange.onBar per bar.
// Run: npm run bench -w @rrr/orders   (builds first; imports the built package)
//      RRR_BENCH_PG_URL=postgresql://... adds the PostgreSQL lines.
//      node bench/orders.mjs orders | onbar   runs one section only.
//
// Peers: no JavaScript library we know of offers an order manager with durable intents (ccxt is an exchange
// client, not an order manager), so the comparisons are against baselines: the paper venue alone, and raw
// better-sqlite3 executing the same two row writes per order (insert the intent, update it to `new`).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Decimal } from 'decimal.js';
import {
  MemoryOrderStore,
  newOrder,
  OrderManager,
  PaperExchange,
  Portfolio,
  parseOrderIntent,
} from '../dist/index.js';
import { PostgresOrderStore } from '../dist/postgres/index.js';
import { SqliteOrderStore } from '../dist/sqlite/index.js';

const market = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', lotStep: '0.00001' };
const IN_FLIGHT = 64;

function venue() {
  return new PaperExchange({ markets: [market], balances: { USDT: 1e15 } });
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');

/** Wraps a venue so that each submit records the time since the matching create() began. */
function timed(exchange, starts, latencies) {
  return {
    id: exchange.id,
    market: (s) => exchange.market(s),
    submit: (order) => {
      const t0 = starts.get(order.clientOrderId);
      if (t0 !== undefined) latencies.push(performance.now() - t0);
      return exchange.submit(order);
    },
    cancel: (o) => exchange.cancel(o),
    modify: (o, c) => exchange.modify(o, c),
    fetchOrder: (id, s) => exchange.fetchOrder(id, s),
    fetchOpenOrders: (s) => exchange.fetchOpenOrders(s),
    fetchBalances: () => exchange.fetchBalances(),
    subscribe: (l) => exchange.subscribe(l),
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// A literal per order, as a caller builds it (a spread that adds a key is a slow path of V8 in its own right).
const intent = (clientOrderId) => ({
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  quantity: '0.001',
  price: '50000',
  clientOrderId,
});

function report(label, n, elapsedMs, cpu, latencies) {
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const perSec = n / (elapsedMs / 1000);
  const latency = latencies
    ? `  intent->venue p50 ${(percentile(latencies, 50) * 1000).toFixed(1)} us  p99 ${(percentile(latencies, 99) * 1000).toFixed(1)} us`
    : '';
  console.log(
    `${label.padEnd(44)} ${fmt(perSec).padStart(9)} orders/s  (${fmt(n / cpuSec)} per CPU-second)${latency}`,
  );
  return { perSec, perCpu: n / cpuSec, p99: latencies ? percentile(latencies, 99) : undefined };
}

/** `n` creates through an OrderManager, `inFlight` at a time (1 = each awaited before the next). */
async function run(label, store, n, inFlight = 1) {
  const starts = new Map();
  const latencies = [];
  const exchange = timed(venue(), starts, latencies);
  const manager = new OrderManager({
    exchange,
    store,
    clock: { now: () => 0 },
    portfolio: new Portfolio({ USDT: 1e15 }),
  });
  await manager.start();
  for (let i = 0; i < 2000; i++) await manager.create(intent(`w-${i}`)); // warm-up
  latencies.length = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i += inFlight) {
    if (inFlight === 1) {
      const id = `b-${i}`;
      starts.set(id, performance.now());
      await manager.create(intent(id));
      continue;
    }
    const wave = [];
    for (let j = i; j < Math.min(n, i + inFlight); j++) {
      const id = `b-${j}`;
      starts.set(id, performance.now());
      wave.push(manager.create(intent(id)));
    }
    await Promise.all(wave);
  }
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  await store.close();
  return report(label, n, elapsed, cpu, latencies);
}

function bareVenue(n) {
  const exchange = venue();
  const parsed = parseOrderIntent(intent(undefined));
  const orders = Array.from({ length: n }, (_, i) => newOrder(parsed, `v-${i}`, 0));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const order of orders) exchange.submitSync(order);
  return report('PaperExchange.submitSync alone', n, performance.now() - t0, process.cpuUsage(cpu0));
}

/**
 * Raw better-sqlite3 on the store's schema: per order the same two writes the store makes (insert the
 * `pending_new` row, update it to `new` with the venue id), each in its own transaction or `batch` orders per
 * transaction. What a hand-written persistence layer costs, without any order logic.
 */
function rawSqlite(label, file, n, batch, synchronous) {
  SqliteOrderStore.open(file, { synchronous }).close(); // creates the schema
  const db = new Database(file);
  db.pragma('locking_mode = EXCLUSIVE'); // as the store holds its file (option `exclusive`, default true)
  db.pragma('wal_autocheckpoint = 10000'); // and checkpoints (option `walAutocheckpoint`)
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  const row = (i, status, version) => ({
    client_order_id: `r-${i}`,
    venue_order_id: status === 'new' ? `v-${i}` : null,
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    time_in_force: 'GTC',
    quantity: '0.001',
    price: '50000',
    stop_price: null,
    reduce_only: 0,
    status,
    filled_quantity: '0',
    average_fill_price: null,
    fees: '0',
    fee_currency: null,
    reason_code: null,
    reason: null,
    created_at: 0,
    updated_at: 0,
    version,
  });
  // The store's columns, in the order of its codec; the statements are built from the row's keys.
  const columns = Object.keys(row(0, 'pending_new', 1));
  const insert = db.prepare(
    `INSERT INTO orders (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const update = db.prepare(
    `UPDATE orders SET ${columns
      .slice(1)
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE client_order_id = @client_order_id AND version = @expected_version`,
  );
  const inserts = db.transaction((from, to) => {
    for (let i = from; i < to; i++) insert.run(row(i, 'pending_new', 1));
  });
  const updates = db.transaction((from, to) => {
    for (let i = from; i < to; i++) update.run({ ...row(i, 'new', 2), expected_version: 1 });
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i += batch) {
    const to = Math.min(n, i + batch);
    inserts(i, to);
    updates(i, to);
  }
  const result = report(label, n, performance.now() - t0, process.cpuUsage(cpu0));
  db.close();
  return result;
}

/** Real Binance BTC/USDT 1h bars (test/fixtures, provenance in its README), values as strings. */
function fixtureBars() {
  const text = readFileSync(
    new URL('../test/fixtures/binance_BTCUSDT_1h_2024-08-04_07.csv', import.meta.url),
    'utf8',
  );
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [t, open, high, low, close, volume] = line.split(',');
      return { symbol: 'BTC/USDT', timestamp: Number(t), open, high, low, close, volume };
    });
}

/** ns per onBar over `n` bars (the 71 real bars cycled), with `resting` orders out of reach. */
function onBarCost(label, bars, resting, n) {
  const exchange = new PaperExchange({ markets: [market], balances: { USDT: 1e12 } });
  for (let k = 0; k < resting; k++) {
    const buy = k % 2 === 0;
    exchange.submitSync(
      newOrder(
        parseOrderIntent({
          symbol: 'BTC/USDT',
          side: buy ? 'buy' : 'sell',
          type: k % 3 === 2 ? 'stop' : 'limit',
          quantity: '0.001',
          ...(k % 3 === 2 ? { stopPrice: buy ? '90000' : '20000' } : { price: buy ? '20000' : '90000' }),
        }),
        `rest-${k}`,
        0,
      ),
    );
  }
  for (let i = 0; i < 20_000; i++) exchange.onBar(bars[i % bars.length]); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) exchange.onBar(bars[i % bars.length]);
  const ns = ((performance.now() - t0) * 1e6) / n;
  console.log(`${label.padEnd(44)} ${ns.toFixed(0).padStart(9)} ns/bar`);
  return ns;
}

const dir = mkdtempSync(join(tmpdir(), 'rrr-orders-bench-'));
try {
  console.log(
    `node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (wall-clock rates drop when other processes share the CPUs; per CPU-second rates less so)`,
  );
  const section = process.argv[2];
  if (section !== 'onbar') await createSection();
  if (section !== 'orders') onBarSection();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function createSection() {
  console.log('\n== create(): intent validated, stored, sent to the venue, acknowledgement stored ==');
  const bare = bareVenue(100_000);
  const memory = await run('OrderManager + memory store', new MemoryOrderStore(), 100_000);
  const sqlite = await run(
    'OrderManager + SQLite (WAL, NORMAL)',
    SqliteOrderStore.open(join(dir, 'n.db')),
    30_000,
  );
  const sqliteGroup = await run(
    `OrderManager + SQLite (WAL, NORMAL), ${IN_FLIGHT} in flight`,
    SqliteOrderStore.open(join(dir, 'ng.db')),
    60_000,
    IN_FLIGHT,
  );
  const rawOne = rawSqlite(
    'raw better-sqlite3, 1 order per transaction',
    join(dir, 'r1.db'),
    30_000,
    1,
    'NORMAL',
  );
  const rawGroup = rawSqlite(
    `raw better-sqlite3, ${IN_FLIGHT} orders per transaction`,
    join(dir, 'rg.db'),
    60_000,
    IN_FLIGHT,
    'NORMAL',
  );
  const full = await run(
    'OrderManager + SQLite (WAL, FULL)',
    SqliteOrderStore.open(join(dir, 'f.db'), { synchronous: 'FULL' }),
    5_000,
  );
  const fullGroup = await run(
    `OrderManager + SQLite (WAL, FULL), ${IN_FLIGHT} in flight`,
    SqliteOrderStore.open(join(dir, 'fg.db'), { synchronous: 'FULL' }),
    20_000,
    IN_FLIGHT,
  );
  const pgUrl = process.env['RRR_BENCH_PG_URL'];
  if (pgUrl) {
    const pg = await import('pg').then((m) => m.default);
    const truncate = async () => {
      const pool = new pg.Pool({ connectionString: pgUrl });
      await pool.query('TRUNCATE rrr_fills, rrr_orders').catch(() => undefined); // absent before the first open
      await pool.end();
    };
    await truncate();
    await run(
      'OrderManager + PostgreSQL',
      await PostgresOrderStore.open(pgUrl, { maxConnections: 2 }),
      5_000,
    );
    // group commit against the same store committing each write alone on a pool of 8 connections (what it did
    // before group commit), alternated, same process, same server
    const pgGroup = [];
    const pgAlone = [];
    for (let round = 0; round < 2; round++) {
      await truncate();
      pgGroup.push(
        await run(
          `OrderManager + PostgreSQL, ${IN_FLIGHT} in flight, group commit`,
          await PostgresOrderStore.open(pgUrl, { maxConnections: 8 }),
          20_000,
          IN_FLIGHT,
        ),
      );
      await truncate();
      pgAlone.push(
        await run(
          `OrderManager + PostgreSQL, ${IN_FLIGHT} in flight, one transaction per write`,
          await PostgresOrderStore.open(pgUrl, { maxConnections: 8, groupCommit: false }),
          20_000,
          IN_FLIGHT,
        ),
      );
    }
    const best = (runs) => Math.max(...runs.map((r) => r.perSec));
    console.log(
      `ratio: PostgreSQL group commit / one transaction per write, ${IN_FLIGHT} in flight (best of 2 each): ` +
        `${(best(pgGroup) / best(pgAlone)).toFixed(2)}`,
    );
  } else {
    console.log(
      'OrderManager + PostgreSQL                    skipped: set RRR_BENCH_PG_URL=postgresql://... to include it',
    );
  }
  console.log(
    `ratios: memory/bare venue ${(memory.perCpu / bare.perCpu).toFixed(2)}, SQLite/raw better-sqlite3 ` +
      `${(sqlite.perCpu / rawOne.perCpu).toFixed(2)} (1 per transaction) and ` +
      `${(sqliteGroup.perCpu / rawGroup.perCpu).toFixed(2)} (${IN_FLIGHT} per transaction), ` +
      `group commit/sequential ${(sqliteGroup.perSec / sqlite.perSec).toFixed(1)}x (NORMAL) ` +
      `${(fullGroup.perSec / full.perSec).toFixed(1)}x (FULL)   [ratios of per-CPU-second rates, except group/sequential]`,
  );
  const ratio = (x, target) => (x / target).toFixed(2);
  console.log('targets (ratio = measured / target, >= 1 is met; wall clock, per CPU-second in brackets):');
  console.log(
    `  >= 100k orders/s in memory:         ${fmt(memory.perSec)} -> ${ratio(memory.perSec, 1e5)} [${ratio(memory.perCpu, 1e5)}]`,
  );
  console.log(
    `  >= 10k orders/s durable on SQLite:  sequential ${fmt(sqlite.perSec)} -> ${ratio(sqlite.perSec, 1e4)} [${ratio(sqlite.perCpu, 1e4)}],` +
      ` ${IN_FLIGHT} in flight ${fmt(sqliteGroup.perSec)} -> ${ratio(sqliteGroup.perSec, 1e4)} [${ratio(sqliteGroup.perCpu, 1e4)}]`,
  );
  console.log(
    `  p99 intent->venue < 1 ms in memory: ${(memory.p99 * 1000).toFixed(1)} us -> ${ratio(1, memory.p99)} (target / measured)`,
  );
}

function onBarSection() {
  console.log('\n== PaperExchange.onBar (real 1h bars cycled, resting orders out of reach) ==');
  const bars = fixtureBars();
  const numbers = bars.map((b) => ({
    ...b,
    open: Number(b.open),
    high: Number(b.high),
    low: Number(b.low),
    close: Number(b.close),
    volume: Number(b.volume),
  }));
  const decimals = bars.map((b) => ({
    ...b,
    open: new Decimal(b.open),
    high: new Decimal(b.high),
    low: new Decimal(b.low),
    close: new Decimal(b.close),
    volume: new Decimal(b.volume),
  }));
  const bars0 = onBarCost('onBar, strings, 0 resting orders', bars, 0, 1_000_000);
  const bars5 = onBarCost('onBar, strings, 5 resting orders', bars, 5, 1_000_000);
  onBarCost('onBar, numbers, 0 resting orders', numbers, 0, 1_000_000);
  const numbers5 = onBarCost('onBar, numbers, 5 resting orders', numbers, 5, 1_000_000);
  const exact5 = onBarCost('onBar, Decimals (exact rules), 5 resting', decimals, 5, 200_000);

  console.log(
    `target: about 1 us per bar in total for a backtest; onBar takes ${bars5.toFixed(0)} ns (strings), ` +
      `${numbers5.toFixed(0)} ns (numbers) with 5 resting orders out of reach, ${bars0.toFixed(0)} ns with none; ` +
      `the exact Decimal rules take ${exact5.toFixed(0)} ns (${(exact5 / bars5).toFixed(1)}x the strings path)`,
  );
}
