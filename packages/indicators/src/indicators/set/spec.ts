import type { MacdOptions, MacdResult } from '../momentum/macd.js';
import type { StochRsiOptions } from '../momentum/stoch-rsi.js';
import type { StochasticOptions, StochasticResult } from '../momentum/stochastic.js';
import type { AdxResult } from '../trend/adx.js';
import type { AroonResult } from '../trend/aroon.js';
import type { IchimokuOptions, IchimokuResult } from '../trend/ichimoku.js';
import type { ParabolicSarOptions } from '../trend/parabolic-sar.js';
import type { SupertrendOptions, SupertrendResult } from '../trend/supertrend.js';
import type { BollingerOptions, BollingerResult } from '../volatility/bollinger.js';
import type { ChannelResult, KeltnerOptions } from '../volatility/keltner.js';
import type { VwapOptions } from '../volume/vwap.js';

/**
 * What {@link indicatorSet} computes: one entry per indicator wanted, holding that indicator's parameter
 * (its period, or the options object of its batch function; `obv: true`). Entries left out are not computed.
 */
export interface IndicatorSetSpec {
  /** `sma(close, period)`. */
  readonly sma?: number;
  /** `ema(close, period)`. */
  readonly ema?: number;
  /** `wma(close, period)`. */
  readonly wma?: number;
  /** `dema(close, period)`. */
  readonly dema?: number;
  /** `tema(close, period)`. */
  readonly tema?: number;
  /** `trix(close, period)`. */
  readonly trix?: number;
  /** `kama(close, period)`. */
  readonly kama?: number;
  /** `hma(close, period)`. */
  readonly hma?: number;
  /** `rsi(close, period)`. */
  readonly rsi?: number;
  /** `macd(close, options)`. */
  readonly macd?: MacdOptions;
  /** `stochastic(high, low, close, options)`. */
  readonly stochastic?: StochasticOptions;
  /** `stochRsi(close, options)`. */
  readonly stochRsi?: StochRsiOptions;
  /** `roc(close, period)`. */
  readonly roc?: number;
  /** `williamsR(high, low, close, period)`. */
  readonly williamsR?: number;
  /** `cci(high, low, close, period)`. */
  readonly cci?: number;
  /** `adx(high, low, close, period)`. */
  readonly adx?: number;
  /** `aroon(high, low, period)`. */
  readonly aroon?: number;
  /** `bollinger(close, options)`. */
  readonly bollinger?: BollingerOptions;
  /** `atr(high, low, close, period)`. */
  readonly atr?: number;
  /** `natr(high, low, close, period)`. */
  readonly natr?: number;
  /** `keltner(high, low, close, options)`. */
  readonly keltner?: KeltnerOptions;
  /** `donchian(high, low, period)`. */
  readonly donchian?: number;
  /** `parabolicSar(high, low, options)`. */
  readonly parabolicSar?: ParabolicSarOptions;
  /** `ichimoku(high, low, options)`. */
  readonly ichimoku?: IchimokuOptions;
  /** `supertrend(high, low, close, options)`. */
  readonly supertrend?: SupertrendOptions;
  /** `obv(close, volume)`: `true` to compute it. */
  readonly obv?: true;
  /** `vwap(timestamp, high, low, close, volume, options)`. */
  readonly vwap?: VwapOptions;
  /** `rollingVwap(high, low, close, volume, period)`. */
  readonly rollingVwap?: number;
  /** `mfi(high, low, close, volume, period)`. */
  readonly mfi?: number;
  /** `stdDev(close, period)`. */
  readonly stdDev?: number;
  /** `linRegSlope(close, period)`. */
  readonly linRegSlope?: number;
}

/** Output of each {@link indicatorSet} entry: what the batch function of the same name returns. */
export interface IndicatorSetOutputs {
  readonly sma: Float64Array;
  readonly ema: Float64Array;
  readonly wma: Float64Array;
  readonly dema: Float64Array;
  readonly tema: Float64Array;
  readonly trix: Float64Array;
  readonly kama: Float64Array;
  readonly hma: Float64Array;
  readonly rsi: Float64Array;
  readonly macd: MacdResult;
  readonly stochastic: StochasticResult;
  readonly stochRsi: StochasticResult;
  readonly roc: Float64Array;
  readonly williamsR: Float64Array;
  readonly cci: Float64Array;
  readonly adx: AdxResult;
  readonly aroon: AroonResult;
  readonly bollinger: BollingerResult;
  readonly atr: Float64Array;
  readonly natr: Float64Array;
  readonly keltner: ChannelResult;
  readonly donchian: ChannelResult;
  readonly parabolicSar: Float64Array;
  readonly ichimoku: IchimokuResult;
  readonly supertrend: SupertrendResult;
  readonly obv: Float64Array;
  readonly vwap: Float64Array;
  readonly rollingVwap: Float64Array;
  readonly mfi: Float64Array;
  readonly stdDev: Float64Array;
  readonly linRegSlope: Float64Array;
}

/** Name of an indicator {@link indicatorSet} can compute. */
export type IndicatorSetName = keyof IndicatorSetOutputs;

/** Result of {@link indicatorSet} for a spec `S`: the outputs of exactly the indicators `S` names. */
export type IndicatorSetResult<S extends IndicatorSetSpec> = {
  readonly [K in keyof S & IndicatorSetName]: IndicatorSetOutputs[K];
};

/**
 * Every indicator once, with the parameters most charts use (the set timed by the package benchmark): the
 * default spec of {@link indicatorSet}.
 *
 * @example
 * ```ts
 * import { DEFAULT_INDICATOR_SET } from '@rrr/indicators';
 *
 * console.log(Object.keys(DEFAULT_INDICATOR_SET).length, DEFAULT_INDICATOR_SET.rsi); // 31 14
 * ```
 */
export const DEFAULT_INDICATOR_SET = {
  sma: 20,
  ema: 20,
  wma: 20,
  dema: 20,
  tema: 20,
  trix: 30,
  kama: 30,
  hma: 20,
  rsi: 14,
  macd: { fast: 12, slow: 26, signal: 9 },
  stochastic: { kPeriod: 14, kSlowing: 3, dPeriod: 3 },
  stochRsi: { rsiPeriod: 14, stochPeriod: 14, kSmoothing: 1, dPeriod: 3 },
  roc: 10,
  williamsR: 14,
  cci: 20,
  adx: 14,
  aroon: 14,
  bollinger: { period: 20, stdDev: 2 },
  atr: 14,
  natr: 14,
  keltner: { period: 20, multiplier: 2, atrPeriod: 10 },
  donchian: 20,
  parabolicSar: { acceleration: 0.02, maximum: 0.2 },
  ichimoku: { conversionPeriod: 9, basePeriod: 26, spanPeriod: 52, displacement: 26 },
  supertrend: { atrPeriod: 10, multiplier: 3 },
  obv: true,
  vwap: { anchor: 'day' },
  rollingVwap: 20,
  mfi: 14,
  stdDev: 20,
  linRegSlope: 14,
} as const satisfies Required<IndicatorSetSpec>;
