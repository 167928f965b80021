import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { notionalOf, rememberNotional } from './notional.js';

describe('notionalOf', () => {
  it('hands out the remembered product of the last fill, and multiplies for any other', () => {
    const fill = { quantity: new Decimal('0.015'), price: new Decimal('60792.47') };
    const remembered = fill.quantity.mul(fill.price);
    rememberNotional(fill, remembered);
    expect(notionalOf(fill)).toBe(remembered);
    const other = { quantity: new Decimal('2'), price: new Decimal('3.5') };
    expect(notionalOf(other).toString()).toBe('7');
  });

  it('does not trust the remembered product once the fill holds other Decimals', () => {
    const fill = { quantity: new Decimal('1'), price: new Decimal('100') };
    rememberNotional(fill, new Decimal(100));
    const changed = fill as { quantity: Decimal; price: Decimal };
    changed.quantity = new Decimal('2');
    expect(notionalOf(changed).toString()).toBe('200');
  });
});
