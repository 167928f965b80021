/**
 * The chain check of the SQLite sink over one range of sequence numbers. It runs in the calling thread and,
 * from its source text ({@link scanSource}), in worker threads (see `scan-workers.ts`): the functions of this
 * file must stay self-contained, using only their parameters, each other and JavaScript built-ins.
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

/** @internal Where a scan stands: the last record that passed and how many passed. */
export interface ScanState {
  seq: number;
  hash: string;
  count: number;
}

/**
 * @internal Checks rows `[seq, prev_hash, hash, bytes]` one at a time, in sequence order, advancing `state`
 * past each record that passes: its sequence number follows its predecessor's, its `prev_hash` equals the
 * predecessor's stored hash, the SHA-256 of its stored bytes equals its stored hash, and it matches any
 * checkpoint (`pins`) on its sequence number. Returns false at the first record that does not pass.
 */
export function checkRows(
  rows: readonly unknown[],
  state: ScanState,
  pins: ReadonlyMap<number, string>,
  sha256Hex: (text: string) => string,
): boolean {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as [number, unknown, unknown, unknown];
    const seq = row[0];
    const hash = row[2];
    const bytes = row[3];
    if (
      seq !== state.seq + 1 ||
      row[1] !== state.hash ||
      typeof bytes !== 'string' ||
      sha256Hex(bytes) !== hash
    ) {
      return false;
    }
    const pin = pins.get(seq);
    if (pin !== undefined && pin !== hash) return false;
    state.seq = seq;
    state.hash = hash;
    state.count++;
  }
  return true;
}

/**
 * @internal Checks the records `lo < seq <= hi` at once from one aggregated row of the page query in
 * {@link scanRange}: `[rows, rows with bytes, rows whose hash and prev_hash are text, seq - lo joined by ",",
 * bytes joined by U+001E, hashes joined by ",", prev_hashes joined by ","]`, all joined in one pass over the
 * rows, hence in the same order. `order` is `"1,2,...,hi - lo"`. Returns true, and advances `state` to `hi`,
 * only when every record of the page passes exactly as {@link checkRows} would pass it:
 * - `state.seq === lo` and the joined sequence numbers are `order`: the page holds exactly the records
 *   `lo + 1 ... hi`, joined in sequence order;
 * - the bytes split into one piece per row (so no record's bytes contain U+001E, and piece `i` is record
 *   `i`'s bytes), and the SHA-256 digests of the pieces joined by "," equal the joined hashes (so, with `n`
 *   text values and `n - 1` separators on both sides, each stored hash equals its record's digest);
 * - the joined prev_hashes equal `state.hash` followed by every hash but the last (with no "," in
 *   `state.hash`, each record's `prev_hash` equals the hash before it);
 * - every checkpoint inside the page matches.
 * Returns false otherwise, leaving `state` unchanged, so that the caller re-checks the page row by row.
 */
export function checkPage(
  page: readonly unknown[],
  lo: number,
  hi: number,
  order: string,
  state: ScanState,
  checkpoints: readonly (readonly [number, string])[],
  sha256Hex: (text: string) => string,
): boolean {
  const [rows, present, text, seqs, joined, hashes, prevs] = page;
  const n = hi - lo;
  if (state.seq !== lo || rows !== n || present !== n || text !== n || seqs !== order) return false;
  if (typeof joined !== 'string' || state.hash.includes(',')) return false;
  const pieces = joined.split('\u001e');
  if (pieces.length !== n) return false;
  let digests = sha256Hex(pieces[0] as string);
  for (let i = 1; i < n; i++) digests += `,${sha256Hex(pieces[i] as string)}`;
  if (digests !== hashes) return false;
  if (prevs !== (n === 1 ? state.hash : `${state.hash},${digests.slice(0, -65)}`)) return false;
  for (const [seq, pinned] of checkpoints) {
    const at = 65 * (seq - lo - 1);
    if (seq > lo && seq <= hi && digests.slice(at, at + 64) !== pinned) return false;
  }
  state.seq = hi;
  state.hash = digests.slice(-64);
  state.count += n;
  return true;
}

