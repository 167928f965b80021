import { describe, expect, it } from 'vitest';
import { isOrderError, OrderError } from './errors.js';

describe('OrderError', () => {
  it('carries a stable code, a message and a chained cause', () => {
    const cause = new Error('root cause');
    const error = new OrderError('invalid_argument', 'field "x" is bad', { cause });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe('field "x" is bad');
    expect(error.name).toBe('OrderError');
    expect(error.cause).toBe(cause);
  });

  it('is recognised by its guard, also for subclasses, and plain errors are not', () => {
    class SubError extends OrderError {}
    expect(isOrderError(new OrderError('c', 'm'))).toBe(true);
    expect(isOrderError(new SubError('c', 'm'))).toBe(true);
    expect(new SubError('c', 'm').name).toBe('SubError');
    expect(isOrderError(new Error('m'))).toBe(false);
    expect(isOrderError(null)).toBe(false);
    expect(isOrderError({ code: 'c', message: 'm' })).toBe(false);
  });
});
