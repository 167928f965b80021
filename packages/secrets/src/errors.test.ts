import { describe, expect, it } from 'vitest';
import { isSecretsError, SecretsError } from './errors.js';

describe('SecretsError', () => {
  it('carries a stable code, a message and a chained cause', () => {
    const cause = new Error('root cause');
    const error = new SecretsError('invalid_argument', 'field "x" is bad', { cause });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe('field "x" is bad');
    expect(error.name).toBe('SecretsError');
    expect(error.cause).toBe(cause);
  });

  it('is recognised by its guard, also for subclasses, and plain errors are not', () => {
    class SubError extends SecretsError {}
    expect(isSecretsError(new SecretsError('c', 'm'))).toBe(true);
    expect(isSecretsError(new SubError('c', 'm'))).toBe(true);
    expect(new SubError('c', 'm').name).toBe('SubError');
    expect(isSecretsError(new Error('m'))).toBe(false);
    expect(isSecretsError(null)).toBe(false);
    expect(isSecretsError({ code: 'c', message: 'm' })).toBe(false);
  });
});