/**
 * @internal Checks the stored records of a range in sequence order and stops at the first one that does
 * not pass (see {@link checkRows}; the stored bytes are the header written by SQLite's `json_array`, the
 * same text as `JSON.stringify`, then the stored canonical payload). Passing implies that
 * `ChainVerifier.push` would accept the record; a record that does not pass is left to `ChainVerifier` to
 * judge. The predecessor of the range's first record is the last stored record at or before `from`
 * (checked by the range before) or `start`.
 *
 * Pages of consecutive sequence numbers are read as one aggregated row each, so that SQLite joins the
 * records in C and JavaScript only splits and hashes ({@link checkPage}); a page that does not pass as a
 * whole is read and checked again row by row, which finds the exact record to stop at.
 */
export function scanRange(
  db: ScanDatabase,
  sha256Hex: (text: string) => string,
  task: ScanTask,
): ScanOutcome {
  const bytes = 'json_array(1, seq, id, ts, actor, kind, tenant, prev_hash) || char(10) || payload';
  const range = 'FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq';
  // True exactly for TEXT values (numbers sort before text, blobs after; NULL gives NULL), without a call.
  const isText = (column: string) => `${column} >= '' AND ${column} < x''`;
  const aggregated = db
    .prepare(
      `SELECT count(*), count(b), sum(${isText('hash')} AND ${isText('prev_hash')}),
         group_concat(seq - CAST(? AS INTEGER), ','), group_concat(b, char(30)), group_concat(hash, ','),
         group_concat(prev_hash, ',')
       FROM (SELECT seq, hash, prev_hash, ${bytes} AS b ${range})`,
    )
    .raw(true);
  const rowByRow = db.prepare(`SELECT seq, prev_hash, hash, ${bytes} ${range}`).raw(true);
  const state: ScanState = { seq: task.start.seq, hash: task.start.hash, count: 0 };
  if (task.from > task.start.seq) {
    const before = db
      .prepare('SELECT seq, hash FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq DESC LIMIT 1')
      .raw(true)
      .get(task.start.seq, task.from) as [number, string] | undefined;
    if (before !== undefined) {
      state.seq = before[0];
      state.hash = before[1];
    }
  }
  // Pages are sized so that their joined bytes stay near 60,000 characters, below V8's large-object size
  // (128 KiB) even as two-byte text: larger strings cost far more to allocate.
  const targetChars = 60_000;
  let pageSize = 256;
  const orders = new Map<number, string>();
  const order = (n: number) => {
    let text = orders.get(n);
    if (text === undefined) {
      text = Array.from({ length: n }, (_, i) => i + 1).join(',');
      orders.set(n, text);
    }
    return text;
  };
  const pins = new Map(task.checkpoints);
  let stopped = false;
  for (let lo = task.from; lo < task.to && !stopped; ) {
    const hi = Math.min(lo + pageSize, task.to);
    let page: unknown[];
    try {
      page = aggregated.get(lo, lo, hi) as unknown[];
      if (!checkPage(page, lo, hi, order(hi - lo), state, task.checkpoints, sha256Hex)) {
        stopped = !checkRows(rowByRow.all(lo, hi), state, pins, sha256Hex);
      }
    } catch {
      // SQLite could not build a record's bytes (e.g. a value rewritten as a BLOB): stop before this page and
      // leave the page to the record-by-record verification, which reports the row as corrupt
      stopped = true;
      break;
    }
    const chars = typeof page[4] === 'string' ? page[4].length : 0;
    if (chars > 0) pageSize = Math.max(16, Math.min(1024, Math.floor((pageSize * targetChars) / chars)));
    lo = hi;
  }
  return { count: state.count, last: { seq: state.seq, hash: state.hash }, stopped };
}

/**
 * @internal Source text declaring {@link checkRows}, {@link checkPage} and {@link scanRange} (under their
 * names in this build) for a worker thread; `scanRange.name` is the name to call.
 */
export function scanSource(): string {
  return [checkRows, checkPage, scanRange].map(String).join('\n');
}
