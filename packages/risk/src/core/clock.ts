/**
 * Source of the current time in milliseconds since the Unix epoch, UTC. Inject one so the same code
 * runs in a backtest, a replay and live.
 *
 * @example
 * ```ts
 * import type { Clock } from '@rrr/risk';
 *
 * let t = 0;
 * const testClock: Clock = { now: () => t };
 * t += 1000;
 * testClock.now(); // 1000
 * ```
 */
export interface Clock {
  /** Current time, ms since the Unix epoch (UTC). */
  now(): number;
}

/**
 * The wall clock (`Date.now()`); use it only at the edge of an application.
 *
 * @example
 * ```ts
 * import { systemClock } from '@rrr/risk';
 *
 * const t = systemClock.now();
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() };
