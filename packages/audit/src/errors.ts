const brand: unique symbol = Symbol.for('@rrr/audit/AuditError');

/**
 * Base class of every error thrown by `@rrr/audit` for the audit log, its sinks and verification.
 *
 * `code` is a stable, machine-readable string; `message` is for people and names the offending field.
 * Check with {@link isAuditError} rather than `instanceof`, which fails across duplicate package copies.
 *
 * @example
 * ```ts
 * import { AuditError, isAuditError } from '@rrr/audit';
 *
 * try {
 *   throw new AuditError('invalid_argument', 'period must be >= 1 (got 0)');
 * } catch (error) {
 *   if (isAuditError(error)) console.log(error.code); // "invalid_argument"
 * }
 * ```
 */
export class AuditError extends Error {
  /** Stable machine-readable error code, e.g. `"invalid_argument"`. */
  readonly code: string;
  /** @internal Brand checked by {@link isAuditError}. */
  readonly [brand] = true;

  /**
   * @param code - stable machine-readable code
   * @param message - human-readable message naming the offending field
   * @param options - standard `ErrorOptions`; `cause` chains the underlying error
   */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * True when `value` is a {@link AuditError} (or subclass) from any copy of `@rrr/audit`.
 *
 * @example
 * ```ts
 * import { isAuditError } from '@rrr/audit';
 *
 * isAuditError(new Error('plain')); // false
 * ```
 */
export function isAuditError(value: unknown): value is AuditError {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

/**
 * An event or option failed validation; the message names the field and the bad value.
 *
 * @example
 * ```ts
 * import { AuditValidationError } from '@rrr/audit';
 *
 * const error = new AuditValidationError('field "actor" must be a non-empty string (got "")');
 * console.log(error.code); // "invalid_event"
 * ```
 */
export class AuditValidationError extends AuditError {
  /**
   * @param message - names the offending field and value
   * @param options - `cause` chains the underlying zod error
   */
  constructor(message: string, options?: ErrorOptions) {
    super('invalid_event', message, options);
  }
}

/**
 * A sink could not read or write its storage (I/O error, disk full, lock timeout, corrupt file).
 * When an append fails with this error nothing of the failed batch was stored.
 *
 * @example
 * ```ts
 * import { AuditSinkError } from '@rrr/audit';
 *
 * const error = new AuditSinkError('write to "audit.jsonl" failed: ENOSPC');
 * console.log(error.code); // "sink_io"
 * ```
 */
export class AuditSinkError extends AuditError {
  /**
   * @param message - what the sink tried to do and on which file or table
   * @param options - `cause` chains the underlying driver or file-system error
   */
  constructor(message: string, options?: ErrorOptions) {
    super('sink_io', message, options);
  }
}

/**
 * The audit log refused an append because an earlier write failed and the log is unhealthy.
 *
 * @example
 * ```ts
 * import { AuditUnhealthyError } from '@rrr/audit';
 *
 * const error = new AuditUnhealthyError('audit log is unhealthy after: disk full');
 * console.log(error.code); // "unhealthy"
 * ```
 */
export class AuditUnhealthyError extends AuditError {
  /**
   * @param message - names the failure that made the log unhealthy
   * @param options - `cause` chains that failure
   */
  constructor(message: string, options?: ErrorOptions) {
    super('unhealthy', message, options);
  }
}

/**
 * Stored data is inconsistent in a way that prevents opening the log (e.g. a record that is not
 * valid JSON in the middle of a file). Tampering found by `verify()` is reported as a value instead.
 *
 * @example
 * ```ts
 * import { AuditCorruptionError } from '@rrr/audit';
 *
 * const error = new AuditCorruptionError('line 3 of "audit-000001.jsonl" is not a record');
 * console.log(error.code); // "corrupt"
 * ```
 */
export class AuditCorruptionError extends AuditError {
  /**
   * @param message - names the file or table and the position of the bad data
   * @param options - `cause` chains the parse error
   */
  constructor(message: string, options?: ErrorOptions) {
    super('corrupt', message, options);
  }
}
