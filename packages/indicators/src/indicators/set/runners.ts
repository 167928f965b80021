import type { OhlcvColumns } from '../../series/types.js';
import { cci } from '../momentum/cci.js';
import { macd } from '../momentum/macd.js';
import { roc } from '../momentum/roc.js';
import { rsi } from '../momentum/rsi.js';
import { stochRsi } from '../momentum/stoch-rsi.js';
import { stochastic } from '../momentum/stochastic.js';
import { trix } from '../momentum/trix.js';
import { williamsR } from '../momentum/williams-r.js';
import { dema } from '../moving-averages/dema.js';
import { ema } from '../moving-averages/ema.js';
import { hma } from '../moving-averages/hma.js';
import { kama } from '../moving-averages/kama.js';
import { sma } from '../moving-averages/sma.js';
import { tema } from '../moving-averages/tema.js';
import { wma } from '../moving-averages/wma.js';
import { adx } from '../trend/adx.js';
import { aroon } from '../trend/aroon.js';
import { ichimoku } from '../trend/ichimoku.js';
import { linRegSlope } from '../trend/lin-reg-slope.js';
import { parabolicSar } from '../trend/parabolic-sar.js';
import { supertrend } from '../trend/supertrend.js';
import { atr } from '../volatility/atr.js';
import { bollinger } from '../volatility/bollinger.js';
import { donchian } from '../volatility/donchian.js';
import { keltner } from '../volatility/keltner.js';
import { natr } from '../volatility/natr.js';
import { stdDev } from '../volatility/std-dev.js';
import { mfi } from '../volume/mfi.js';
import { obv } from '../volume/obv.js';
import { rollingVwap } from '../volume/rolling-vwap.js';
import { vwap } from '../volume/vwap.js';
import type { IndicatorSetName, IndicatorSetOutputs, IndicatorSetSpec } from './spec.js';

type Runner<K extends IndicatorSetName> = (
  c: OhlcvColumns,
  param: Exclude<IndicatorSetSpec[K], undefined>,
) => IndicatorSetOutputs[K];

/** @internal Each set entry computed alone, by its own batch function. */
export const RUNNERS: { readonly [K in IndicatorSetName]: Runner<K> } = {
  sma: (c, p) => sma(c.close, p),
  ema: (c, p) => ema(c.close, p),
  wma: (c, p) => wma(c.close, p),
  dema: (c, p) => dema(c.close, p),
  tema: (c, p) => tema(c.close, p),
  trix: (c, p) => trix(c.close, p),
  kama: (c, p) => kama(c.close, p),
  hma: (c, p) => hma(c.close, p),
  rsi: (c, p) => rsi(c.close, p),
  macd: (c, o) => macd(c.close, o),
  stochastic: (c, o) => stochastic(c.high, c.low, c.close, o),
  stochRsi: (c, o) => stochRsi(c.close, o),
  roc: (c, p) => roc(c.close, p),
  williamsR: (c, p) => williamsR(c.high, c.low, c.close, p),
  cci: (c, p) => cci(c.high, c.low, c.close, p),
  adx: (c, p) => adx(c.high, c.low, c.close, p),
  aroon: (c, p) => aroon(c.high, c.low, p),
  bollinger: (c, o) => bollinger(c.close, o),
  atr: (c, p) => atr(c.high, c.low, c.close, p),
  natr: (c, p) => natr(c.high, c.low, c.close, p),
  keltner: (c, o) => keltner(c.high, c.low, c.close, o),
  donchian: (c, p) => donchian(c.high, c.low, p),
  parabolicSar: (c, o) => parabolicSar(c.high, c.low, o),
  ichimoku: (c, o) => ichimoku(c.high, c.low, o),
  supertrend: (c, o) => supertrend(c.high, c.low, c.close, o),
  obv: (c) => obv(c.close, c.volume),
  vwap: (c, o) => vwap(c.timestamp, c.high, c.low, c.close, c.volume, o),
  rollingVwap: (c, p) => rollingVwap(c.high, c.low, c.close, c.volume, p),
  mfi: (c, p) => mfi(c.high, c.low, c.close, c.volume, p),
  stdDev: (c, p) => stdDev(c.close, p),
  linRegSlope: (c, p) => linRegSlope(c.close, p),
};

/** A column of the series read by a set entry. */
export type SetInput = 'timestamp' | 'high' | 'low' | 'close' | 'volume';

const C = ['close'] as const;
const HL = ['high', 'low'] as const;
const HLC = ['high', 'low', 'close'] as const;
const HLCV = ['high', 'low', 'close', 'volume'] as const;

/** @internal The series columns each set entry reads. */
export const INPUTS: { readonly [K in IndicatorSetName]: readonly SetInput[] } = {
  sma: C,
  ema: C,
  wma: C,
  dema: C,
  tema: C,
  trix: C,
  kama: C,
  hma: C,
  rsi: C,
  macd: C,
  stochastic: HLC,
  stochRsi: C,
  roc: C,
  williamsR: HLC,
  cci: HLC,
  adx: HLC,
  aroon: HL,
  bollinger: C,
  atr: HLC,
  natr: HLC,
  keltner: HLC,
  donchian: HL,
  parabolicSar: HL,
  ichimoku: HL,
  supertrend: HLC,
  obv: ['close', 'volume'],
  vwap: ['timestamp', ...HLCV],
  rollingVwap: HLCV,
  mfi: HLCV,
  stdDev: C,
  linRegSlope: C,
};

/** @internal Output columns of each set entry (the size of the set's arena). */
export const COLUMNS: { readonly [K in IndicatorSetName]: number } = {
  sma: 1,
  ema: 1,
  wma: 1,
  dema: 1,
  tema: 1,
  trix: 1,
  kama: 1,
  hma: 1,
  rsi: 1,
  macd: 3,
  stochastic: 2,
  stochRsi: 2,
  roc: 1,
  williamsR: 1,
  cci: 1,
  adx: 3,
  aroon: 3,
  bollinger: 5,
  atr: 1,
  natr: 1,
  keltner: 3,
  donchian: 3,
  parabolicSar: 1,
  ichimoku: 4,
  supertrend: 2,
  obv: 1,
  vwap: 1,
  rollingVwap: 1,
  mfi: 1,
  stdDev: 1,
  linRegSlope: 1,
};
