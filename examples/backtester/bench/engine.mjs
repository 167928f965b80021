// Speed of the backtester, run on the built package: `npm run bench -w @rrr/example-backtester`.
// 1. event-driven engine (PaperExchange fills, fees, slippage, volume cap, stop/target brackets, @rrr/risk
//    sizing, one-cash-balance portfolio accounting), SMA crossover, single thread, over 1,025,088 real bars:
//    the nine embedded Binance 2024 hourly series (53,952 bars), each repeated 19 times end to end with its
//    timestamps shifted by the series' span (the prices are the real ones; each repetition starts with the
//    real jump from the series' last close back to its first open). Bars/s of wall time and bars per CPU second
//    of the process (less sensitive to other jobs on the machine), median of BENCH_REPS runs;
// 2. the peer: grademark (npm `grademark` over `data-forge` DataFrames, bench/peer-grademark.mjs), the same
//    SMA 10/30 crossover with 3%/6% stop/target over the same bars, one backtest per symbol series, summed time;
//    printed as bars/s and the ratio ours / grademark (grademark has no fees, slippage, volume cap, sizing or
//    cash, and its DataFrames and SMA columns are built before timing: the comparison favours the peer);
// 3. the vectorised SMA crossover over the same bars (plain array arithmetic, the reference);
// 4. sweep throughput on 1 and 2 worker threads over a 128-run grid (fast x slow x stop-loss x take-profit, on the real 2024 set):
//    runs/s, the speed-up, and the CPU seconds the process used per run (what the threads cost, independent of how
//    much of the machine other jobs take). Each worker pays its start and JIT warm-up once (about the cost of five
//    runs, see the README), so the grid is large enough for that to be a small part of the sweep;
// 5. the reference for the sweep's speed-up: two independent processes each running half the grid on one thread
//    (bench/independent-sweep.mjs), against one such process alone.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, floatExactSeries, runSweep, vectorisedSmaCross } from '../dist/index.js';
import { benchBars, COPIES, median, smaConfig, timeEngine } from './bench-bars.mjs';
import { independentScaling } from './independent-sweep.mjs';
import { grademarkFrame, runGrademarkSmaCross } from './peer-grademark.mjs';

const { files, real, series, bars } = benchBars();
const reps = Number(process.env.BENCH_REPS ?? 5);
// The first run over a series object checks once that its price strings are exactly its floats (then the venue is
// fed the float columns); timed here on its own, then excluded from the engine's figures like the JIT warm-up.
{
  const t0 = performance.now();
  const exact = series.map((s) => floatExactSeries(s));
  const ms = performance.now() - t0;
  console.log(
    `one-time check of the ${bars} bars' price strings against their floats (first run over a series only): ${ms.toFixed(0)} ms = ${((ms * 1e6) / bars).toFixed(0)} ns/bar; float-fed: ${exact.every(Boolean)}`,
  );
}
console.log(
  `event-driven sma-cross, 9 symbols, ${bars} real 1h bars (the 2024 set x ${COPIES}), fees 0.1% + 2 bps slippage + 10% volume cap + 3%/6% stop/target brackets + portfolio, single thread (target 1,000,000 bars/s):`,
);
// Two parameter sets: 10/30 trades every ~50 bars (the cost per trade dominates), 50/200 is the classic cross.
let eventRate = 0;
let eventTrades = 0;
for (const [fast, slow] of [
  [10, 30],
  [50, 200],
]) {
  const { rates, rate, cpuRate, trades } = timeEngine(real, series, bars, smaConfig(fast, slow), reps);
  if (eventRate === 0) {
    eventRate = rate;
    eventTrades = trades;
  }
  console.log(
    `  SMA ${fast}/${slow}: ${Math.round(rate)} bars/s wall (median of ${reps}: ${rates.map((x) => Math.round(x)).join(', ')}), ${Math.round(cpuRate)} bars per CPU second (process CPU, GC threads included); ${trades} trades per run`,
  );
}
// Per core, literally: the same SMA 10/30 measurement in a child process pinned to one CPU with `taskset`, so the
// garbage collector's helper threads run on the same core as the engine.
{
  const child = spawnSync(
    'taskset',
    ['-c', '0', process.execPath, fileURLToPath(new URL('one-core.mjs', import.meta.url))],
    {
      encoding: 'utf8',
    },
  );
  if (child.error || child.status !== 0) {
    console.log(`  SMA 10/30 on one core: skipped (taskset: ${child.error?.message ?? child.stderr.trim()})`);
  } else {
    const pinned = JSON.parse(child.stdout);
    console.log(
      `  SMA 10/30 on one core (taskset -c 0, GC helper threads on the same core): ${Math.round(pinned.rate)} bars/s (median of ${pinned.rates.length}: ${pinned.rates.map((x) => Math.round(x)).join(', ')}); ${pinned.trades} trades per run`,
    );
  }
}

