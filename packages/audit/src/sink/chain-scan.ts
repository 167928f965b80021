import type { ChainAnchor } from '../verify/verify.js';

/**
 * @internal Method key of a sink that can check a stretch of its own chain faster than reading records
 * one page at a time (the SQLite sink hashes the stored bytes, in worker threads). `Symbol.for`, because
 * the sink may come from another bundle of this package (the CJS subpath entries).
 */
export const SCAN_CHAIN: unique symbol = Symbol.for('@rrr/audit/scan-chain');

/** @internal What a sink's own chain check found. */
export interface ChainScan {
  /** Records after `start` that passed: sequence, hash, link and checkpoint, as `ChainVerifier.push` checks. */
  readonly count: number;
  /** The last record that passed (or `start` when none did). */
  readonly last: ChainAnchor;
  /** True when the record after `last` did not pass; the caller re-checks it with `ChainVerifier`. */
  readonly stopped: boolean;
  /** Worker threads that took part (0: the calling thread did the work). */
  readonly workers: number;
}

/** @internal A sink with its own chain check. */
export interface ChainScanner {
  /**
   * Checks the stored records after `start`, in sequence order, until the end or the first record that
   * does not pass; never reports a record as passing that `ChainVerifier.push` would refuse.
   */
  [SCAN_CHAIN](start: ChainAnchor, checkpoints: ReadonlyMap<number, string>): Promise<ChainScan>;
}

/** @internal Whether a sink has its own chain check. */
export function isChainScanner(sink: object): sink is ChainScanner {
  return typeof (sink as Partial<ChainScanner>)[SCAN_CHAIN] === 'function';
}
