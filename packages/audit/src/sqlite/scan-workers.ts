import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sha256Hex } from '../record/record.js';
import type { ChainScan } from '../sink/chain-scan.js';
import type { ChainAnchor } from '../verify/verify.js';
import { type ScanDatabase, type ScanOutcome, type ScanTask, scanRange } from './scan-range.js';

/** A range is worth a worker thread's start-up (loading the driver, opening the file) from this many records on. */
const MIN_RECORDS_PER_WORKER = 50_000;
/** Sequence numbers checked per step in the calling thread, between which the event loop runs. */
const STEP = 65_536;

/** @internal Where and how to check a SQLite sink's chain. */
export interface ScanSetup {
  /** The sink's own connection (used in the calling thread). */
  readonly db: ScanDatabase;
  /** Absolute database path for worker connections, or undefined for an in-memory database. */
  readonly path: string | undefined;
  /** Most worker threads to use besides the calling thread. */
  readonly maxWorkers: number;
  /** Lock wait of worker connections, ms. */
  readonly busyTimeoutMs: number;
}

let source: string | undefined;

/** CommonJS source of a scan worker, run with `eval: true` so that the build needs no separate file. */
function workerSource(): string {
  source ??= `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const sha256Hex = typeof crypto.hash === 'function'
  ? (text) => crypto.hash('sha256', text, 'hex')
  : (text) => crypto.createHash('sha256').update(text).digest('hex');
const scanRange = ${scanRange.toString()};
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true, timeout: workerData.timeout });
  try {
    parentPort.postMessage({ outcome: scanRange(db, sha256Hex, workerData.task) });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
}
`;
  return source;
}

function inWorker(setup: ScanSetup, driver: string, task: ScanTask): Promise<ScanOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource(), {
      eval: true,
      workerData: { driver, path: setup.path, timeout: setup.busyTimeoutMs, task },
    });
    worker.once('message', (message: { outcome?: ScanOutcome; error?: string }) => {
      if (message.outcome !== undefined) resolve(message.outcome);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`scan worker exited with code ${code}`)));
  });
}

/** Joins the outcomes of consecutive ranges: counts add up until the first range that stopped. */
function join(start: ChainAnchor, outcomes: readonly ScanOutcome[], workers: number): ChainScan {
  let count = 0;
  let last = start;
  for (const outcome of outcomes) {
    count += outcome.count;
    last = outcome.last;
    if (outcome.stopped) return { count, last, stopped: true, workers };
  }
  return { count, last, stopped: false, workers };
}

/** Checks one range in the calling thread, in steps between which the event loop runs. */
async function inThread(setup: ScanSetup, task: ScanTask): Promise<ScanOutcome> {
  const steps: ScanOutcome[] = [];
  let last = task.start;
  for (let from = task.from; from < task.to; from += STEP) {
    const step = scanRange(setup.db, sha256Hex, {
      start: last,
      from,
      to: Math.min(from + STEP, task.to),
      checkpoints: task.checkpoints,
    });
    steps.push(step);
    if (step.stopped) break;
    last = step.last;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const { count, stopped } = join(task.start, steps, 0);
  return { count, last: steps[steps.length - 1]?.last ?? task.start, stopped };
}

/** The first range in this thread (warm, no start-up), the others in worker threads at the same time. */
async function inParallel(setup: ScanSetup, tasks: readonly ScanTask[]): Promise<ScanOutcome[]> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const [own, ...others] = tasks as [ScanTask, ...ScanTask[]];
  const running = Promise.all(others.map((task) => inWorker(setup, driver, task)));
  running.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const first = await inThread(setup, own);
  return [first, ...(await running)];
}

/**
 * @internal Checks the chain of records with `start.seq < seq <= head`. A large log is split into
 * consecutive ranges checked at the same time, the first in the calling thread and each other one by a
 * worker thread with its own read-only connection; the result is the one a single pass would give, because
 * each record is checked against its stored predecessor only and the first range that stopped decides.
 * Falls back to the calling thread alone when a worker cannot run.
 */
export async function scanChain(
  setup: ScanSetup,
  start: ChainAnchor,
  head: number,
  checkpointMap: ReadonlyMap<number, string>,
): Promise<ChainScan> {
  const checkpoints = [...checkpointMap];
  const span = head - start.seq;
  const parts =
    setup.path === undefined ? 1 : Math.min(setup.maxWorkers + 1, Math.floor(span / MIN_RECORDS_PER_WORKER));
  if (parts >= 2) {
    const bounds = Array.from({ length: parts + 1 }, (_, i) => start.seq + Math.floor((span * i) / parts));
    const tasks = bounds
      .slice(1)
      .map((to, i) => ({ start, from: bounds[i] as number, to, checkpoints }) satisfies ScanTask);
    const outcomes = await inParallel(setup, tasks).catch(() => undefined);
    // Without outcomes a worker could not load the driver or open the file: check in this thread instead.
    if (outcomes !== undefined) return join(start, outcomes, parts - 1);
  }
  return join(start, [await inThread(setup, { start, from: start.seq, to: head, checkpoints })], 0);
}
