import * as ind from '../../src/indicators/index.js';
import type { Bar, OhlcvSeries } from '../../src/series/index.js';

/** Batch output: one column or named columns with the same names as the streaming value's fields. */
export type BatchOutput = Float64Array | object;

/** How the contract test drives one indicator configuration. */
export interface ContractEntry {
  /** Display name, e.g. `RSI(14)`. */
  readonly name: string;
  /** `close` for close-only indicators (fed numbers), `bar` for bar-based ones (fed Bar objects). */
  readonly input: 'close' | 'bar';
  /** A fresh streaming instance. */
  readonly make: () => ind.StreamingIndicator<never, unknown>;
  /** The batch function on a whole series. */
  readonly batch: (s: OhlcvSeries) => BatchOutput;
}

type AnyStreaming = ind.StreamingIndicator<never, unknown>;
const cast = (s: unknown): AnyStreaming => s as AnyStreaming;

const close = (
  name: string,
  make: () => unknown,
  batch: (x: Float64Array) => BatchOutput,
): ContractEntry => ({
  name,
  input: 'close',
  make: () => cast(make()),
  batch: (s) => batch(s.close),
});
const bar = (name: string, make: () => unknown, batch: (s: OhlcvSeries) => BatchOutput): ContractEntry => ({
  name,
  input: 'bar',
  make: () => cast(make()),
  batch,
});

