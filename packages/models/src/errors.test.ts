import { describe, expect, it } from 'vitest';
import { isModelError, ModelError } from './errors.js';

describe('ModelError', () => {
  it('carries a stable code, a message and a chained cause', () => {
    const cause = new Error('root cause');
    const error = new ModelError('invalid_argument', 'field "x" is bad', { cause });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe('field "x" is bad');
    expect(error.name).toBe('ModelError');
    expect(error.cause).toBe(cause);
  });

  it('is recognised by its guard, also for subclasses, and plain errors are not', () => {
    class SubError extends ModelError {}
    expect(isModelError(new ModelError('c', 'm'))).toBe(true);
    expect(isModelError(new SubError('c', 'm'))).toBe(true);
    expect(new SubError('c', 'm').name).toBe('SubError');
    expect(isModelError(new Error('m'))).toBe(false);
    expect(isModelError(null)).toBe(false);
    expect(isModelError({ code: 'c', message: 'm' })).toBe(false);
  });
});
