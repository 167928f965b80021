// The engine on one core, literally: bench/engine.mjs runs this file under `taskset -c 0`, so the engine and
// V8's garbage-collector helper threads share a single CPU; prints the SMA 10/30 figures as JSON.
import { benchBars, smaConfig, timeEngine } from './bench-bars.mjs';

const { real, series, bars } = benchBars();
const { rates, rate, trades } = timeEngine(
  real,
  series,
  bars,
  smaConfig(10, 30),
  Number(process.env.BENCH_REPS ?? 5),
);
process.stdout.write(`${JSON.stringify({ rates, rate, trades })}\n`);
