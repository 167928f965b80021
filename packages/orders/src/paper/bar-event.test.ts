import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { LazyBarEvent } from './bar-event.js';

describe('LazyBarEvent', () => {
  it('reads each value as new Decimal would, once, and only when asked', () => {
    const event = new LazyBarEvent('BTC/USDT', 7, '60792.47', '60850.1', 60700.25, '60801', '12.5');
    expect(event.symbol).toBe('BTC/USDT');
    expect(event.timestamp).toBe(7);
    expect(event.parsedClose).toBeUndefined();
    expect(event.closeInput).toBe('60801');
    expect(event.open.toString()).toBe('60792.47');
    expect(event.open).toBe(event.open);
    expect(event.high.eq(new Decimal('60850.1'))).toBe(true);
    expect(event.low.toString()).toBe('60700.25');
    expect(event.volume.toString()).toBe('12.5');
    expect(event.parsedClose).toBeUndefined();
    const close = event.close;
    expect(close.toString()).toBe('60801');
    expect(event.parsedClose).toBe(close);
  });
});
