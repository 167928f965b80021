import type pg from 'pg';

/** @internal Returned by {@link PgWrite.inBatch} when the write needs its own transaction (e.g. a conflict to roll back). */
export const ALONE: unique symbol = Symbol('alone');

/** @internal One write, runnable inside a shared transaction or on its own. */
export interface PgWrite<T> {
  /** The write as one SQL statement with literal values, run inside the batch transaction. */
  readonly sql: string;
  /**
   * The write's result from its statement's result (`client` is in the batch transaction, for a follow-up read),
   * or {@link ALONE} when the write cannot complete there without undoing part of itself: the whole batch is then
   * rolled back and every write of it runs again on its own, so that each gets its own outcome.
   */
  result(answer: pg.QueryResult, client: pg.PoolClient): Promise<T | typeof ALONE> | T | typeof ALONE;
  /** Runs the write in its own transaction (a batch of one, or the replay of a rolled-back batch). */
  alone(): Promise<T>;
  /** What a merger may combine with like writes: the kind, the order's client order id and row values. */
  readonly merge?: {
    readonly kind: 'insert' | 'update';
    readonly id: string;
    readonly values: readonly unknown[];
  };
}

/**
 * @internal Several writes of a batch as one statement (e.g. one multi-row INSERT), built by the store: `sql`, and
 * the writes' results from its answer (or {@link ALONE}).
 */
export interface MergedWrites {
  readonly sql: string;
  results(answer: pg.QueryResult, client: pg.PoolClient): Promise<unknown[] | typeof ALONE>;
}

/** @internal Merges a batch's writes into one statement, or answers undefined to run them one statement each. */
export type MergeWrites = (writes: readonly PgWrite<unknown>[]) => MergedWrites | undefined;

interface Pending {
  readonly write: PgWrite<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * @internal Group commit on PostgreSQL: writes that arrive while a commit is in progress (or in the same turn of
 * the event loop as the first) are committed together, in one transaction on one connection, in arrival order.
 * `BEGIN` and the batch's statements go to the server as one message (one round trip), then `COMMIT`. Each
 * write's promise settles only after the transaction that holds it committed.
 *
 * A lone write (a batch of one) runs exactly as without group commit. When a statement of a batch fails, or a
 * write answers {@link ALONE}, the batch is rolled back and its writes run again one by one, each in its own
 * transaction, so that one failing write never takes the others down. When the COMMIT itself fails, its
 * outcome is unknown: every write of the batch is rejected with that error, as a lone write's would be.
 */
export class PgGroupCommit {
  readonly #pool: pg.Pool;
  readonly #merge: MergeWrites | undefined;
  #queue: Pending[] = [];
  #draining: Promise<void> | undefined;

  /**
   * @param pool - the pool
   * @param merge - merges a batch's writes into one statement when it can (one parse and plan on the server)
   */
  constructor(pool: pg.Pool, merge?: MergeWrites) {
    this.#pool = pool;
    this.#merge = merge;
  }

  /** Queues a write; resolves with its result once committed. */
  write<T>(write: PgWrite<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      this.#draining ??= new Promise<void>((done) => process.nextTick(done)).then(() => this.#drain());
    });
  }

  /** Resolves once every queued write has settled. */
  async settled(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        if (batch.length === 1 && batch[0]) await settle(batch[0]);
        else await this.#commit(batch);
      }
    } finally {
      this.#draining = undefined;
    }
  }

  async #commit(batch: readonly Pending[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    let results: unknown[] | typeof ALONE;
    try {
      results = await this.#run(batch, client);
    } catch {
      results = ALONE;
    }
    const replay = results === ALONE;
    try {
      if (replay) {
        await client.query('ROLLBACK').catch(() => undefined);
      } else {
        await client.query('COMMIT');
      }
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    } finally {
      client.release();
    }
    if (replay) {
      for (const pending of batch) await settle(pending);
      return;
    }
    for (const [i, pending] of batch.entries()) pending.resolve((results as unknown[])[i]);
  }

  /** Runs the batch's statements after `BEGIN`, in one message; the writes' results, or ALONE. */
  async #run(batch: readonly Pending[], client: pg.PoolClient): Promise<unknown[] | typeof ALONE> {
    const merged = this.#merge?.(batch.map((pending) => pending.write));
    if (merged) {
      const answers = (await client.query(`BEGIN;\n${merged.sql}`)) as unknown as pg.QueryResult[];
      const answer = answers[1];
      return answer ? merged.results(answer, client) : ALONE;
    }
    const sql = ['BEGIN', ...batch.map((pending) => pending.write.sql)].join(';\n');
    const answers = (await client.query(sql)) as unknown as pg.QueryResult[];
    const results: unknown[] = [];
    for (const [i, pending] of batch.entries()) {
      const answer = answers[i + 1];
      const result = answer ? await pending.write.result(answer, client) : ALONE;
      if (result === ALONE) return ALONE;
      results.push(result);
    }
    return results;
  }
}

async function settle(pending: Pending): Promise<void> {
  try {
    pending.resolve(await pending.write.alone());
  } catch (error) {
    pending.reject(error);
  }
}
