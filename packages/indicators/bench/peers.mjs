// Peer libraries timed beside @rrr/indicators, with the same parameters as bench/set.mjs.
// Each adapter receives the prepared input `d` (plain number[] columns and candle objects, built once
// outside the timed region) and computes the indicator over all of it.
//   technicalindicators: batch `X.calculate({...})` (pure JS)
//   trading-signals:     streaming classes, one `update(x, false)` per bar (its only API)
//   @ixjb94/indicators:  `IndicatorsSync` batch (pure JS, tulip-style loops)
//   tulind:              tulip indicators, native C through a synchronous callback
import { createRequire } from 'node:module';
import { IndicatorsSync } from '@ixjb94/indicators';
import * as ts from 'trading-signals';

const require = createRequire(import.meta.url);
const ti = require('technicalindicators');
const tulind = require('tulind');
const ix = new IndicatorsSync();

/** Runs a tulind indicator synchronously (its callback is invoked before `indicator` returns). */
function tu(name, inputs, options) {
  let out;
  tulind.indicators[name].indicator(inputs, options, (error, result) => {
    if (error) throw new Error(`tulind ${name}: ${error}`);
    out = result;
  });
  return out;
}

/**
 * Feeds every input to a trading-signals indicator. The loop is compiled separately per call site of
 * `tsStream` in this file (see ours.mjs): each adapter gets its own monomorphic harness loop.
 */
const feeds = new Map();
function tsStream(indicator, inputs) {
  const key = indicator.constructor;
  let feed = feeds.get(key);
  if (feed === undefined) {
    feed = new Function(
      'indicator',
      'inputs',
      'const n = inputs.length; let last = null; for (let i = 0; i < n; i++) last = indicator.update(inputs[i], false); return last;',
    );
    feeds.set(key, feed);
  }
  return feed(indicator, inputs);
}

export const PEER_NAMES = ['technicalindicators', 'trading-signals', '@ixjb94/indicators', 'tulind'];

/**
 * id -> { [peer]: (d) => unknown }. Missing keys = the peer has no such indicator.
 * Notes on mismatches are printed by run.mjs next to the figures.
 */
