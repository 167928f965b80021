import { describe, expect, it } from 'vitest';
import { AuditError, isAuditError } from './errors.js';

describe('AuditError', () => {
  it('carries a stable code, a message and a chained cause', () => {
    const cause = new Error('root cause');
    const error = new AuditError('invalid_argument', 'field "x" is bad', { cause });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe('field "x" is bad');
    expect(error.name).toBe('AuditError');
    expect(error.cause).toBe(cause);
  });

  it('is recognised by its guard, also for subclasses, and plain errors are not', () => {
    class SubError extends AuditError {}
    expect(isAuditError(new AuditError('c', 'm'))).toBe(true);
    expect(isAuditError(new SubError('c', 'm'))).toBe(true);
    expect(new SubError('c', 'm').name).toBe('SubError');
    expect(isAuditError(new Error('m'))).toBe(false);
    expect(isAuditError(null)).toBe(false);
    expect(isAuditError({ code: 'c', message: 'm' })).toBe(false);
  });
});
