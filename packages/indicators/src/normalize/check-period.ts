import { InvalidParameterError } from '../errors.js';

/**
 * Throws an `InvalidParameterError` with code `invalid_period` unless `period` is an integer >= `min`.
 *
 * @internal
 */
export function checkWindow(name: string, period: number, min: number): void {
  if (!Number.isInteger(period) || period < min) {
    throw new InvalidParameterError(
      'invalid_period',
      name,
      `${name} must be an integer >= ${min} (got ${String(period)})`,
    );
  }
}
