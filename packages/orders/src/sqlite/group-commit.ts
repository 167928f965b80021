import type Database from 'better-sqlite3';

interface Result {
  readonly ok: boolean;
  readonly value: unknown;
}

interface Pending {
  readonly write: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * @internal Group commit: writes requested during one turn of the event loop run together in one transaction,
 * and each write's promise settles only after that transaction committed.
 *
 * A write is queued and the batch runs on `process.nextTick`, i.e. once the promise jobs pending at that moment
 * have run: concurrent callers (say 50 `OrderManager.create` calls in flight) reach the store in the same turn and
 * share one commit, while a lone caller waits no longer than for a microtask. Each write is atomic on its own
 * (a single statement, or a nested transaction, which better-sqlite3 runs as a savepoint): a write that throws
 * rejects its own promise and leaves the others of its batch to commit. When the commit itself fails, every write
 * of the batch is rejected and nothing of it is stored.
 */
export class GroupCommit {
  readonly #run: (batch: readonly Pending[], results: Result[]) => void;
  #queue: Pending[] = [];
  #scheduled = false;

  constructor(db: Database.Database) {
    this.#run = db.transaction((batch: readonly Pending[], results: Result[]) => {
      for (const pending of batch) {
        try {
          results.push({ ok: true, value: pending.write() });
        } catch (error) {
          results.push({ ok: false, value: error });
        }
      }
    });
  }

  /** Queues a write; resolves with its result once its batch committed. */
  write<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        process.nextTick(() => this.flush());
      }
    });
  }

  /** Runs the queued writes now (before a read, so that it sees them, and before closing). */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    if (batch.length === 0) return;
    this.#queue = [];
    const results: Result[] = [];
    try {
      this.#run(batch, results);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const result = results[i];
      if (result?.ok) pending.resolve(result.value);
      else pending.reject(result?.value);
    });
  }
}
