// Throughput and intent-to-venue latency of OrderManager + PaperExchange, in memory and durable on SQLite.
// Run: npm run bench -w @rrr/orders   (builds first; imports the built package)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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

function venue() {
  return new PaperExchange({ markets: [market], balances: { USDT: 1e15 } });
}

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

async function run(label, store, n) {
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
  const intent = { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.001', price: '50000' };
  // warm-up
  for (let i = 0; i < 2000; i++) await manager.create({ ...intent, clientOrderId: `w-${i}` });
  latencies.length = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const id = `b-${i}`;
    starts.set(id, performance.now());
    await manager.create({ ...intent, clientOrderId: id });
  }
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  latencies.sort((a, b) => a - b);
  const perSec = n / (elapsed / 1000);
  console.log(
    `${label.padEnd(34)} ${Math.round(perSec).toLocaleString('en-US').padStart(9)} orders/s  ` +
      `(${Math.round(n / cpuSec).toLocaleString('en-US')} per CPU-second)  ` +
      `${Math.round((elapsed * 1e6) / n)
        .toLocaleString('en-US')
        .padStart(7)} ns/order  ` +
      `intent->venue p50 ${(percentile(latencies, 50) * 1000).toFixed(1)} us  p99 ${(percentile(latencies, 99) * 1000).toFixed(1)} us`,
  );
  await store.close();
  return perSec;
}

function bareVenue(n) {
  const exchange = venue();
  const intent = parseOrderIntent({
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    quantity: '0.001',
    price: '50000',
  });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) exchange.submitSync(newOrder(intent, `v-${i}`, 0));
  const elapsed = performance.now() - t0;
  const perSec = n / (elapsed / 1000);
  console.log(
    `${'PaperExchange.submitSync alone'.padEnd(34)} ${Math.round(perSec).toLocaleString('en-US').padStart(9)} orders/s`,
  );
  return perSec;
}

const dir = mkdtempSync(join(tmpdir(), 'rrr-orders-bench-'));
try {
  console.log(
    `node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (wall-clock rates drop when other processes share the CPUs)`,
  );
  const bare = bareVenue(100_000);
  const memory = await run('OrderManager + memory store', new MemoryOrderStore(), 100_000);
  const sqlite = await run(
    'OrderManager + SQLite (WAL, NORMAL)',
    SqliteOrderStore.open(join(dir, 'n.db')),
    30_000,
  );
  const sqliteFull = await run(
    'OrderManager + SQLite (WAL, FULL)',
    SqliteOrderStore.open(join(dir, 'f.db'), { synchronous: 'FULL' }),
    5_000,
  );
  const pgUrl = process.env['RRR_BENCH_PG_URL'];
  if (pgUrl) {
    const store = await PostgresOrderStore.open(pgUrl, { maxConnections: 2 });
    const pool = await import('pg').then((m) => new m.default.Pool({ connectionString: pgUrl }));
    await pool.query('TRUNCATE rrr_fills, rrr_orders');
    await pool.end();
    await run('OrderManager + PostgreSQL', store, 5_000);
  } else {
    console.log(
      'OrderManager + PostgreSQL             skipped: set RRR_BENCH_PG_URL=postgresql://... to include it',
    );
  }
  console.log(
    `ratios: memory/bare venue ${(memory / bare).toFixed(2)}, sqlite/memory ${(sqlite / memory).toFixed(2)}, sqlite FULL/NORMAL ${(sqliteFull / sqlite).toFixed(2)}`,
  );
  console.log(
    'targets: >= 100k orders/s in memory, >= 10k orders/s on SQLite, p99 intent->venue < 1 ms in memory',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
