import { describe, expect, it } from 'vitest';
import { isRiskError, RiskError } from './errors.js';

describe('RiskError', () => {
  it('carries a stable code, a message and a chained cause', () => {
    const cause = new Error('root cause');
    const error = new RiskError('invalid_argument', 'field "x" is bad', { cause });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe('field "x" is bad');
    expect(error.name).toBe('RiskError');
    expect(error.cause).toBe(cause);
  });

  it('is recognised by its guard, also for subclasses, and plain errors are not', () => {
    class SubError extends RiskError {}
    expect(isRiskError(new RiskError('c', 'm'))).toBe(true);
    expect(isRiskError(new SubError('c', 'm'))).toBe(true);
    expect(new SubError('c', 'm').name).toBe('SubError');
    expect(isRiskError(new Error('m'))).toBe(false);
    expect(isRiskError(null)).toBe(false);
    expect(isRiskError({ code: 'c', message: 'm' })).toBe(false);
  });
});
