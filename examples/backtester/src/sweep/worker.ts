import { parentPort, workerData } from 'node:worker_threads';
import { runJob } from './job.js';
import type { SweepJob } from './pool.js';
import { openSharedFiles, type SharedFile } from './shared-data.js';

const files = openSharedFiles((workerData as { files: readonly SharedFile[] }).files);
parentPort?.on('message', (job: SweepJob) => {
  parentPort?.postMessage(runJob(files, job.config, job.index, job.params, job.range));
});
