import { Decimal } from 'decimal.js';

/** A money, price or quantity input: a `Decimal`, a decimal string or a finite number. */
export type DecimalInput = Decimal | string | number;

/** @internal Converts an input to Decimal; returns undefined when it is not a finite number. */
export function tryDecimal(value: unknown): Decimal | undefined {
  if (Decimal.isDecimal(value)) return value.isFinite() ? value : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    try {
      const d = new Decimal(value.trim());
      return d.isFinite() ? d : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** @internal Shared zero. */
export const ZERO = new Decimal(0);

export { Decimal };
