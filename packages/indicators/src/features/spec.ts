import { z } from 'zod';
import { InvalidParameterError } from '../errors.js';

const period = (min = 1) => z.number().int().min(min).max(100_000);

/** zod schema of one `FeatureDefinition`; messages name the offending field. */
const definitionSchema: z.ZodType<FeatureDefinition> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rsi'), period: period(1) }),
  z.object({ kind: z.literal('macd'), fast: period(1), slow: period(1), signal: period(1) }),
  z.object({ kind: z.literal('stochastic'), kPeriod: period(1), kSlowing: period(1), dPeriod: period(1) }),
  z.object({ kind: z.literal('roc'), period: period(1) }),
  z.object({ kind: z.literal('williamsR'), period: period(1) }),
  z.object({ kind: z.literal('cci'), period: period(1) }),
  z.object({ kind: z.literal('smaRatio'), period: period(1) }),
  z.object({ kind: z.literal('emaRatio'), period: period(1) }),
  z.object({ kind: z.literal('smaCross'), fast: period(1), slow: period(1) }),
  z.object({ kind: z.literal('adx'), period: period(1) }),
  z.object({ kind: z.literal('aroon'), period: period(1) }),
  z.object({ kind: z.literal('bollinger'), period: period(2), stdDev: z.number().positive().finite() }),
  z.object({ kind: z.literal('natr'), period: period(1) }),
  z.object({
    kind: z.literal('keltnerPosition'),
    period: period(1),
    multiplier: z.number().positive().finite(),
    atrPeriod: period(1),
  }),
  z.object({ kind: z.literal('donchianPosition'), period: period(1) }),
  z.object({ kind: z.literal('obvChange'), period: period(1) }),
  z.object({ kind: z.literal('vwapDistance'), anchor: z.enum(['day', 'week', 'month', 'none']) }),
  z.object({ kind: z.literal('mfi'), period: period(1) }),
  z.object({ kind: z.literal('logReturn'), horizon: period(1) }),
  z.object({ kind: z.literal('volatility'), period: period(2) }),
  z.object({ kind: z.literal('volumeRatio'), period: period(1) }),
]);

/**
 * One feature group of a {@link FeatureSpec}; `kind` selects the group and the other fields its parameters.
 * Every column is scale-free (oscillators, ratios, returns), so a model trained on one price level applies
 * to another. Column names are derived from the parameters (see {@link featureColumns}):
 *
 * | kind | columns (for the default parameters) |
 * |---|---|
 * | `rsi` | `rsi_14`: RSI, 0..100 |
 * | `macd` | `macd_12_26_9`, `macd_signal_12_26_9`, `macd_hist_12_26_9`: MACD line, signal, histogram divided by close |
 * | `stochastic` | `stoch_k_14_3_3`, `stoch_d_14_3_3`: slow stochastic, 0..100 |
 * | `roc` | `roc_10`: rate of change in percent |
 * | `williamsR` | `willr_14`: Williams %R, -100..0 |
 * | `cci` | `cci_20`: commodity channel index |
 * | `smaRatio` / `emaRatio` | `close_sma_20`, `close_ema_12`: close / moving average - 1 |
 * | `smaCross` | `sma_20_50`: SMA(fast) / SMA(slow) - 1 |
 * | `adx` | `adx_14`, `plus_di_14`, `minus_di_14` |
 * | `aroon` | `aroon_up_14`, `aroon_down_14`, `aroon_osc_14` |
 * | `bollinger` | `bb_pctb_20_2`: %B, `bb_width_20_2`: (upper - lower) / middle |
 * | `natr` | `natr_14`: ATR / close * 100 |
 * | `keltnerPosition` | `keltner_pos_20_2_10`: (close - lower) / (upper - lower), 0.5 for a flat channel |
 * | `donchianPosition` | `donchian_pos_20`: (close - lower) / (upper - lower), 0.5 for a flat channel |
 * | `obvChange` | `obv_change_20`: (OBV - OBV 20 bars ago) / volume of those 20 bars, -1..1 |
 * | `vwapDistance` | `vwap_dist_day`: close / session VWAP - 1 (`anchor`: UTC `day`, Monday `week`, `month`, or `none` = cumulative) |
 * | `mfi` | `mfi_14`: money flow index, 0..100 |
 * | `logReturn` | `logret_1`: ln(close / close `horizon` bars ago) |
 * | `volatility` | `volatility_20`: population standard deviation of 1-bar log returns over `period` bars |
 * | `volumeRatio` | `volume_ratio_20`: volume / SMA(volume), 1 when that average is 0 |
 */
