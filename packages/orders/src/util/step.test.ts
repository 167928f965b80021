import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPowerOfTen, roundToStep } from './step.js';

const MODES = [Decimal.ROUND_UP, Decimal.ROUND_DOWN, Decimal.ROUND_CEIL, Decimal.ROUND_FLOOR] as const;

/** The formula the fast path stands for. */
const general = (value: Decimal, step: Decimal, mode: Decimal.Rounding): Decimal =>
  value.div(step).toDecimalPlaces(0, mode).mul(step);

describe('roundToStep', () => {
  it('rounds to a power-of-ten step in every mode', () => {
    const v = new Decimal('60792.4751');
    expect(roundToStep(v, new Decimal('0.01'), Decimal.ROUND_UP).toString()).toBe('60792.48');
    expect(roundToStep(v, new Decimal('0.01'), Decimal.ROUND_DOWN).toString()).toBe('60792.47');
    expect(roundToStep(v.neg(), new Decimal('0.01'), Decimal.ROUND_FLOOR).toString()).toBe('-60792.48');
    expect(roundToStep(v, new Decimal(1), Decimal.ROUND_CEIL).toString()).toBe('60793');
    expect(roundToStep(v, new Decimal(10), Decimal.ROUND_FLOOR).toString()).toBe('60790');
    expect(roundToStep(v, new Decimal('0.05'), Decimal.ROUND_FLOOR).toString()).toBe('60792.45');
  });

  it('takes the general formula for a value of more digits than the precision (it rounds in the division)', () => {
    // 21 nines: the division rounds it to 1 before the floor, a plain floor would give 0.99999
    const v = new Decimal('0.999999999999999999999');
    const step = new Decimal('0.00001');
    expect(roundToStep(v, step, Decimal.ROUND_FLOOR).toString()).toBe('1');
    expect(v.toDecimalPlaces(5, Decimal.ROUND_FLOOR).toString()).toBe('0.99999');
  });

  it('equals value.div(step).toDecimalPlaces(0, mode).mul(step) for any value, step and mode', () => {
    const digits = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n });
    const steps = fc.constantFrom('0.00001', '0.01', '0.1', '1', '10', '0.5', '0.0025');
    fc.assert(
      fc.property(
        digits,
        fc.integer({ min: -12, max: 6 }),
        steps,
        fc.constantFrom(...MODES),
        (n, exp, s, mode) => {
          const value = new Decimal(`${n}e${exp}`);
          const step = new Decimal(s);
          const fast = roundToStep(value, step, mode);
          const slow = general(value, step, mode);
          expect(fast.toString()).toBe(slow.toString());
          expect(fast.isNegative()).toBe(slow.isNegative());
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('isPowerOfTen', () => {
  it('knows ticks and lot steps', () => {
    expect(['0.01', '0.00001', '1', '100'].map((s) => isPowerOfTen(new Decimal(s)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['0.05', '0.0025', '2', '20'].map((s) => isPowerOfTen(new Decimal(s)))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
