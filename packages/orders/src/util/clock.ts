/** Source of the current time in milliseconds since the Unix epoch (UTC). Inject it; never read the system clock deep in logic. */
export interface Clock {
  /** Current time, ms since the Unix epoch, UTC. */
  now(): number;
}

/**
 * A clock that reads the system time; use it only at the edge of a live application.
 *
 * @example
 * ```ts
 * import { systemClock } from '@rrr/orders';
 *
 * const t = systemClock.now();
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() };
