/** Source of time: milliseconds since the Unix epoch, UTC. Inject a fixed or simulated clock in tests and replays. */
export interface Clock {
  /** Current time in ms UTC. */
  now(): number;
}

/**
 * The wall clock (`Date.now()`); the default of `AuditLog`.
 *
 * @example
 * ```ts
 * import { systemClock } from '@rrr/audit';
 *
 * console.log(systemClock.now() > 0); // true
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Removes secrets from a payload before it is stored: receives the validated payload and returns the
 * value to store. A structural interface, so `@rrr/secrets`' redactor (or any function) plugs in.
 */
export type Redactor = (value: unknown) => unknown;