/** Every indicator, with its default parameters and a small configuration. */
export const CONTRACT: readonly ContractEntry[] = [
  close(
    'SMA(20)',
    () => new ind.SMA(),
    (x) => ind.sma(x),
  ),
  close(
    'SMA(1)',
    () => new ind.SMA(1),
    (x) => ind.sma(x, 1),
  ),
  close(
    'EMA(20)',
    () => new ind.EMA(),
    (x) => ind.ema(x),
  ),
  close(
    'EMA(3)',
    () => new ind.EMA(3),
    (x) => ind.ema(x, 3),
  ),
  close(
    'WMA(20)',
    () => new ind.WMA(),
    (x) => ind.wma(x),
  ),
  close(
    'WMA(2)',
    () => new ind.WMA(2),
    (x) => ind.wma(x, 2),
  ),
  close(
    'DEMA(20)',
    () => new ind.DEMA(),
    (x) => ind.dema(x),
  ),
  close(
    'DEMA(3)',
    () => new ind.DEMA(3),
    (x) => ind.dema(x, 3),
  ),
  close(
    'TEMA(20)',
    () => new ind.TEMA(),
    (x) => ind.tema(x),
  ),
  close(
    'TEMA(2)',
    () => new ind.TEMA(2),
    (x) => ind.tema(x, 2),
  ),
  close(
    'TRIX(30)',
    () => new ind.TRIX(),
    (x) => ind.trix(x),
  ),
  close(
    'TRIX(4)',
    () => new ind.TRIX(4),
    (x) => ind.trix(x, 4),
  ),
  close(
    'KAMA(10)',
    () => new ind.KAMA(),
    (x) => ind.kama(x),
  ),
  close(
    'KAMA(3)',
    () => new ind.KAMA(3),
    (x) => ind.kama(x, 3),
  ),
  close(
    'HMA(9)',
    () => new ind.HMA(),
    (x) => ind.hma(x),
  ),
  close(
    'HMA(16)',
    () => new ind.HMA(16),
    (x) => ind.hma(x, 16),
  ),
  close(
    'RSI(14)',
    () => new ind.RSI(),
    (x) => ind.rsi(x),
  ),
  close(
    'RSI(2)',
    () => new ind.RSI(2),
    (x) => ind.rsi(x, 2),
  ),
  close(
    'MACD(12,26,9)',
    () => new ind.MACD(),
    (x) => ind.macd(x),
  ),
  close(
    'MACD(3,5,2)',
    () => new ind.MACD({ fast: 3, slow: 5, signal: 2 }),
    (x) => ind.macd(x, { fast: 3, slow: 5, signal: 2 }),
  ),
  close(
    'StochRSI(14,14,1,3)',
    () => new ind.StochRSI(),
    (x) => ind.stochRsi(x),
  ),
  close(
    'StochRSI(5,4,3,2)',
    () => new ind.StochRSI({ rsiPeriod: 5, stochPeriod: 4, kSmoothing: 3, dPeriod: 2 }),
    (x) => ind.stochRsi(x, { rsiPeriod: 5, stochPeriod: 4, kSmoothing: 3, dPeriod: 2 }),
  ),
  close(
    'ROC(10)',
    () => new ind.ROC(),
    (x) => ind.roc(x),
  ),
  close(
    'ROC(1)',
    () => new ind.ROC(1),
    (x) => ind.roc(x, 1),
  ),
  close(
    'StdDev(20)',
    () => new ind.StdDev(),
    (x) => ind.stdDev(x),
  ),
  close(
    'StdDev(1)',
    () => new ind.StdDev(1),
    (x) => ind.stdDev(x, 1),
  ),
  close(
    'LinRegSlope(14)',
    () => new ind.LinRegSlope(),
    (x) => ind.linRegSlope(x),
  ),
  close(
    'LinRegSlope(2)',
    () => new ind.LinRegSlope(2),
    (x) => ind.linRegSlope(x, 2),
  ),
  close(
    'Bollinger(20,2)',
    () => new ind.Bollinger(),
    (x) => ind.bollinger(x),
  ),
  close(
    'Bollinger(1,1.5)',
    () => new ind.Bollinger({ period: 1, stdDev: 1.5 }),
    (x) => ind.bollinger(x, { period: 1, stdDev: 1.5 }),
  ),
  bar(
    'Stochastic(14,3,3)',
    () => new ind.Stochastic(),
    (s) => ind.stochastic(s.high, s.low, s.close),
  ),
  bar(
    'Stochastic(5,1,1)',
    () => new ind.Stochastic({ kPeriod: 5, kSlowing: 1, dPeriod: 1 }),
    (s) => ind.stochastic(s.high, s.low, s.close, { kPeriod: 5, kSlowing: 1, dPeriod: 1 }),
  ),
  bar(
    'WilliamsR(14)',
    () => new ind.WilliamsR(),
    (s) => ind.williamsR(s.high, s.low, s.close),
  ),
  bar(
    'WilliamsR(1)',
    () => new ind.WilliamsR(1),
    (s) => ind.williamsR(s.high, s.low, s.close, 1),
  ),
  bar(
    'CCI(20)',
    () => new ind.CCI(),
    (s) => ind.cci(s.high, s.low, s.close),
  ),
  bar(
    'CCI(3)',
    () => new ind.CCI(3),
    (s) => ind.cci(s.high, s.low, s.close, 3),
  ),
  bar(
    'ADX(14)',
    () => new ind.ADX(),
    (s) => ind.adx(s.high, s.low, s.close),
  ),
  bar(
    'ADX(2)',
    () => new ind.ADX(2),
    (s) => ind.adx(s.high, s.low, s.close, 2),
  ),
  bar(
    'Aroon(14)',
    () => new ind.Aroon(),
    (s) => ind.aroon(s.high, s.low),
  ),
  bar(
    'Aroon(1)',
    () => new ind.Aroon(1),
    (s) => ind.aroon(s.high, s.low, 1),
  ),
  bar(
    'ATR(14)',
    () => new ind.ATR(),
    (s) => ind.atr(s.high, s.low, s.close),
  ),
  bar(
    'ATR(1)',
    () => new ind.ATR(1),
    (s) => ind.atr(s.high, s.low, s.close, 1),
  ),
  bar(
    'NATR(14)',
    () => new ind.NATR(),
    (s) => ind.natr(s.high, s.low, s.close),
  ),
  bar(
    'Keltner(20,10,2)',
    () => new ind.Keltner(),
    (s) => ind.keltner(s.high, s.low, s.close),
  ),
  bar(
    'Keltner(3,5,1.5)',
    () => new ind.Keltner({ period: 3, atrPeriod: 5, multiplier: 1.5 }),
    (s) => ind.keltner(s.high, s.low, s.close, { period: 3, atrPeriod: 5, multiplier: 1.5 }),
  ),
  bar(
    'Donchian(20)',
    () => new ind.Donchian(),
    (s) => ind.donchian(s.high, s.low),
  ),
  bar(
    'Donchian(1)',
    () => new ind.Donchian(1),
    (s) => ind.donchian(s.high, s.low, 1),
  ),
  bar(
    'OBV',
    () => new ind.OBV(),
    (s) => ind.obv(s.close, s.volume),
  ),
  bar(
    'VWAP(day)',
    () => new ind.VWAP(),
    (s) => ind.vwap(s.timestamp, s.high, s.low, s.close, s.volume),
  ),
  bar(
    'VWAP(week, +1h)',
    () => new ind.VWAP({ anchor: 'week', offsetMs: 3_600_000 }),
    (s) => ind.vwap(s.timestamp, s.high, s.low, s.close, s.volume, { anchor: 'week', offsetMs: 3_600_000 }),
  ),
  bar(
    'VWAP(month)',
    () => new ind.VWAP({ anchor: 'month' }),
    (s) => ind.vwap(s.timestamp, s.high, s.low, s.close, s.volume, { anchor: 'month' }),
  ),
  bar(
    'RollingVWAP(20)',
    () => new ind.RollingVWAP(),
    (s) => ind.rollingVwap(s.high, s.low, s.close, s.volume),
  ),
  bar(
    'RollingVWAP(1)',
    () => new ind.RollingVWAP(1),
    (s) => ind.rollingVwap(s.high, s.low, s.close, s.volume, 1),
  ),
  bar(
    'MFI(14)',
    () => new ind.MFI(),
    (s) => ind.mfi(s.high, s.low, s.close, s.volume),
  ),
  bar(
    'MFI(2)',
    () => new ind.MFI(2),
    (s) => ind.mfi(s.high, s.low, s.close, s.volume, 2),
  ),
  bar(
    'ParabolicSAR(0.02,0.2)',
    () => new ind.ParabolicSAR(),
    (s) => ind.parabolicSar(s.high, s.low),
  ),
  bar(
    'ParabolicSAR(0.1,0.3)',
    () => new ind.ParabolicSAR({ acceleration: 0.1, maximum: 0.3 }),
    (s) => ind.parabolicSar(s.high, s.low, { acceleration: 0.1, maximum: 0.3 }),
  ),
  bar(
    'Ichimoku(9,26,52,26)',
    () => new ind.Ichimoku(),
    (s) => ind.ichimoku(s.high, s.low),
  ),
  bar(
    'Ichimoku(2,3,5,1)',
    () => new ind.Ichimoku({ conversionPeriod: 2, basePeriod: 3, spanPeriod: 5, displacement: 1 }),
    (s) =>
      ind.ichimoku(s.high, s.low, { conversionPeriod: 2, basePeriod: 3, spanPeriod: 5, displacement: 1 }),
  ),
  bar(
    'Supertrend(10,3)',
    () => new ind.Supertrend(),
    (s) => ind.supertrend(s.high, s.low, s.close),
  ),
  bar(
    'Supertrend(2,1)',
    () => new ind.Supertrend({ atrPeriod: 2, multiplier: 1 }),
    (s) => ind.supertrend(s.high, s.low, s.close, { atrPeriod: 2, multiplier: 1 }),
  ),
];

/** The row `i` of a series as the input an entry's streaming class takes. */
export function inputAt(entry: ContractEntry, s: OhlcvSeries, i: number): number | Bar {
  if (entry.input === 'close') return s.close[i] as number;
  return {
    timestamp: s.timestamp[i] as number,
    open: s.open[i] as number,
    high: s.high[i] as number,
    low: s.low[i] as number,
    close: s.close[i] as number,
    volume: s.volume[i] as number,
  };
}

/** A different, still valid input for the same row (what a not-yet-closed candle could look like). */
export function perturbedInputAt(entry: ContractEntry, s: OhlcvSeries, i: number): number | Bar {
  const real = inputAt(entry, s, i);
  if (typeof real === 'number') return real * 1.013 + 0.5;
  const mid = (real.high + real.low) / 2;
  return { ...real, high: real.high * 1.02, low: real.low * 0.97, close: mid, volume: real.volume * 0.5 + 1 };
}
