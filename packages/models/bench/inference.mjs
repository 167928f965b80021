// Inference benchmark of the shipped model: single-window latency (p50/p99) and batch-256 throughput with
// 1 and 2 intra-op threads, in-thread and in a worker. Run: npm run bench -w @rrr/models
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { DirectionWorker, loadBundledModel } from '../dist/index.js';

const fixture = JSON.parse(readFileSync(new URL('../test/fixtures/parity.json', import.meta.url), 'utf8'));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function bench(threads) {
  const model = await loadBundledModel({ session: { intraOpThreads: threads, interOpThreads: 1 } });
  const columns = model.card.features.names;
  const windows = fixture.windows.map((rows) => ({ columns, data: rows.flat() }));
  const one = windows[0];
  for (let i = 0; i < 200; i++) await model.probabilities(one);
  const times = [];
  for (let i = 0; i < 3000; i++) {
    const start = process.hrtime.bigint();
    await model.probabilities(windows[i % windows.length]);
    times.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  times.sort((a, b) => a - b);
  const batch = Array.from({ length: 256 }, (_, i) => windows[i % windows.length]);
  await model.probabilitiesBatch(batch);
  const runs = 30;
  let start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await model.probabilitiesBatch(batch);
  const batchSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const worker = await DirectionWorker.start(model, {
    session: { intraOpThreads: threads, interOpThreads: 1 },
  });
  await worker.probabilitiesBatch(batch);
  start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await worker.probabilitiesBatch(batch);
  const workerSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  await worker.terminate();
  await model.release();
  return {
    threads,
    p50: percentile(times, 0.5),
    p90: percentile(times, 0.9),
    p99: percentile(times, 0.99),
    batchPerSecond: (runs * 256) / batchSeconds,
    workerPerSecond: (runs * 256) / workerSeconds,
  };
}

console.log(
  `${cpus().length} CPUs, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (other processes inflate the tail)`,
);
const results = [];
for (const threads of [1, 2]) results.push(await bench(threads));
console.log(
  `model: ${JSON.parse(readFileSync(new URL('../model/direction-btcusdt-1h.card.json', import.meta.url), 'utf8')).name}, window ${fixture.windows[0].length} x ${fixture.windows[0][0].length}`,
);
for (const r of results) {
  console.log(
    `threads=${r.threads}: single window p50 ${r.p50.toFixed(1)} us, p90 ${r.p90.toFixed(1)} us, p99 ${r.p99.toFixed(1)} us; ` +
      `batch-256 ${r.batchPerSecond.toFixed(0)} windows/s in-thread, ${r.workerPerSecond.toFixed(0)} windows/s in worker`,
  );
}
const [a, b] = results;
console.log(
  `ratio 2 threads / 1 thread: p50 ${(b.p50 / a.p50).toFixed(2)}x, batch throughput ${(b.batchPerSecond / a.batchPerSecond).toFixed(2)}x`,
);