export type FeatureDefinition =
  | {
      /** Feature group `rsi`. */
      readonly kind: 'rsi';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `macd`. */
      readonly kind: 'macd';
      /** Fast length in bars (integer, below `slow`). */
      readonly fast: number;
      /** Slow length in bars (integer). */
      readonly slow: number;
      /** Signal EMA length in bars (integer). */
      readonly signal: number;
    }
  | {
      /** Feature group `stochastic`. */
      readonly kind: 'stochastic';
      /** Highest-high / lowest-low look-back in bars (integer). */
      readonly kPeriod: number;
      /** SMA smoothing of %K (integer; 1 = fast stochastic). */
      readonly kSlowing: number;
      /** SMA length of %D (integer). */
      readonly dPeriod: number;
    }
  | {
      /** Feature group `roc`. */
      readonly kind: 'roc';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `williamsR`. */
      readonly kind: 'williamsR';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `cci`. */
      readonly kind: 'cci';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `smaRatio`. */
      readonly kind: 'smaRatio';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `emaRatio`. */
      readonly kind: 'emaRatio';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `smaCross`. */
      readonly kind: 'smaCross';
      /** Fast length in bars (integer, below `slow`). */
      readonly fast: number;
      /** Slow length in bars (integer). */
      readonly slow: number;
    }
  | {
      /** Feature group `adx`. */
      readonly kind: 'adx';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `aroon`. */
      readonly kind: 'aroon';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `bollinger`. */
      readonly kind: 'bollinger';
      /** Window length in bars (integer). */
      readonly period: number;
      /** Band distance in standard deviations (> 0). */
      readonly stdDev: number;
    }
  | {
      /** Feature group `natr`. */
      readonly kind: 'natr';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `keltnerPosition`. */
      readonly kind: 'keltnerPosition';
      /** Window length in bars (integer). */
      readonly period: number;
      /** Band distance in ATRs (> 0). */
      readonly multiplier: number;
      /** ATR length in bars (integer). */
      readonly atrPeriod: number;
    }
  | {
      /** Feature group `donchianPosition`. */
      readonly kind: 'donchianPosition';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `obvChange`. */
      readonly kind: 'obvChange';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `vwapDistance`. */
      readonly kind: 'vwapDistance';
      /** VWAP session: UTC `day`, Monday `week`, `month`, or `none` (cumulative). */
      readonly anchor: 'day' | 'week' | 'month' | 'none';
    }
  | {
      /** Feature group `mfi`. */
      readonly kind: 'mfi';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `logReturn`. */
      readonly kind: 'logReturn';
      /** Look-back of the return in bars (integer). */
      readonly horizon: number;
    }
  | {
      /** Feature group `volatility`. */
      readonly kind: 'volatility';
      /** Window length in bars (integer). */
      readonly period: number;
    }
  | {
      /** Feature group `volumeRatio`. */
      readonly kind: 'volumeRatio';
      /** Window length in bars (integer). */
      readonly period: number;
    };

/** The feature groups of a feature matrix, in column order. */
export type FeatureSpec = readonly FeatureDefinition[];

/** The `kind` values of {@link FeatureDefinition}. */
export type FeatureKind = FeatureDefinition['kind'];

/**
 * The default feature set: 37 scale-free columns from the package's indicators with their conventional
 * periods (RSI 14 and 21, MACD 12/26/9, slow stochastic 14/3/3, ROC 10, Williams %R 14, CCI 20, SMA 20/50
 * and EMA 12/26 ratios, ADX/DI 14, Aroon 14, Bollinger 20/2, NATR 14, Keltner 20/2/10, Donchian 20, OBV
 * change 20, daily-session VWAP distance, MFI 14) plus log returns over 1, 3, 6, 12 and 24 bars, realized
 * volatility over 20 and 50 bars and relative volume over 20 bars.
 *
 * @example
 * ```ts
 * import { DEFAULT_FEATURE_SPEC, featureColumns } from '@rrr/indicators';
 *
 * featureColumns(DEFAULT_FEATURE_SPEC).length; // 37
 * ```
 */
export const DEFAULT_FEATURE_SPEC: FeatureSpec = [
  { kind: 'rsi', period: 14 },
  { kind: 'rsi', period: 21 },
  { kind: 'macd', fast: 12, slow: 26, signal: 9 },
  { kind: 'stochastic', kPeriod: 14, kSlowing: 3, dPeriod: 3 },
  { kind: 'roc', period: 10 },
  { kind: 'williamsR', period: 14 },
  { kind: 'cci', period: 20 },
  { kind: 'smaRatio', period: 20 },
  { kind: 'smaRatio', period: 50 },
  { kind: 'emaRatio', period: 12 },
  { kind: 'emaRatio', period: 26 },
  { kind: 'smaCross', fast: 20, slow: 50 },
  { kind: 'adx', period: 14 },
  { kind: 'aroon', period: 14 },
  { kind: 'bollinger', period: 20, stdDev: 2 },
  { kind: 'natr', period: 14 },
  { kind: 'keltnerPosition', period: 20, multiplier: 2, atrPeriod: 10 },
  { kind: 'donchianPosition', period: 20 },
  { kind: 'obvChange', period: 20 },
  { kind: 'vwapDistance', anchor: 'day' },
  { kind: 'mfi', period: 14 },
  { kind: 'logReturn', horizon: 1 },
  { kind: 'logReturn', horizon: 3 },
  { kind: 'logReturn', horizon: 6 },
  { kind: 'logReturn', horizon: 12 },
  { kind: 'logReturn', horizon: 24 },
  { kind: 'volatility', period: 20 },
  { kind: 'volatility', period: 50 },
  { kind: 'volumeRatio', period: 20 },
];

