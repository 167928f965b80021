import { createRequire } from 'node:module';
import { KeltnerChannels, VWAP as TiVWAP } from 'technicalindicators';
import {
  DonchianChannels,
  IchimokuCloud,
  SuperTrend,
  TradingSignal,
  HMA as TsHMA,
  KeltnerChannels as TsKC,
} from 'trading-signals';
import { describe, expect, it } from 'vitest';
import {
  donchian,
  hma,
  ichimoku,
  keltner,
  rollingVwap,
  supertrend,
  vwap,
} from '../../src/indicators/index.js';
import { loadSlice } from '../helpers/fixtures.js';

interface TulindIndicator {
  indicator(inputs: number[][], options: number[], done: (error: unknown, results: number[][]) => void): void;
}
const require = createRequire(import.meta.url);
const tulind = require('tulind') as { indicators: Record<string, TulindIndicator> };

/** Runs a tulind indicator (its callback is synchronous) and right-aligns the output to the input length. */
function tulip(name: string, inputs: number[][], options: number[]): Float64Array {
  const n = (inputs[0] as number[]).length;
  const out = new Float64Array(n).fill(Number.NaN);
  const ind = tulind.indicators[name];
  if (ind === undefined) throw new Error(`tulind has no ${name}`);
  ind.indicator(inputs, options, (error, results) => {
    if (error) throw error;
    const r = results[0] as number[];
    out.set(r, n - r.length);
  });
  return out;
}

