import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../data/bars.js';
import { DEFAULT_BTC_FILE } from '../data/default-data.js';
import { DEFAULT_CONFIG } from '../engine/config.js';
import { SweepPool } from './pool.js';
import { runSweep } from './sweep.js';
import { walkForward } from './walk-forward.js';

// Worker threads cannot load TypeScript: this runs the built worker (`npm run build` first, as `npm test` does).
const workerUrl = new URL('../../dist/sweep-worker.js', import.meta.url);

describe('sweeps on worker threads (the built dist/sweep-worker.js)', () => {
  const config = { ...DEFAULT_CONFIG, strategy: 'sma-cross' };
  const grid = { fast: [5, 10, 20], slow: [50, 100] };

  it('gives the same rows on 2 workers as in this thread, with progress for every job', async () => {
    expect(existsSync(fileURLToPath(workerUrl)), 'build the backtester first').toBe(true);
    const base = { paths: [DEFAULT_BTC_FILE], config, grid, sortBy: 'sharpe' as const, workerUrl };
    const progress: number[] = [];
    const threaded = await runSweep({ ...base, threads: 2, onProgress: (done) => progress.push(done) });
    const inProcess = await runSweep({ ...base, threads: 0 });
    expect(threaded).toEqual(inProcess);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reuses one pool across walk-forward folds and matches the in-thread folds', async () => {
    const options = {
      paths: [DEFAULT_BTC_FILE],
      config,
      grid,
      folds: 2,
      inSampleRatio: 2,
      sortBy: 'sharpe' as const,
    };
    expect(await walkForward({ ...options, threads: 2, workerUrl })).toEqual(
      await walkForward({ ...options, threads: 0 }),
    );
  });

  it('refuses a pool without threads, and rejects when a job fails in a worker', async () => {
    const files = [loadFile(DEFAULT_BTC_FILE)];
    expect(() => SweepPool.open(files, 0, workerUrl)).toThrow(/threads must be an integer >= 1 \(got 0\)/);
    const pool = SweepPool.open(files, 1, workerUrl);
    try {
      await expect(pool.run([{ index: 0, params: { fast: 30, slow: 10 }, config }])).rejects.toThrow(
        /fast \(30\) must be below slow \(10\)/,
      );
    } finally {
      await pool.close();
    }
  });
});
