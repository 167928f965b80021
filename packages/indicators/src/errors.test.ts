import { describe, expect, it } from 'vitest';
import { IndicatorError, isIndicatorError } from './errors.js';

describe('IndicatorError', () => {
  it('carries a stable code, a message and a chained cause', () => {
    const cause = new Error('root cause');
    const error = new IndicatorError('invalid_argument', 'field "x" is bad', { cause });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe('field "x" is bad');
    expect(error.name).toBe('IndicatorError');
    expect(error.cause).toBe(cause);
  });

  it('is recognised by its guard, also for subclasses, and plain errors are not', () => {
    class SubError extends IndicatorError {}
    expect(isIndicatorError(new IndicatorError('c', 'm'))).toBe(true);
    expect(isIndicatorError(new SubError('c', 'm'))).toBe(true);
    expect(new SubError('c', 'm').name).toBe('SubError');
    expect(isIndicatorError(new Error('m'))).toBe(false);
    expect(isIndicatorError(null)).toBe(false);
    expect(isIndicatorError({ code: 'c', message: 'm' })).toBe(false);
  });
});
