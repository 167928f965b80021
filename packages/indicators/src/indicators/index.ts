export {
  INDICATOR_ERROR_CODES,
  type IndicatorErrorCode,
  InvalidInputError,
  InvalidParameterError,
  InvalidSeriesError,
} from '../errors.js';
export { StreamingIndicator } from './_internal/streaming.js';
export { CCI, cci } from './momentum/cci.js';
export { MACD, type MacdOptions, type MacdResult, type MacdValue, macd } from './momentum/macd.js';
export { ROC, roc } from './momentum/roc.js';
export { RSI, rsi } from './momentum/rsi.js';
export { StochRSI, type StochRsiOptions, stochRsi } from './momentum/stoch-rsi.js';
export {
  Stochastic,
  type StochasticOptions,
  type StochasticResult,
  type StochasticValue,
  stochastic,
} from './momentum/stochastic.js';
export { TRIX, trix } from './momentum/trix.js';
export { WilliamsR, williamsR } from './momentum/williams-r.js';
export { DEMA, dema } from './moving-averages/dema.js';
export { EMA, ema } from './moving-averages/ema.js';
export { HMA, hma } from './moving-averages/hma.js';
export { KAMA, kama } from './moving-averages/kama.js';
export { SMA, sma } from './moving-averages/sma.js';
export { TEMA, tema } from './moving-averages/tema.js';
export { WMA, wma } from './moving-averages/wma.js';
export { INDICATOR_SET_NAMES, indicatorSet } from './set/indicator-set.js';
export {
  DEFAULT_INDICATOR_SET,
  type IndicatorSetName,
  type IndicatorSetOutputs,
  type IndicatorSetResult,
  type IndicatorSetSpec,
} from './set/spec.js';
export { ADX, type AdxResult, type AdxValue, adx } from './trend/adx.js';
export { Aroon, type AroonResult, type AroonValue, aroon } from './trend/aroon.js';
export {
  Ichimoku,
  type IchimokuOptions,
  type IchimokuResult,
  type IchimokuValue,
  ichimoku,
} from './trend/ichimoku.js';
export { LinRegSlope, linRegSlope } from './trend/lin-reg-slope.js';
export { ParabolicSAR, type ParabolicSarOptions, parabolicSar } from './trend/parabolic-sar.js';
export {
  Supertrend,
  type SupertrendOptions,
  type SupertrendResult,
  type SupertrendValue,
  supertrend,
} from './trend/supertrend.js';
export type {
  CloseVolume,
  HighLow,
  HighLowClose,
  HighLowCloseVolume,
  TimedHighLowCloseVolume,
} from './types.js';
export { ATR, atr } from './volatility/atr.js';
export {
  Bollinger,
  type BollingerOptions,
  type BollingerResult,
  type BollingerValue,
  bollinger,
} from './volatility/bollinger.js';
export { Donchian, donchian } from './volatility/donchian.js';
export {
  type ChannelResult,
  type ChannelValue,
  Keltner,
  type KeltnerOptions,
  keltner,
} from './volatility/keltner.js';
export { NATR, natr } from './volatility/natr.js';
export { StdDev, stdDev } from './volatility/std-dev.js';
export { MFI, mfi } from './volume/mfi.js';
export { OBV, obv } from './volume/obv.js';
export { RollingVWAP, rollingVwap } from './volume/rolling-vwap.js';
export { VWAP, VWAP_ANCHORS, type VwapAnchor, type VwapOptions, vwap } from './volume/vwap.js';
