import { parentPort, workerData } from 'node:worker_threads';
import { loadFile } from '../data/bars.js';
import type { BacktestConfig } from '../engine/config.js';
import { runJob, type TimeRange } from './job.js';

interface Init {
  readonly paths: readonly string[];
  readonly config: BacktestConfig;
  readonly range?: TimeRange;
}

const init = workerData as Init;
const files = init.paths.map((p) => loadFile(p));
parentPort?.on('message', (job: { index: number; params: Record<string, number> } | null) => {
  if (job === null) {
    parentPort?.close();
    return;
  }
  parentPort?.postMessage(runJob(files, init.config, job.index, job.params, init.range));
});
