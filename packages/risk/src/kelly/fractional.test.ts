import { describe, expect, it } from 'vitest';
import { kellyFromWinLoss } from './classic.js';
import { fractionalKelly, KellyFraction } from './fractional.js';

describe('fractionalKelly', () => {
  const full = kellyFromWinLoss({ winRate: 0.5, avgWin: 2, avgLoss: 1 });

  it('scales by half and quarter', () => {
    expect(fractionalKelly(full, KellyFraction.half).fraction.toString()).toBe('0.125');
    expect(fractionalKelly(full, KellyFraction.quarter).fraction.toString()).toBe('0.0625');
    expect(fractionalKelly(full, 1).fraction.toString()).toBe('0.25');
    expect(fractionalKelly(full, '0.3').inputs['multiplier']?.toString()).toBe('0.3');
  });

  it('keeps a no-trade estimate as no-trade', () => {
    const none = kellyFromWinLoss({ winRate: 0.4, avgWin: 1, avgLoss: 1 });
    const half = fractionalKelly(none, 0.5);
    expect(half.trade).toBe(false);
    expect(half.fraction.toString()).toBe('-0.2');
  });

  it.each([0, -0.5, 1.5, Number.NaN])('rejects fraction %d outside (0, 1]', (m) => {
    expect(() => fractionalKelly(full, m)).toThrow(/fraction must/);
  });
});