/**
 * Validates a spec (zod) and throws `InvalidParameterError` (`invalid_option`) naming the first bad field.
 *
 * @internal
 */
export function parseFeatureSpec(spec: unknown): FeatureSpec {
  const parsed = z.array(definitionSchema).min(1).safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined ? 'spec' : ['spec', ...issue.path.map(String)].join('.');
    throw new InvalidParameterError(
      'invalid_option',
      path,
      `${path}: ${issue?.message ?? 'invalid feature spec'}`,
    );
  }
  for (const [index, definition] of parsed.data.entries()) {
    if (
      (definition.kind === 'macd' || definition.kind === 'smaCross') &&
      definition.fast >= definition.slow
    ) {
      throw new InvalidParameterError(
        'invalid_option',
        `spec.${index}.fast`,
        `spec.${index}.fast (${definition.fast}) must be below spec.${index}.slow (${definition.slow})`,
      );
    }
  }
  return parsed.data;
}

const num = (x: number): string => String(x).replace('.', 'p');

/** Column names of one definition. @internal */
export function definitionColumns(d: FeatureDefinition): string[] {
  switch (d.kind) {
    case 'rsi':
      return [`rsi_${d.period}`];
    case 'macd': {
      const p = `${d.fast}_${d.slow}_${d.signal}`;
      return [`macd_${p}`, `macd_signal_${p}`, `macd_hist_${p}`];
    }
    case 'stochastic': {
      const p = `${d.kPeriod}_${d.kSlowing}_${d.dPeriod}`;
      return [`stoch_k_${p}`, `stoch_d_${p}`];
    }
    case 'roc':
      return [`roc_${d.period}`];
    case 'williamsR':
      return [`willr_${d.period}`];
    case 'cci':
      return [`cci_${d.period}`];
    case 'smaRatio':
      return [`close_sma_${d.period}`];
    case 'emaRatio':
      return [`close_ema_${d.period}`];
    case 'smaCross':
      return [`sma_${d.fast}_${d.slow}`];
    case 'adx':
      return [`adx_${d.period}`, `plus_di_${d.period}`, `minus_di_${d.period}`];
    case 'aroon':
      return [`aroon_up_${d.period}`, `aroon_down_${d.period}`, `aroon_osc_${d.period}`];
    case 'bollinger':
      return [`bb_pctb_${d.period}_${num(d.stdDev)}`, `bb_width_${d.period}_${num(d.stdDev)}`];
    case 'natr':
      return [`natr_${d.period}`];
    case 'keltnerPosition':
      return [`keltner_pos_${d.period}_${num(d.multiplier)}_${d.atrPeriod}`];
    case 'donchianPosition':
      return [`donchian_pos_${d.period}`];
    case 'obvChange':
      return [`obv_change_${d.period}`];
    case 'vwapDistance':
      return [`vwap_dist_${d.anchor}`];
    case 'mfi':
      return [`mfi_${d.period}`];
    case 'logReturn':
      return [`logret_${d.horizon}`];
    case 'volatility':
      return [`volatility_${d.period}`];
    case 'volumeRatio':
      return [`volume_ratio_${d.period}`];
  }
}

/**
 * Column names of a feature matrix built from `spec`, in order. Throws `InvalidParameterError` for an
 * invalid spec or when two groups produce the same column name.
 *
 * @param spec - feature groups (default {@link DEFAULT_FEATURE_SPEC})
 * @returns the column names
 * @example
 * ```ts
 * import { featureColumns } from '@rrr/indicators';
 *
 * featureColumns([{ kind: 'rsi', period: 14 }, { kind: 'macd', fast: 12, slow: 26, signal: 9 }]);
 * // ['rsi_14', 'macd_12_26_9', 'macd_signal_12_26_9', 'macd_hist_12_26_9']
 * ```
 */
export function featureColumns(spec: FeatureSpec = DEFAULT_FEATURE_SPEC): string[] {
  const columns = parseFeatureSpec(spec).flatMap(definitionColumns);
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name)) {
      throw new InvalidParameterError('invalid_option', 'spec', `spec produces the column ${name} twice`);
    }
    seen.add(name);
  }
  return columns;
}
