import { describe, expect, it } from 'vitest';
import * as ind from '../src/indicators/index.js';
import { loadSlice } from './helpers/fixtures.js';

const s = loadSlice('binance_BTCUSDT_1h_1500');
const { timestamp: t, high: h, low: l, close: c, volume: v } = s;

/** [name, batch output with default parameters, expected first valid index per column]. */
const TABLE: [string, Float64Array | object, Record<string, number> | number][] = [
  ['sma(20)', ind.sma(c), 19],
  ['ema(20)', ind.ema(c), 19],
  ['wma(20)', ind.wma(c), 19],
  ['dema(20)', ind.dema(c), 38],
  ['tema(20)', ind.tema(c), 57],
  ['trix(30)', ind.trix(c), 88],
  ['kama(10)', ind.kama(c), 10],
  ['hma(9)', ind.hma(c), 10],
  ['rsi(14)', ind.rsi(c), 14],
  ['macd(12,26,9)', ind.macd(c), { macd: 33, signal: 33, histogram: 33 }],
  ['stochastic(14,3,3)', ind.stochastic(h, l, c), { k: 17, d: 17 }],
  ['stochRsi(14,14,1,3)', ind.stochRsi(c), { k: 29, d: 29 }],
  ['roc(10)', ind.roc(c), 10],
  ['williamsR(14)', ind.williamsR(h, l, c), 13],
  ['cci(20)', ind.cci(h, l, c), 19],
  ['adx(14)', ind.adx(h, l, c), { adx: 27, plusDI: 14, minusDI: 14 }],
  ['aroon(14)', ind.aroon(h, l), { up: 14, down: 14, oscillator: 14 }],
  ['bollinger(20,2)', ind.bollinger(c), { upper: 19, middle: 19, lower: 19, percentB: 19, bandwidth: 19 }],
  ['atr(14)', ind.atr(h, l, c), 14],
  ['natr(14)', ind.natr(h, l, c), 14],
  ['keltner(20,10,2)', ind.keltner(h, l, c), { upper: 19, middle: 19, lower: 19 }],
  ['keltner(5,10,2)', ind.keltner(h, l, c, { period: 5 }), { upper: 10, middle: 10, lower: 10 }],
  ['donchian(20)', ind.donchian(h, l), { upper: 19, middle: 19, lower: 19 }],
  ['obv', ind.obv(c, v), 0],
  ['vwap(day)', ind.vwap(t, h, l, c, v), 0],
  ['rollingVwap(20)', ind.rollingVwap(h, l, c, v), 19],
  ['mfi(14)', ind.mfi(h, l, c, v), 14],
  ['parabolicSar(0.02,0.2)', ind.parabolicSar(h, l), 1],
  ['ichimoku(9,26,52,26)', ind.ichimoku(h, l), { tenkan: 8, kijun: 25, senkouA: 50, senkouB: 76 }],
  ['supertrend(10,3)', ind.supertrend(h, l, c), { supertrend: 10, direction: 10 }],
  ['stdDev(20)', ind.stdDev(c), 19],
  ['linRegSlope(14)', ind.linRegSlope(c), 13],
];

/** Checks NaN on [0, first) and finite values on [first, n). */
function checkColumn(column: Float64Array, first: number): string | null {
  for (let i = 0; i < column.length; i++) {
    const finite = Number.isFinite(column[i]);
    if (i < first && finite) return `finite value at ${i}, before the warm-up ends at ${first}`;
    if (i >= first && !finite) return `non-finite value at ${i}, after the warm-up`;
  }
  return null;
}

describe('warm-up: NaN exactly before the documented first valid index, finite values after', () => {
  it.each(TABLE)('%s', (_name, out, expected) => {
    if (typeof expected === 'number') {
      expect(out).toBeInstanceOf(Float64Array);
      expect(checkColumn(out as Float64Array, expected)).toBeNull();
      return;
    }
    const columns = out as Record<string, Float64Array>;
    expect(Object.keys(columns).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, first] of Object.entries(expected)) {
      expect(checkColumn(columns[key] as Float64Array, first), key).toBeNull();
    }
  });

  it('streaming warmup equals the batch warm-up for the default parameters', () => {
    const pairs: [number, number][] = [
      [new ind.MACD().warmup, 33],
      [new ind.Stochastic().warmup, 17],
      [new ind.StochRSI().warmup, 29],
      [new ind.ADX().warmup, 27],
      [new ind.Ichimoku().warmup, 76],
      [new ind.HMA().warmup, 10],
      [new ind.TRIX().warmup, 88],
      [new ind.Keltner().warmup, 19],
      [new ind.Supertrend().warmup, 10],
    ];
    for (const [got, want] of pairs) expect(got).toBe(want);
  });
});
