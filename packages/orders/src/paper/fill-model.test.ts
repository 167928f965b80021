import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { applySlippage, type SlippageModel, slippageBps } from './fill-model.js';

const noRandom = (): number => 0;
const ONE = new Decimal(1);

describe('slippage', () => {
  it('moves the price against the taker by the bps, rounded to the tick away from the taker', () => {
    const tick = new Decimal('0.01');
    const bps = slippageBps({ kind: 'fixed_bps', bps: 2 }, ONE, ONE, noRandom);
    // 60792.47 * 1.0002 = 60804.628494 -> up; * 0.9998 = 60780.311506 -> down
    expect(applySlippage(new Decimal('60792.47'), 'buy', bps, tick).toString()).toBe('60804.63');
    expect(applySlippage(new Decimal('60792.47'), 'sell', bps, tick).toString()).toBe('60780.31');
    // a tick that is not a power of ten: multiples of 0.05
    expect(applySlippage(new Decimal('100'), 'buy', bps, new Decimal('0.05')).toString()).toBe('100.05');
    expect(applySlippage(new Decimal('100'), 'sell', bps, new Decimal('0.05')).toString()).toBe('99.95');
    expect(applySlippage(new Decimal('100'), 'buy', new Decimal(0), tick).toString()).toBe('100');
  });

  it('gives a fixed model its bps, also after the model object was changed', () => {
    const model = { kind: 'fixed_bps', bps: 2 } as { kind: 'fixed_bps'; bps: number };
    expect(slippageBps(model as SlippageModel, ONE, ONE, noRandom).toString()).toBe('2');
    expect(slippageBps(model as SlippageModel, ONE, ONE, noRandom)).toBe(
      slippageBps(model as SlippageModel, ONE, ONE, noRandom),
    );
    model.bps = 5;
    expect(slippageBps(model as SlippageModel, ONE, ONE, noRandom).toString()).toBe('5');
  });
});
