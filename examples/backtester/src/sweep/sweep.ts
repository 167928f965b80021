import { Worker } from 'node:worker_threads';
import { loadFile } from '../data/bars.js';
import type { BacktestConfig } from '../engine/config.js';
import type { Metrics } from '../metrics/metrics.js';
import { expandGrid, type Grid } from './grid.js';
import { runJob, type SweepRow, type TimeRange } from './job.js';

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** Data files (paths); every job loads them once per thread. */
  readonly paths: readonly string[];
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
  if (options.threads <= 0) {
    const files = options.paths.map((p) => loadFile(p));
    combos.forEach((params, index) => {
      rows.push(runJob(files, options.config, index, params, options.range));
      options.onProgress?.(rows.length, combos.length);
    });
    return sortRows(rows, options.sortBy);
  }
  const url = options.workerUrl ?? new URL('./sweep-worker.js', import.meta.url);
  let next = 0;
  const threads = Math.min(options.threads, combos.length);
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(url, {
        workerData: { paths: options.paths, config: options.config, range: options.range },
      });
      return new Promise<void>((resolve, reject) => {
        const feed = (): void => {
          const index = next++;
          const params = combos[index];
          worker.postMessage(params ? { index, params } : null);
        };
        worker.on('message', (row: SweepRow) => {
          rows.push(row);
          options.onProgress?.(rows.length, combos.length);
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`sweep worker exited with ${code}`)),
        );
        feed();
      });
    }),
  );
  return sortRows(rows, options.sortBy);
}

/** A one-line text progress bar. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
