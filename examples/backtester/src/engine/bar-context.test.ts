import { describe, expect, it } from 'vitest';
import { headSeries, loadFile } from '../data/bars.js';
import { DEFAULT_BTC_FILE } from '../data/default-data.js';
import { BarContext } from './bar-context.js';

const series = headSeries(loadFile(DEFAULT_BTC_FILE).series, 50);

describe('BarContext', () => {
  it('reads the prices of the bar at its index, refilled in place', () => {
    const ctx = new BarContext(series);
    expect(ctx.symbol).toBe('BTC/USDT');
    for (const i of [0, 17, 49]) {
      ctx.index = i;
      expect([ctx.open, ctx.high, ctx.low, ctx.close, ctx.volume]).toEqual([
        series.open[i],
        series.high[i],
        series.low[i],
        series.close[i],
        series.volume[i],
      ]);
    }
    // the first real BTC/USDT hour of 2024 (Binance): open 42,283.58, close 42,475.23
    ctx.index = 0;
    expect([ctx.open, ctx.close]).toEqual([42_283.58, 42_475.23]);
  });

  it('gives a strategy no way to the series, so no way to a later bar', () => {
    const ctx = new BarContext(series);
    expect(Object.keys(ctx)).toEqual(['symbol', 'index', 'time', 'position', 'pending', 'equity', 'cash']);
    expect(JSON.stringify(ctx)).not.toContain(String(series.close[1]));
    expect((ctx as unknown as Record<string, unknown>).series).toBeUndefined();
  });
});
