import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sha256Hex } from '../record/record.js';
import type { ChainScan } from '../sink/chain-scan.js';
import type { ChainAnchor } from '../verify/verify.js';
import { type ScanDatabase, type ScanOutcome, type ScanTask, scanRange, scanSource } from './scan-range.js';

/** A worker thread's start-up (about 50 ms: a thread, the driver, a connection) pays off from this many records on. */
const MIN_RECORDS_PER_WORKER = 50_000;
/** Records per chunk that a thread claims at a time; the calling thread lets the event loop run between chunks. */
const CHUNK = 16_384;

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

/** Slots of the shared counters: the next chunk to claim, and 1 once a chunk stopped (later chunks are moot). */
const NEXT = 0;
const STOPPED = 1;

/** Outcomes of checked chunks, by chunk index. */
type Outcomes = (ScanOutcome | undefined)[];

let source: string | undefined;

/**
 * CommonJS source of a scan worker, run with `eval: true` so that the build needs no separate file. It
 * claims chunks from the shared counter until none is left or one stopped, posting each chunk's outcome.
 */
function workerSource(): string {
  source ??= `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const sha256Hex = typeof crypto.hash === 'function'
  ? (text) => crypto.hash('sha256', text, 'hex')
  : (text) => crypto.createHash('sha256').update(text).digest('hex');
${scanSource()}
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true, timeout: workerData.timeout });
  try {
    const shared = new Int32Array(workerData.shared);
    while (Atomics.load(shared, ${STOPPED}) === 0) {
      const index = Atomics.add(shared, ${NEXT}, 1);
      if (index >= workerData.tasks.length) break;
      const outcome = ${scanRange.name}(db, sha256Hex, workerData.tasks[index]);
      if (outcome.stopped) Atomics.store(shared, ${STOPPED}, 1);
      parentPort.postMessage({ index, outcome });
    }
  } finally {
    db.close();
  }
} catch {
  // The calling thread checks whatever this worker claimed and did not report.
}
parentPort.postMessage({ done: true });
`;
  return source;
}

/** Worker threads checking the shared chunks; each chunk's outcome lands in `outcomes` as it arrives. */
interface Workers {
  /** Resolves once the chunks below `claimed` all have outcomes or no worker is left. */
  settled(claimed: number): Promise<void>;
  /** Ends the workers (those still starting up have nothing left to claim). */
  end(): void;
}

function startWorkers(
  setup: ScanSetup,
  driver: string,
  tasks: readonly ScanTask[],
  shared: SharedArrayBuffer,
  count: number,
  outcomes: Outcomes,
): Workers {
  let alive = count;
  let wake = (): void => undefined;
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(workerSource(), {
      eval: true,
      workerData: { driver, path: setup.path, timeout: setup.busyTimeoutMs, tasks, shared },
    });
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      alive--;
      wake();
    };
    worker.on('message', (message: { index?: number; outcome?: ScanOutcome }) => {
      if (message.index === undefined || message.outcome === undefined) return end();
      outcomes[message.index] = message.outcome;
      wake();
    });
    worker.once('error', end);
    worker.once('exit', end);
    return worker;
  });
  const complete = (claimed: number) => {
    for (let index = 0; index < claimed; index++) if (outcomes[index] === undefined) return false;
    return true;
  };
  return {
    async settled(claimed) {
      while (alive > 0 && !complete(claimed)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    end() {
      for (const worker of workers) void worker.terminate();
    },
  };
}

/** Claims and checks chunks in the calling thread, letting the event loop run between chunks. */
async function inThread(
  setup: ScanSetup,
  tasks: readonly ScanTask[],
  shared: Int32Array,
  outcomes: Outcomes,
): Promise<void> {
  while (Atomics.load(shared, STOPPED) === 0) {
    const index = Atomics.add(shared, NEXT, 1);
    const task = tasks[index];
    if (task === undefined) return;
    const outcome = scanRange(setup.db, sha256Hex, task);
    outcomes[index] = outcome;
    if (outcome.stopped) Atomics.store(shared, STOPPED, 1);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Joins the outcomes of consecutive chunks: counts add up until the first chunk that stopped. A chunk
 * without an outcome (its worker failed) is checked here, in the calling thread.
 */
function join(
  setup: ScanSetup,
  start: ChainAnchor,
  tasks: readonly ScanTask[],
  outcomes: Outcomes,
  workers: number,
): ChainScan {
  let count = 0;
  let last = start;
  for (const [index, task] of tasks.entries()) {
    const outcome = outcomes[index] ?? scanRange(setup.db, sha256Hex, task);
    count += outcome.count;
    last = outcome.last;
    if (outcome.stopped) return { count, last, stopped: true, workers };
  }
  return { count, last, stopped: false, workers };
}

/**
 * @internal Checks the chain of records with `start.seq < seq <= head`. The span is cut into consecutive
 * chunks that the calling thread and, on a large log, worker threads (each with its own read-only
 * connection) claim one at a time from a shared counter, so a worker that starts late or a thread that gets
 * less CPU simply checks fewer chunks. The result is the one a single pass would give, because each record is
 * checked against its stored predecessor only and the first chunk that stopped decides; no chunk is claimed
 * once one stopped, and a chunk a failed worker left unchecked is checked in the calling thread.
 */
export async function scanChain(
  setup: ScanSetup,
  start: ChainAnchor,
  head: number,
  checkpointMap: ReadonlyMap<number, string>,
): Promise<ChainScan> {
  const checkpoints = [...checkpointMap];
  const span = head - start.seq;
  const tasks: ScanTask[] = [];
  for (let from = start.seq; from < head; from += CHUNK) {
    tasks.push({ start, from, to: Math.min(from + CHUNK, head), checkpoints });
  }
  const driver = setup.path === undefined ? undefined : resolveDriver();
  const workers =
    driver === undefined
      ? 0
      : Math.max(0, Math.min(setup.maxWorkers, Math.floor(span / MIN_RECORDS_PER_WORKER) - 1));
  const buffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const shared = new Int32Array(buffer);
  const outcomes: Outcomes = [];
  const running =
    driver !== undefined && workers > 0
      ? startWorkers(setup, driver, tasks, buffer, workers, outcomes)
      : undefined;
  try {
    await inThread(setup, tasks, shared, outcomes);
    await running?.settled(Math.min(Atomics.load(shared, NEXT), tasks.length));
  } finally {
    running?.end();
  }
  return join(setup, start, tasks, outcomes, workers);
}

/** Where a worker loads better-sqlite3 from, or undefined when it cannot be found (no workers then). */
function resolveDriver(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return undefined;
  }
}