{
  // Peer: grademark on the same repeated series, one backtest per symbol. The DataFrames (with the SMA columns)
  // are built here, outside the timed region; only grademark's `backtest` is timed.
  const brackets = { stopLossPct: 0.03, takeProfitPct: 0.06 };
  for (const s of real) runGrademarkSmaCross(grademarkFrame(s, 10, 30), brackets); // warm-up
  const frames = series.map((s) => grademarkFrame(s, 10, 30));
  const rates = [];
  const cpuRates = [];
  let trades = 0;
  for (let r = 0; r < reps; r++) {
    trades = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const frame of frames) trades += runGrademarkSmaCross(frame, brackets).length;
    rates.push(bars / ((performance.now() - t0) / 1000));
    const cpu = process.cpuUsage(cpu0);
    cpuRates.push(bars / ((cpu.user + cpu.system) / 1e6));
  }
  const peerRate = median(rates);
  console.log(
    `peer grademark 0.3.0 sma-cross 10/30 + 3%/6% stop/target, same ${bars} bars, one backtest per symbol (no fees, no slippage, no volume cap, no sizing, no cash/portfolio; next-open fills; SMA columns precomputed): ${Math.round(peerRate)} bars/s wall (median of ${reps}: ${rates.map((x) => Math.round(x)).join(', ')}), ${Math.round(median(cpuRates))} bars per CPU second; ${trades} trades per run (ours ${eventTrades})`,
  );
  console.log(
    `  ours / grademark on SMA 10/30: ${(eventRate / peerRate).toFixed(2)}x (ours does fees, slippage, volume cap, sizing and portfolio cash per trade; grademark does none)`,
  );
}

const vrates = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
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
  vrates.push(bars / ((performance.now() - t0) / 1000));
}
const vectorRate = median(vrates);
console.log(
  `vectorised sma-cross 10/30 (no brackets, no volume cap): ${Math.round(vectorRate)} bars/s (${(vectorRate / eventRate).toFixed(1)}x the event-driven engine on 10/30)`,
);

const grid = {
  fast: [5, 10, 20, 40],
  slow: [50, 100, 150, 200],
  stopLossPct: [0, 0.02, 0.03, 0.05],
  takeProfitPct: [0, 0.06],
};
const paths = files.map((f) => f.path);
const sweepConfig = { ...DEFAULT_CONFIG, strategy: 'sma-cross' };
const workerUrl = new URL(join('..', 'dist', 'sweep-worker.js'), import.meta.url);
const barsPerRun = real.reduce((a, s) => a + s.time.length, 0);
const sweepRates = [];
for (const threads of [1, 2]) {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const rows = await runSweep({
    paths,
    files,
    config: sweepConfig,
    grid,
    threads,
    sortBy: 'sharpe',
    workerUrl,
  });
  const s = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sweepRates.push(rows.length / s);
  console.log(
    `sweep ${rows.length} runs x ${barsPerRun} bars on ${threads} thread(s): ${s.toFixed(2)} s = ${(rows.length / s).toFixed(2)} runs/s; CPU ${(cpuSeconds / rows.length).toFixed(3)} s per run`,
  );
}
const sweepSpeedUp = (sweepRates[1] ?? 0) / (sweepRates[0] ?? 1);
console.log(
  `sweep speed-up 2 threads vs 1: ${sweepSpeedUp.toFixed(2)}x (machine reports ${availableParallelism()} cores; load average now ${(await import('node:os')).loadavg()[0].toFixed(2)})`,
);
const independent = await independentScaling();
console.log(
  `two independent processes, each a 64-run sweep on one thread (no shared heap, GC or data): ${independent.alone.toFixed(2)} runs/s alone, ${independent.together.toFixed(2)} runs/s together = ${independent.speedUp.toFixed(2)}x, the most this machine gives two such jobs; the sweep reaches ${((100 * sweepSpeedUp) / independent.speedUp).toFixed(0)}% of it`,
);
