import { InvalidSeriesError } from '../errors.js';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * Common timeframes in milliseconds.
 *
 * @example
 * ```ts
 * import { TIMEFRAMES } from '@rrr/indicators';
 *
 * console.log(TIMEFRAMES['1h']); // 3600000
 * ```
 */
export const TIMEFRAMES = {
  /** One minute. */
  '1m': 60_000,
  /** Five minutes. */
  '5m': 300_000,
  /** Fifteen minutes. */
  '15m': 900_000,
  /** Thirty minutes. */
  '30m': 1_800_000,
  /** One hour. */
  '1h': 3_600_000,
  /** Four hours. */
  '4h': 14_400_000,
  /** One day. */
  '1d': 86_400_000,
  /** One week. */
  '1w': 604_800_000,
} as const;

/**
 * Parses a timeframe such as `'1m'`, `'5m'`, `'15m'`, `'1h'`, `'4h'`, `'1d'`, `'1w'` or `'30s'`
 * (a positive integer and a unit `s`, `m`, `h`, `d` or `w`) into milliseconds. Months are not fixed-length
 * and are refused.
 *
 * @param timeframe - the timeframe string
 * @returns its length in ms
 * @throws InvalidSeriesError `invalid_timeframe` for anything else
 *
 * @example
 * ```ts
 * import { parseTimeframe } from '@rrr/indicators';
 *
 * parseTimeframe('4h'); // 14400000
 * ```
 */
export function parseTimeframe(timeframe: string): number {
  const match = typeof timeframe === 'string' ? /^([1-9][0-9]*)([smhdw])$/.exec(timeframe.trim()) : null;
  if (match === null) {
    throw new InvalidSeriesError(
      'invalid_timeframe',
      -1,
      'timeframe',
      `timeframe must look like 1m, 5m, 1h, 4h or 1d (got ${JSON.stringify(timeframe)})`,
    );
  }
  const count = Number(match[1]);
  const unit = match[2] as keyof typeof UNIT_MS;
  return count * UNIT_MS[unit];
}
