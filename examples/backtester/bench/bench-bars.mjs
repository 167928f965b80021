// The bars every engine measurement of the backtester bench runs on, and the timing of one configuration.
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, loadData, runBacktest } from '../dist/index.js';

/** How many times each embedded series is repeated: 19 x 53,952 = 1,025,088 bars. */
export const COPIES = 19;
const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'];

/** The series `copies` times end to end, timestamps shifted by its span (one bar length after its last bar). */
function repeatSeries(s, copies) {
  const n = s.time.length;
  const span = s.time[n - 1] - s.time[0] + (s.time[1] - s.time[0]);
  const out = { symbol: s.symbol, raw: new Array(n * copies) };
  for (const f of FIELDS) out[f] = new Float64Array(n * copies);
  for (let k = 0; k < copies; k++) {
    for (const f of FIELDS) out[f].set(s[f], k * n);
    for (let i = 0; i < n; i++) {
      out.time[k * n + i] = s.time[i] + k * span;
      out.raw[k * n + i] = s.raw[i];
    }
  }
  return out;
}

/**
 * The embedded data files, their series, and those series repeated {@link COPIES} times (real prices; each
 * repetition starts with the real jump from the last close back to the first open).
 *
 * @example
 * ```js
 * const { files, real, series, bars } = benchBars();
 * ```
 */
export function benchBars() {
  const files = loadData(fileURLToPath(new URL('../data/', import.meta.url)));
  const real = files.map((f) => f.series);
  const series = real.map((s) => repeatSeries(s, COPIES));
  return { files, real, series, bars: series.reduce((a, s) => a + s.time.length, 0) };
}

/** The SMA crossover of the bench with 3 % / 6 % brackets. */
export function smaConfig(fast, slow) {
  return {
    ...DEFAULT_CONFIG,
    strategy: 'sma-cross',
    params: { fast, slow, stopLossPct: 0.03, takeProfitPct: 0.06 },
  };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times `reps` runs of `config` over `series` after two warm-up runs (the JIT's optimised code, on `real` and once
 * over the timed bars, which also makes the one-time float check of the series): wall bars/s and bars per CPU
 * second of the process, each run's figure and the median.
 *
 * @example
 * ```js
 * const { rate, cpuRate, trades } = timeEngine(real, series, bars, smaConfig(10, 30), 5);
 * ```
 */
export function timeEngine(real, series, bars, config, reps) {
  runBacktest(real, config);
  runBacktest(series, config);
  const rates = [];
  const cpuRates = [];
  let trades = 0;
  for (let r = 0; r < reps; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    trades = runBacktest(series, config).trades.length;
    rates.push(bars / ((performance.now() - t0) / 1000));
    const cpu = process.cpuUsage(cpu0);
    cpuRates.push(bars / ((cpu.user + cpu.system) / 1e6));
  }
  return { rates, rate: median(rates), cpuRate: median(cpuRates), trades };
}
