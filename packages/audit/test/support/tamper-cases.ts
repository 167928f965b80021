/** One way an attacker with file access rewrites a stored log, and what verification must report for it. */
export interface TamperCase {
  /** What was done, for the test's name. */
  readonly name: string;
  /** The statements (run with the append-only triggers dropped, see `tamperAll`). */
  readonly sql: string;
  /** The parts of the verification result that must hold (`ok: false` unless it says otherwise). */
  readonly expected: {
    readonly ok?: true;
    readonly firstBadSeq?: number;
    readonly code?: 'hash_mismatch' | 'sequence_gap';
    readonly count: number;
  };
}

/**
 * Tampering of a 1,000-record log (`buildLog(path, 1000)`, whose first page holds 256 records), each with the result
 * both chain checks (the page-by-page scan and the calling-thread scan) must give, the same as the generic
 * record-by-record path: payload, id and link changes, hash changes, reordering, and deletions at page edges.
 */
export const TAMPER_CASES: readonly TamperCase[] = [
  {
    name: 'a changed payload byte',
    sql: `UPDATE audit_log SET payload = replace(payload, '"partial":false', '"partial":true') WHERE seq = 400`,
    expected: { firstBadSeq: 400, code: 'hash_mismatch', count: 399 },
  },
  {
    name: 'a changed id that needs escaping',
    sql: `UPDATE audit_log SET id = id || '"' WHERE seq = 351`,
    expected: { firstBadSeq: 351, code: 'hash_mismatch', count: 350 },
  },
  {
    name: 'a changed prev_hash',
    sql: 'UPDATE audit_log SET prev_hash = hash WHERE seq = 700',
    expected: { firstBadSeq: 700, code: 'hash_mismatch', count: 699 },
  },
  {
    name: 'a stored hash replaced by another record’s',
    sql: 'UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE seq = 10) WHERE seq = 450',
    expected: { firstBadSeq: 450, code: 'hash_mismatch', count: 449 },
  },
  {
    name: 'one hex digit of a stored hash changed',
    sql: `UPDATE audit_log SET hash = iif(substr(hash, 1, 1) = 'a', 'b', 'a') || substr(hash, 2) WHERE seq = 700`,
    expected: { firstBadSeq: 700, code: 'hash_mismatch', count: 699 },
  },
  {
    name: 'two records swapped (reordered)',
    sql: `UPDATE audit_log SET seq = -600 WHERE seq = 600;
          UPDATE audit_log SET seq = 600 WHERE seq = 601;
          UPDATE audit_log SET seq = 601 WHERE seq = -600;`,
    expected: { firstBadSeq: 600, code: 'hash_mismatch', count: 599 },
  },
  {
    name: 'a deleted first record',
    sql: 'DELETE FROM audit_log WHERE seq = 1',
    expected: { firstBadSeq: 1, code: 'sequence_gap', count: 0 },
  },
  {
    name: 'the last record of a page deleted',
    sql: 'DELETE FROM audit_log WHERE seq = 256',
    expected: { firstBadSeq: 256, code: 'sequence_gap', count: 255 },
  },
  {
    name: 'the first record of a page deleted',
    sql: 'DELETE FROM audit_log WHERE seq = 257',
    expected: { firstBadSeq: 257, code: 'sequence_gap', count: 256 },
  },
  {
    name: 'a record deleted inside a page',
    sql: 'DELETE FROM audit_log WHERE seq = 600',
    expected: { firstBadSeq: 600, code: 'sequence_gap', count: 599 },
  },
  {
    name: 'the last record deleted (no checkpoint: not detectable)',
    sql: 'DELETE FROM audit_log WHERE seq = 1000',
    expected: { ok: true, count: 999 },
  },
];
