/**
 * The chain check of the SQLite sink over one range of sequence numbers. It runs in the calling thread and,
 * from its source text, in worker threads (see `scan-workers.ts`): it must stay self-contained, using only
 * its parameters and JavaScript built-ins.
 */

/** @internal The part of a better-sqlite3 database the scan uses. */
export interface ScanDatabase {
  prepare(sql: string): {
    raw(toggle: boolean): {
      all(...params: unknown[]): unknown[];
      get(...params: unknown[]): unknown;
    };
  };
}

/** @internal One range to check: records with `from < seq <= to`, continuing the chain from `start`. */
export interface ScanTask {
  /** The verified record (or anchor) the chain continues from; `start.seq <= from`. */
  readonly start: { readonly seq: number; readonly hash: string };
  /** Exclusive lower bound of the range. */
  readonly from: number;
  /** Inclusive upper bound of the range. */
  readonly to: number;
  /** Trusted checkpoints as `[seq, hash]` pairs. */
  readonly checkpoints: readonly (readonly [number, string])[];
}

/** @internal What the check of one range found. */
export interface ScanOutcome {
  /** Records of the range that passed, from its start. */
  readonly count: number;
  /** The last record that passed, or the record before the range when none did. */
  readonly last: { readonly seq: number; readonly hash: string };
  /** True when a record of the range did not pass (the one after `last`). */
  readonly stopped: boolean;
}

/**
 * @internal Checks the stored records of a range in sequence order and stops at the first one that does
 * not pass. A record passes when its sequence number follows its predecessor's, its `prev_hash` equals the
 * predecessor's stored hash, the SHA-256 of its stored bytes (header written by SQLite's `json_array`, the
 * same text as `JSON.stringify`, then the stored canonical payload) equals its stored hash, and it matches any
 * checkpoint on its sequence number. The predecessor of the range's first record is the last stored record
 * at or before `from` (checked by the range before) or `start`. Passing implies that `ChainVerifier.push`
 * would accept the record; a record that does not pass is left to `ChainVerifier` to judge.
 */
export function scanRange(
  db: ScanDatabase,
  sha256Hex: (text: string) => string,
  task: ScanTask,
): ScanOutcome {
  const body = 'json_array(1, seq, id, ts, actor, kind, tenant, prev_hash) || char(10) || payload';
  const page = db
    .prepare(
      `SELECT seq, prev_hash, hash, ${body} FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
    )
    .raw(true);
  let lastSeq = task.start.seq;
  let lastHash = task.start.hash;
  if (task.from > task.start.seq) {
    const before = db
      .prepare('SELECT seq, hash FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq DESC LIMIT 1')
      .raw(true)
      .get(task.start.seq, task.from) as [number, string] | undefined;
    if (before !== undefined) {
      lastSeq = before[0];
      lastHash = before[1];
    }
  }
  const pins = new Map(task.checkpoints);
  let count = 0;
  let cursor = task.from;
  for (;;) {
    const rows = page.all(cursor, task.to, 4096);
    if (rows.length === 0) return { count, last: { seq: lastSeq, hash: lastHash }, stopped: false };
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as [number, string, string, string];
      const seq = row[0];
      const hash = row[2];
      const bytes = row[3];
      if (
        seq !== lastSeq + 1 ||
        row[1] !== lastHash ||
        typeof bytes !== 'string' ||
        sha256Hex(bytes) !== hash
      ) {
        return { count, last: { seq: lastSeq, hash: lastHash }, stopped: true };
      }
      const pin = pins.get(seq);
      if (pin !== undefined && pin !== hash) {
        return { count, last: { seq: lastSeq, hash: lastHash }, stopped: true };
      }
      lastSeq = seq;
      lastHash = hash;
      count++;
    }
    cursor = lastSeq;
  }
}
