import { Worker } from 'node:worker_threads';
import type { DataFile } from '../data/bars.js';
import type { BacktestConfig } from '../engine/config.js';
import type { SweepRow, TimeRange } from './job.js';
import { shareFiles } from './shared-data.js';

/** One job of a sweep: a configuration, its grid combination and the bars it runs on. */
export interface SweepJob {
  /** Index of the combination in the expanded grid. */
  readonly index: number;
  /** Strategy parameters of this combination (over `config.params`). */
  readonly params: Readonly<Record<string, number>>;
  /** Base configuration. */
  readonly config: BacktestConfig;
  /** Only bars whose open time is in this range (default: all). */
  readonly range?: TimeRange;
}

/**
 * Worker threads that hold the data once (shared memory, see `shareFiles`) and run sweep jobs until closed,
 * so a walk-forward's folds reuse the same workers instead of starting new ones per fold. Jobs are handed out
 * one at a time as workers finish (load balance and progress).
 */
export class SweepPool {
  readonly #workers: Worker[];

  private constructor(workers: Worker[]) {
    this.#workers = workers;
  }

  /**
   * Starts `threads` workers on the data.
   *
   * @param files - the loaded data files (shared with the workers, not copied)
   * @param threads - worker threads (>= 1)
   * @param url - the worker script (the built `sweep-worker.js`)
   */
  static open(files: readonly DataFile[], threads: number, url: URL): SweepPool {
    if (!Number.isInteger(threads) || threads < 1)
      throw new Error(`threads must be an integer >= 1 (got ${threads})`);
    const shared = shareFiles(files);
    return new SweepPool(
      Array.from({ length: threads }, () => new Worker(url, { workerData: { files: shared } })),
    );
  }

  /**
   * Runs the jobs across the workers; resolves with the rows in completion order.
   *
   * @param jobs - the jobs
   * @param onProgress - called after each finished job
   */
  run(jobs: readonly SweepJob[], onProgress?: (done: number, total: number) => void): Promise<SweepRow[]> {
    const rows: SweepRow[] = [];
    let next = 0;
    const active = this.#workers.slice(0, Math.max(1, Math.min(this.#workers.length, jobs.length)));
    return Promise.all(
      active.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              const job = jobs[next++];
              if (job === undefined) {
                worker.off('message', onMessage);
                worker.off('error', reject);
                worker.off('exit', onExit);
                resolve();
              } else worker.postMessage(job);
            };
            const onExit = (code: number): void => reject(new Error(`sweep worker exited with ${code}`));
            const onMessage = (row: SweepRow): void => {
              rows.push(row);
              onProgress?.(rows.length, jobs.length);
              feed();
            };
            worker.on('message', onMessage);
            worker.on('error', reject);
            worker.on('exit', onExit);
            feed();
          }),
      ),
    ).then(() => rows);
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
