import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors.js';
import { toDecimal } from './decimal.js';

const failure = (fn: () => unknown): InvalidParameterError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidParameterError) return error;
    throw error;
  }
  throw new Error('expected InvalidParameterError');
};

describe('toDecimal', () => {
  it('accepts Decimal, decimal strings and finite numbers exactly', () => {
    const d = new Decimal('1.5');
    expect(toDecimal(d, 'x')).toBe(d);
    expect(toDecimal('0.1', 'x').plus('0.2').toString()).toBe('0.3');
    expect(toDecimal(-2.25, 'x').toString()).toBe('-2.25');
  });

  it.each([
    ['NaN number', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['"NaN" string', 'NaN'],
    ['"-Infinity" string', '-Infinity'],
    ['empty string', '  '],
    ['garbage string', '12abc'],
    ['Decimal NaN', new Decimal(Number.NaN)],
  ])('rejects %s naming the field', (_label, value) => {
    const error = failure(() => toDecimal(value, 'price'));
    expect(error.parameter).toBe('price');
    expect(error.code).toBe('invalid_parameter');
    expect(error.message).toContain('price');
  });

  it('rejects non-numeric types', () => {
    expect(failure(() => toDecimal(null as unknown as string, 'qty')).message).toContain(
      'qty must be a Decimal',
    );
  });
});
