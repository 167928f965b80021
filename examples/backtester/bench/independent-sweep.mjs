// The scaling this machine gives two fully independent jobs, the reference for the sweep's 2-thread speed-up.
// Run as a child by bench/engine.mjs: `node bench/independent-sweep.mjs` runs the 64-run half of the bench grid
// (no take-profit) on one worker thread over the embedded 2024 set and prints its wall seconds. Two such
// processes share nothing (no heap, no garbage collector, no data): what they lose against one alone is what the
// cores, caches and memory of the machine lose, which no threading design of the sweep can win back.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_CONFIG, loadData, runSweep } from '../dist/index.js';

const SELF = fileURLToPath(import.meta.url);

/** Half of the bench grid: 4 x 4 x 4 x 1 = 64 runs. */
export const HALF_GRID = {
  fast: [5, 10, 20, 40],
  slow: [50, 100, 150, 200],
  stopLossPct: [0, 0.02, 0.03, 0.05],
  takeProfitPct: [0],
};

async function runHalf() {
  const files = loadData(fileURLToPath(new URL('../data/', import.meta.url)));
  const start = performance.now();
  const rows = await runSweep({
    paths: files.map((f) => f.path),
    files,
    config: { ...DEFAULT_CONFIG, strategy: 'sma-cross' },
    grid: HALF_GRID,
    threads: 1,
    sortBy: 'sharpe',
    workerUrl: new URL('../dist/sweep-worker.js', import.meta.url),
  });
  process.stdout.write(
    `${JSON.stringify({ runs: rows.length, seconds: (performance.now() - start) / 1000 })}\n`,
  );
}

const child = () => promisify(execFile)(process.execPath, [SELF]).then(({ stdout }) => JSON.parse(stdout));

/**
 * Runs the half grid in one child process, then in two child processes at once.
 *
 * @returns runs/s of one process alone, of the two together, and the ratio
 * @example
 * ```js
 * const { alone, together, speedUp } = await independentScaling();
 * ```
 */
export async function independentScaling() {
  const one = await child();
  const started = performance.now();
  const both = await Promise.all([child(), child()]);
  const wall = (performance.now() - started) / 1000;
  const alone = one.runs / one.seconds;
  // each child's own sweep time (process start and data loading excluded, as for `alone`), the slower one bounding
  const together = (both[0].runs + both[1].runs) / Math.max(both[0].seconds, both[1].seconds);
  return { alone, together, speedUp: together / alone, wall };
}

if (process.argv[1] === SELF) await runHalf();