/** max relative difference over rows [from, n), relative to the largest peer magnitude; NaN anywhere fails. */
function maxRelDiff(ours: ArrayLike<number>, peer: ArrayLike<number>, from: number): number {
  let diff = 0;
  let scale = 0;
  for (let i = from; i < ours.length; i++) {
    const a = ours[i] as number;
    const b = peer[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.POSITIVE_INFINITY;
    diff = Math.max(diff, Math.abs(a - b));
    scale = Math.max(scale, Math.abs(b));
  }
  return diff / scale;
}

const s = loadSlice('binance_BTCUSDT_1h_1500');
const n = s.length;
const bars = Array.from({ length: n }, (_, i) => ({
  high: s.high[i] as number,
  low: s.low[i] as number,
  close: s.close[i] as number,
  volume: s.volume[i] as number,
}));

describe('indicators TA-Lib lacks, cross-checked against peer libraries on real BTC/USDT 1h bars', () => {
  it('HMA equals tulind hma and trading-signals HMA from the first value on', () => {
    for (const period of [9, 16, 20]) {
      const ours = hma(s.close, period);
      const first = period + Math.floor(Math.sqrt(period)) - 2;
      const tu = tulip('hma', [Array.from(s.close)], [period]);
      expect(
        Number.isNaN(tu[first - 1] as number) && !Number.isNaN(tu[first] as number),
        'tulind warm-up',
      ).toBe(true);
      expect(maxRelDiff(ours, tu, first)).toBeLessThan(1e-9);
      const ts = new TsHMA(period);
      const tsOut = new Float64Array(n).fill(Number.NaN);
      s.close.forEach((x, i) => {
        tsOut[i] = ts.add(x) ?? Number.NaN;
      });
      expect(maxRelDiff(ours, tsOut, first)).toBeLessThan(1e-9);
    }
  });

  it('Keltner equals trading-signals KeltnerChannels and technicalindicators (EMA 20, ATR 10, x2)', () => {
    const ours = keltner(s.high, s.low, s.close);
    const kc = new TsKC({ emaInterval: 20, atrInterval: 10, multiplier: 2 });
    const up = new Float64Array(n).fill(Number.NaN);
    const mid = new Float64Array(n).fill(Number.NaN);
    bars.forEach((b, i) => {
      const r = kc.add(b);
      if (r) {
        up[i] = r.upper;
        mid[i] = r.middle;
      }
    });
    // trading-signals seeds its EMA and ATR differently (a published variation); both smoothings forget
    // the seed geometrically, so the lines agree once 300 bars have passed
    expect(maxRelDiff(ours.middle, mid, 19)).toBeGreaterThan(1e-9);
    expect(maxRelDiff(ours.middle, mid, 300)).toBeLessThan(1e-9);
    expect(maxRelDiff(ours.upper, up, 300)).toBeLessThan(1e-9);
    const ti = KeltnerChannels.calculate({
      high: Array.from(s.high),
      low: Array.from(s.low),
      close: Array.from(s.close),
      maPeriod: 20,
      atrPeriod: 10,
      useSMA: false,
      multiplier: 2,
    });
    const tiUpper = new Float64Array(n).fill(Number.NaN);
    ti.forEach((r, k) => {
      tiUpper[n - ti.length + k] = r.upper;
    });
    expect(maxRelDiff(ours.upper, tiUpper, 300)).toBeLessThan(1e-9);
  });

  it('Donchian equals trading-signals DonchianChannels', () => {
    const ours = donchian(s.high, s.low, 20);
    const dc = new DonchianChannels(20);
    const up = new Float64Array(n).fill(Number.NaN);
    const lo = new Float64Array(n).fill(Number.NaN);
    const mid = new Float64Array(n).fill(Number.NaN);
    bars.forEach((b, i) => {
      const r = dc.add(b);
      if (r) {
        up[i] = r.upper;
        lo[i] = r.lower;
        mid[i] = r.middle;
      }
    });
    expect(Number.isNaN(up[18] as number) && !Number.isNaN(up[19] as number)).toBe(true);
    expect(maxRelDiff(ours.upper, up, 19)).toBe(0);
    expect(maxRelDiff(ours.lower, lo, 19)).toBe(0);
    expect(maxRelDiff(ours.middle, mid, 19)).toBe(0);
  });

  it('Ichimoku lines equal trading-signals IchimokuCloud, with the spans shifted by displacement - 1', () => {
    const ours = ichimoku(s.high, s.low);
    const cloud = new IchimokuCloud({ conversionInterval: 9, baseInterval: 26, spanBInterval: 52 });
    let compared = 0;
    bars.forEach((b, i) => {
      const r = cloud.add(b);
      if (!r) return;
      expect(ours.tenkan[i]).toBe(r.conversion);
      expect(ours.kijun[i]).toBe(r.base);
      if (i + 25 < n) {
        expect(ours.senkouA[i + 25]).toBe(r.spanA);
        expect(ours.senkouB[i + 25]).toBe(r.spanB);
        compared++;
      }
    });
    expect(compared).toBe(n - 51 - 25);
  });

  it('Supertrend equals trading-signals SuperTrend once the ATR seeds are forgotten', () => {
    const ours = supertrend(s.high, s.low, s.close, { atrPeriod: 10, multiplier: 3 });
    const st = new SuperTrend({ interval: 10, multiplier: 3 });
    const line = new Float64Array(n).fill(Number.NaN);
    const dir = new Float64Array(n).fill(Number.NaN);
    bars.forEach((b, i) => {
      const r = st.add(b);
      if (r) {
        line[i] = r.supertrend;
        dir[i] = r.trend === TradingSignal.BULLISH ? 1 : -1;
      }
    });
    expect(maxRelDiff(ours.supertrend, line, 300)).toBeLessThan(1e-9);
    expect(maxRelDiff(ours.direction, dir, 300)).toBe(0);
  });

  it('cumulative VWAP (anchor none) equals technicalindicators VWAP', () => {
    const ours = vwap(s.timestamp, s.high, s.low, s.close, s.volume, { anchor: 'none' });
    const ti = TiVWAP.calculate({
      high: Array.from(s.high),
      low: Array.from(s.low),
      close: Array.from(s.close),
      volume: Array.from(s.volume),
    });
    expect(ti.length).toBe(n);
    expect(maxRelDiff(ours, Float64Array.from(ti), 0)).toBeLessThan(1e-12);
  });

  it('daily VWAP restarts at each UTC midnight: equals a cumulative VWAP of that day only', () => {
    const ours = vwap(s.timestamp, s.high, s.low, s.close, s.volume, { anchor: 'day' });
    const day = 86_400_000;
    const start = s.timestamp.findIndex((t) => t % day === 0);
    const end = start + 24;
    const sliceCol = (c: Float64Array) => c.subarray(start, end);
    const oneDay = vwap(
      sliceCol(s.timestamp),
      sliceCol(s.high),
      sliceCol(s.low),
      sliceCol(s.close),
      sliceCol(s.volume),
      {
        anchor: 'none',
      },
    );
    expect(Array.from(ours.subarray(start, end))).toEqual(Array.from(oneDay));
    expect(ours[end]).not.toBe(oneDay[23]);
  });

  it('rolling VWAP equals tulind vwma of the typical price', () => {
    const tp = Array.from(s.close, (c, i) => ((s.high[i] as number) + (s.low[i] as number) + c) / 3);
    const ours = rollingVwap(s.high, s.low, s.close, s.volume, 20);
    const tu = tulip('vwma', [tp, Array.from(s.volume)], [20]);
    expect(maxRelDiff(ours, tu, 19)).toBeLessThan(1e-9);
  });
});
