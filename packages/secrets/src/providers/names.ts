import { InvalidArgumentError } from '../errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Throws unless `name` is a valid secret name: a letter or `_`, then letters, digits, `_`, `.` or `-`
 * (at most 128 characters).
 *
 * @internal
 */
export function assertSecretName(name: string): void {
  if (!NAME.test(name)) {
    throw new InvalidArgumentError(
      `secret name must match ${NAME.source} (got ${JSON.stringify(name.slice(0, 40))})`,
    );
  }
}
