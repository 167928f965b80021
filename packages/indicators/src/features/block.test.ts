import { describe, expect, it } from 'vitest';
import { btc1m } from '../../test/pipeline-fixtures.js';
import { channelPosition, Lookback, WindowStd } from './block.js';

describe('WindowStd', () => {
  it('matches a two-pass population standard deviation of real 1m log returns, across NaN restarts', () => {
    const close = btc1m().close;
    const returns = Array.from(close, (c, i) =>
      i === 0 ? Number.NaN : Math.log(c / (close[i - 1] as number)),
    );
    returns[700] = Number.NaN; // restart in the middle
    const period = 20;
    const std = new WindowStd(period);
    let run = 0;
    returns.forEach((x, i) => {
      const got = std.push(x);
      run = Number.isFinite(x) ? run + 1 : 0;
      if (run < period) {
        expect(got, `index ${i}`).toBeNaN();
        return;
      }
      const window = returns.slice(i + 1 - period, i + 1);
      const mean = window.reduce((a, b) => a + b, 0) / period;
      const expected = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / period);
      expect(Math.abs(got - expected), `index ${i}`).toBeLessThan(1e-12 * Math.max(expected, 1e-6));
    });
  });
});

describe('Lookback', () => {
  it('returns the value pushed k pushes ago, NaN before that', () => {
    const back = new Lookback(3);
    expect(back.ago(1)).toBeNaN();
    for (const x of [10, 20, 30, 40]) back.push(x);
    expect([back.ago(1), back.ago(2), back.ago(3)]).toEqual([40, 30, 20]);
    expect(back.ago(4)).toBeNaN();
  });
});

describe('channelPosition', () => {
  it('places a value in its channel, 0.5 when the channel is flat, NaN without a channel', () => {
    expect(channelPosition(15, 10, 30)).toBe(0.25);
    expect(channelPosition(10, 10, 10)).toBe(0.5);
    expect(channelPosition(10, Number.NaN, 12)).toBeNaN();
  });
});