export const PEERS = {
  sma: {
    technicalindicators: (d) => ti.SMA.calculate({ period: 20, values: d.close }),
    'trading-signals': (d) => tsStream(new ts.SMA(20), d.close),
    '@ixjb94/indicators': (d) => ix.sma(d.close, 20),
    tulind: (d) => tu('sma', [d.close], [20]),
  },
  ema: {
    technicalindicators: (d) => ti.EMA.calculate({ period: 20, values: d.close }),
    'trading-signals': (d) => tsStream(new ts.EMA(20), d.close),
    '@ixjb94/indicators': (d) => ix.ema(d.close, 20),
    tulind: (d) => tu('ema', [d.close], [20]),
  },
  wma: {
    technicalindicators: (d) => ti.WMA.calculate({ period: 20, values: d.close }),
    'trading-signals': (d) => tsStream(new ts.WMA(20), d.close),
    '@ixjb94/indicators': (d) => ix.wma(d.close, 20),
    tulind: (d) => tu('wma', [d.close], [20]),
  },
  dema: {
    'trading-signals': (d) => tsStream(new ts.DEMA(20), d.close),
    '@ixjb94/indicators': (d) => ix.dema(d.close, 20),
    tulind: (d) => tu('dema', [d.close], [20]),
  },
  tema: {
    'trading-signals': (d) => tsStream(new ts.TEMA(20), d.close),
    '@ixjb94/indicators': (d) => ix.tema(d.close, 20),
    tulind: (d) => tu('tema', [d.close], [20]),
  },
  trix: {
    technicalindicators: (d) => ti.TRIX.calculate({ period: 30, values: d.close }),
    'trading-signals': (d) => tsStream(new ts.TRIX(30), d.close),
    '@ixjb94/indicators': (d) => ix.trix(d.close, 30),
    tulind: (d) => tu('trix', [d.close], [30]),
  },
  kama: {
    'trading-signals': (d) => tsStream(new ts.KAMA(30), d.close),
    '@ixjb94/indicators': (d) => ix.kama(d.close, 30),
    tulind: (d) => tu('kama', [d.close], [30]),
  },
  hma: {
    'trading-signals': (d) => tsStream(new ts.HMA(20), d.close),
    '@ixjb94/indicators': (d) => ix.hma(d.close, 20),
    tulind: (d) => tu('hma', [d.close], [20]),
  },
  rsi: {
    technicalindicators: (d) => ti.RSI.calculate({ period: 14, values: d.close }),
    'trading-signals': (d) => tsStream(new ts.RSI(14), d.close),
    '@ixjb94/indicators': (d) => ix.rsi(d.close, 14),
    tulind: (d) => tu('rsi', [d.close], [14]),
  },
  macd: {
    technicalindicators: (d) =>
      ti.MACD.calculate({
        values: d.close,
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      }),
    'trading-signals': (d) => tsStream(new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)), d.close),
    '@ixjb94/indicators': (d) => ix.macd(d.close, 12, 26, 9),
    tulind: (d) => tu('macd', [d.close], [12, 26, 9]),
  },
  stochastic: {
    technicalindicators: (d) =>
      ti.Stochastic.calculate({ high: d.high, low: d.low, close: d.close, period: 14, signalPeriod: 3 }),
    'trading-signals': (d) =>
      tsStream(new ts.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 }), d.candles),
    '@ixjb94/indicators': (d) => ix.stoch(d.high, d.low, d.close, 14, 3, 3),
    tulind: (d) => tu('stoch', [d.high, d.low, d.close], [14, 3, 3]),
  },
  stochRsi: {
    technicalindicators: (d) =>
      ti.StochasticRSI.calculate({
        values: d.close,
        rsiPeriod: 14,
        stochasticPeriod: 14,
        kPeriod: 3,
        dPeriod: 3,
      }),
    'trading-signals': (d) => tsStream(new ts.StochasticRSI(14), d.close),
    '@ixjb94/indicators': (d) => ix.stochrsi(d.close, 14),
    tulind: (d) => tu('stochrsi', [d.close], [14]),
  },
  roc: {
    technicalindicators: (d) => ti.ROC.calculate({ period: 10, values: d.close }),
    'trading-signals': (d) => tsStream(new ts.ROC(10), d.close),
    '@ixjb94/indicators': (d) => ix.roc(d.close, 10),
    tulind: (d) => tu('roc', [d.close], [10]),
  },
  williamsR: {
    technicalindicators: (d) =>
      ti.WilliamsR.calculate({ high: d.high, low: d.low, close: d.close, period: 14 }),
    'trading-signals': (d) => tsStream(new ts.WilliamsR(14), d.candles),
    '@ixjb94/indicators': (d) => ix.willr(d.high, d.low, d.close, 14),
    tulind: (d) => tu('willr', [d.high, d.low, d.close], [14]),
  },
  cci: {
    technicalindicators: (d) => ti.CCI.calculate({ high: d.high, low: d.low, close: d.close, period: 20 }),
    'trading-signals': (d) => tsStream(new ts.CCI(20), d.candles),
    '@ixjb94/indicators': (d) => ix.cci(d.high, d.low, d.close, 20),
    tulind: (d) => tu('cci', [d.high, d.low, d.close], [20]),
  },
  adx: {
    technicalindicators: (d) => ti.ADX.calculate({ high: d.high, low: d.low, close: d.close, period: 14 }),
    'trading-signals': (d) => tsStream(new ts.ADX(14), d.candles),
    '@ixjb94/indicators': (d) => [ix.adx(d.high, d.low, 14), ix.di(d.high, d.low, d.close, 14)],
    tulind: (d) => [tu('adx', [d.high, d.low, d.close], [14]), tu('di', [d.high, d.low, d.close], [14])],
  },
  aroon: {
    'trading-signals': (d) => tsStream(new ts.Aroon(14), d.candles),
    '@ixjb94/indicators': (d) => [ix.aroon(d.high, d.low, 14), ix.aroonosc(d.high, d.low, 14)],
    tulind: (d) => [tu('aroon', [d.high, d.low], [14]), tu('aroonosc', [d.high, d.low], [14])],
  },
  bollinger: {
    technicalindicators: (d) => ti.BollingerBands.calculate({ period: 20, values: d.close, stdDev: 2 }),
    'trading-signals': (d) => tsStream(new ts.BollingerBands(20, 2), d.close),
    '@ixjb94/indicators': (d) => ix.bbands(d.close, 20, 2),
    tulind: (d) => tu('bbands', [d.close], [20, 2]),
  },
  atr: {
    technicalindicators: (d) => ti.ATR.calculate({ high: d.high, low: d.low, close: d.close, period: 14 }),
    'trading-signals': (d) => tsStream(new ts.ATR(14), d.candles),
    '@ixjb94/indicators': (d) => ix.atr(d.high, d.low, d.close, 14),
    tulind: (d) => tu('atr', [d.high, d.low, d.close], [14]),
  },
  natr: {
    'trading-signals': (d) => tsStream(new ts.NATR(14), d.candles),
    '@ixjb94/indicators': (d) => ix.natr(d.high, d.low, d.close, 14),
    tulind: (d) => tu('natr', [d.high, d.low, d.close], [14]),
  },
  keltner: {
    technicalindicators: (d) =>
      ti.KeltnerChannels.calculate({
        high: d.high,
        low: d.low,
        close: d.close,
        maPeriod: 20,
        atrPeriod: 10,
        useSMA: false,
        multiplier: 2,
      }),
    'trading-signals': (d) =>
      tsStream(new ts.KeltnerChannels({ emaInterval: 20, atrInterval: 10, multiplier: 2 }), d.candles),
    '@ixjb94/indicators': (d) => ix.kc(d.high, d.low, d.close, 20, 2),
  },
  donchian: {
    'trading-signals': (d) => tsStream(new ts.DonchianChannels(20), d.candles),
    '@ixjb94/indicators': (d) => ix.dc(d.high, d.low, 20),
  },
  obv: {
    technicalindicators: (d) => ti.OBV.calculate({ close: d.close, volume: d.volume }),
    'trading-signals': (d) => tsStream(new ts.OBV(2), d.candles),
    '@ixjb94/indicators': (d) => ix.obv(d.close, d.volume),
    tulind: (d) => tu('obv', [d.close, d.volume], []),
  },
  vwap: {
    // Cumulative from the first bar (no session reset): the closest these libraries offer.
    technicalindicators: (d) =>
      ti.VWAP.calculate({ high: d.high, low: d.low, close: d.close, volume: d.volume }),
    'trading-signals': (d) => tsStream(new ts.VWAP(), d.candles),
  },
  rollingVwap: {
    '@ixjb94/indicators': (d) => ix.vwap(d.high, d.low, d.close, d.volume, 20),
  },
  mfi: {
    technicalindicators: (d) =>
      ti.MFI.calculate({ high: d.high, low: d.low, close: d.close, volume: d.volume, period: 14 }),
    'trading-signals': (d) => tsStream(new ts.MFI(14), d.candles),
    '@ixjb94/indicators': (d) => ix.mfi(d.high, d.low, d.close, d.volume, 14),
    tulind: (d) => tu('mfi', [d.high, d.low, d.close, d.volume], [14]),
  },
  parabolicSar: {
    technicalindicators: (d) => ti.PSAR.calculate({ high: d.high, low: d.low, step: 0.02, max: 0.2 }),
    'trading-signals': (d) =>
      tsStream(new ts.PSAR({ accelerationStep: 0.02, accelerationMax: 0.2 }), d.candles),
    '@ixjb94/indicators': (d) => ix.psar(d.high, d.low, 0.02, 0.2),
    tulind: (d) => tu('psar', [d.high, d.low], [0.02, 0.2]),
  },
  ichimoku: {
    technicalindicators: (d) =>
      ti.IchimokuCloud.calculate({
        high: d.high,
        low: d.low,
        conversionPeriod: 9,
        basePeriod: 26,
        spanPeriod: 52,
        displacement: 26,
      }),
    'trading-signals': (d) =>
      tsStream(
        new ts.IchimokuCloud({ conversionInterval: 9, baseInterval: 26, spanBInterval: 52 }),
        d.candles,
      ),
  },
  supertrend: {
    'trading-signals': (d) => tsStream(new ts.SuperTrend({ interval: 10, multiplier: 3 }), d.candles),
  },
  stdDev: {
    technicalindicators: (d) => ti.SD.calculate({ period: 20, values: d.close }),
    '@ixjb94/indicators': (d) => ix.stddev(d.close, 20),
    tulind: (d) => tu('stddev', [d.close], [20]),
  },
  linRegSlope: {
    'trading-signals': (d) => tsStream(new ts.LinearRegression(14), d.close),
    '@ixjb94/indicators': (d) => ix.linregslope(d.close, 14),
    tulind: (d) => tu('linregslope', [d.close], [14]),
  },
};
