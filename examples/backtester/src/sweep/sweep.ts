import { type DataFile, loadFile } from '../data/bars.js';
import type { BacktestConfig } from '../engine/config.js';
import type { Metrics } from '../metrics/metrics.js';
import { expandGrid, type Grid } from './grid.js';
import { runJob, type SweepRow, type TimeRange } from './job.js';
import { SweepPool } from './pool.js';

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** Data files (paths); loaded once in this thread, and shared with the workers (not parsed again there). */
  readonly paths: readonly string[];
  /** The files of `paths` already loaded (skips loading them again, e.g. across walk-forward folds). */
  readonly files?: readonly DataFile[];
  /** Base configuration; grid values override its strategy parameters. */
  readonly config: BacktestConfig;
  /** The grid. */
  readonly grid: Grid;
  /** Worker threads; 0 runs in this thread. */
  readonly threads: number;
  /** Metric to sort by, descending (ascending for `maxDrawdown`). */
  readonly sortBy: keyof Metrics;
  /** Only bars whose open time is in this range (default: all). */
  readonly range?: TimeRange;
  /** Called after each finished job. */
  readonly onProgress?: (done: number, total: number) => void;
  /** URL of the worker script (default: `sweep-worker.js` next to this module, i.e. the built dist). */
  readonly workerUrl?: URL;
  /** Workers to run on (kept open for the caller, e.g. across walk-forward folds); default: started and closed here. */
  readonly pool?: SweepPool;
}

/** Sorts rows by a metric (descending, or ascending for drawdown). */
export function sortRows(rows: SweepRow[], sortBy: keyof Metrics): SweepRow[] {
  const sign = sortBy === 'maxDrawdown' || sortBy === 'maxDrawdownDurationMs' ? 1 : -1;
  return rows.sort((a, b) => sign * (a.metrics[sortBy] - b.metrics[sortBy]) || a.index - b.index);
}

/** Runs every grid combination across worker threads; resolves with the rows sorted by `sortBy`. */
export async function runSweep(options: SweepOptions): Promise<SweepRow[]> {
  const combos = expandGrid(options.grid);
  const rows: SweepRow[] = [];
  const files = options.files ?? options.paths.map((p) => loadFile(p));
  if (options.threads <= 0) {
    combos.forEach((params, index) => {
      rows.push(runJob(files, options.config, index, params, options.range));
      options.onProgress?.(rows.length, combos.length);
    });
    return sortRows(rows, options.sortBy);
  }
  const jobs = combos.map((params, index) => ({
    index,
    params,
    config: options.config,
    ...(options.range ? { range: options.range } : {}),
  }));
  const pool =
    options.pool ??
    SweepPool.open(
      files,
      Math.min(options.threads, combos.length),
      options.workerUrl ?? new URL('./sweep-worker.js', import.meta.url),
    );
  try {
    rows.push(...(await pool.run(jobs, options.onProgress)));
  } finally {
    if (!options.pool) await pool.close();
  }
  return sortRows(rows, options.sortBy);
}

/** A one-line text progress bar. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
