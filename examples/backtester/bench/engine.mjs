// Speed of the backtester, run on the built package: `npm run bench -w @rrr/example-backtester`.
// 1. event-driven engine (PaperExchange + @rrr/risk sizing + brackets + portfolio accounting), SMA crossover
//    over the nine embedded symbols, single thread: bars/s;
// 2. the vectorised SMA crossover over the same bars (array arithmetic, reference);
// 3. sweep throughput on 1 and 2 worker threads: runs/s and the speed-up.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, loadData, runBacktest, runSweep, vectorisedSmaCross } from '../dist/index.js';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const files = loadData(dataDir);
const series = files.map((f) => f.series);
const barsPerRun = series.reduce((a, s) => a + s.time.length, 0);
const config = {
  ...DEFAULT_CONFIG,
  strategy: 'sma-cross',
  params: { fast: 10, slow: 30, stopLossPct: 0.03, takeProfitPct: 0.06 },
};

runBacktest(series, config); // warm-up
const reps = Number(process.env.BENCH_REPS ?? 3);
let t0 = performance.now();
let trades = 0;
for (let r = 0; r < reps; r++) trades += runBacktest(series, config).trades.length;
let seconds = (performance.now() - t0) / 1000;
const eventRate = (reps * barsPerRun) / seconds;
console.log(
  `event-driven sma-cross, 9 symbols x ~6000 1h bars, fees 0.1% + 2 bps slippage + 10% volume cap + stop/target brackets:`,
);
console.log(
  `  ${reps * barsPerRun} bars in ${seconds.toFixed(2)} s = ${Math.round(eventRate)} bars/s (${trades / reps} trades per run)`,
);

t0 = performance.now();
const vreps = 50;
for (let r = 0; r < vreps; r++) {
  for (const s of series) {
    vectorisedSmaCross(s, {
      fast: 10,
      slow: 30,
      initialCash: 10_000,
      feeRate: 0.001,
      fraction: 0.95,
      lotStep: 0.00001,
    });
  }
}
seconds = (performance.now() - t0) / 1000;
const vectorRate = (vreps * barsPerRun) / seconds;
console.log(
  `vectorised sma-cross (no brackets, no volume cap): ${Math.round(vectorRate)} bars/s (${(vectorRate / eventRate).toFixed(0)}x the event-driven engine)`,
);

const grid = { fast: [5, 10, 20, 40], slow: [50, 100] };
const paths = files.map((f) => f.path);
const sweepConfig = { ...DEFAULT_CONFIG, strategy: 'sma-cross' };
const workerUrl = new URL(join('..', 'dist', 'sweep-worker.js'), import.meta.url);
const rates = [];
for (const threads of [1, 2]) {
  const start = performance.now();
  const rows = await runSweep({ paths, config: sweepConfig, grid, threads, sortBy: 'sharpe', workerUrl });
  const s = (performance.now() - start) / 1000;
  rates.push(rows.length / s);
  console.log(
    `sweep ${rows.length} runs x ${barsPerRun} bars on ${threads} thread(s): ${s.toFixed(2)} s = ${(rows.length / s).toFixed(2)} runs/s, ${Math.round((rows.length * barsPerRun) / s)} bars/s`,
  );
}
console.log(
  `sweep speed-up 2 threads vs 1: ${((rates[1] ?? 0) / (rates[0] ?? 1)).toFixed(2)}x (machine reports ${availableParallelism()} cores, shared)`,
);
