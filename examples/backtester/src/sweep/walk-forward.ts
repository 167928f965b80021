import { loadFile } from '../data/bars.js';
import type { BacktestConfig } from '../engine/config.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Grid } from './grid.js';
import { runJob, type TimeRange } from './job.js';
import { SweepPool } from './pool.js';
import { runSweep } from './sweep.js';

/** One walk-forward fold: the parameters chosen in sample and their out-of-sample result. */
export interface WalkForwardFold {
  /** In-sample range (optimisation). */
  readonly inSample: TimeRange;
  /** Out-of-sample range (test, the bars right after the in-sample range). */
  readonly outOfSample: TimeRange;
  /** Best parameters in sample by the chosen metric. */
  readonly params: Readonly<Record<string, number>>;
  /** In-sample metrics of those parameters. */
  readonly inSampleMetrics: Metrics;
  /** Out-of-sample metrics of those parameters. */
  readonly outOfSampleMetrics: Metrics;
}

/** Options of {@link walkForward}. */
export interface WalkForwardOptions {
  /** Data files. */
  readonly paths: readonly string[];
  /** Base configuration. */
  readonly config: BacktestConfig;
  /** Parameter grid searched in each in-sample window. */
  readonly grid: Grid;
  /** Number of out-of-sample folds. */
  readonly folds: number;
  /** In-sample length as a multiple of the out-of-sample length (rolling window). */
  readonly inSampleRatio: number;
  /** Metric maximised in sample. */
  readonly sortBy: keyof Metrics;
  /** Worker threads for the in-sample sweeps (0 = this thread). */
  readonly threads: number;
  /** Worker script URL (see `SweepOptions.workerUrl`). */
  readonly workerUrl?: URL;
}

/**
 * Rolling walk-forward: the timeline of the first file is cut into `folds × (1 + inSampleRatio)`-sized steps;
 * each fold optimises on `inSampleRatio` steps and tests the winner on the following step. Out-of-sample
 * windows do not overlap and never precede their in-sample window.
 */
export async function walkForward(options: WalkForwardOptions): Promise<WalkForwardFold[]> {
  const files = options.paths.map((p) => loadFile(p));
  const time = files[0]?.series.time;
  if (!time || time.length === 0) throw new Error('walk-forward needs at least one non-empty data file');
  if (!Number.isInteger(options.folds) || options.folds < 1)
    throw new Error(`folds must be a positive integer (got ${options.folds})`);
  const n = time.length;
  const oos = Math.floor(n / (options.folds + options.inSampleRatio));
  const ins = oos * options.inSampleRatio;
  if (oos < 2) throw new Error(`too few bars (${n}) for ${options.folds} folds`);
  const at = (i: number): number => time[Math.min(i, n - 1)] ?? 0;
  const folds: WalkForwardFold[] = [];
  // One set of workers for every fold (started once, data shared once).
  const pool =
    options.threads > 0
      ? SweepPool.open(
          files,
          options.threads,
          options.workerUrl ?? new URL('./sweep-worker.js', import.meta.url),
        )
      : undefined;
  try {
    for (let k = 0; k < options.folds; k++) {
      const inSample = { from: at(k * oos), to: at(k * oos + ins - 1) };
      const outOfSample = { from: at(k * oos + ins), to: at(k * oos + ins + oos - 1) };
      const rows = await runSweep({
        paths: options.paths,
        files,
        config: options.config,
        grid: options.grid,
        threads: options.threads,
        sortBy: options.sortBy,
        range: inSample,
        ...(pool ? { pool } : {}),
      });
      const best = rows[0];
      if (!best) throw new Error('empty grid');
      const test = runJob(files, options.config, best.index, best.params, outOfSample);
      folds.push({
        inSample,
        outOfSample,
        params: best.params,
        inSampleMetrics: best.metrics,
        outOfSampleMetrics: test.metrics,
      });
    }
  } finally {
    await pool?.close();
  }
  return folds;
}
