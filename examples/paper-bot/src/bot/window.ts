import type { Bar } from '@rrr/indicators';
import type { ModelCard } from '@rrr/models';
import type { MarketFeed } from '../data/feed.js';
import { mergeTimeline, type TimeStep } from '../data/timeline.js';

const DAY_MS = 86_400_000;
/** Days of history a symbol the model was not trained on needs before its first traded bar (feature warm-up). */
export const WARMUP_DAYS = 30;

/** The model's training symbol and the last timestamp of its training or validation data. */
export interface TrainingScope {
  /** Symbol the model was trained on (card `training.symbol`). */
  readonly symbol: string;
  /** End of the validation period (or the training period), ms UTC. */
  readonly end: number;
  /** Start of the test period, ms UTC. */
  readonly testStart: number;
}

/**
 * What a model card says about the data it saw.
 *
 * @param card - the model card
 * @returns the training symbol and period end
 */
export function trainingScope(card: ModelCard): TrainingScope {
  const end = Math.max(card.training.trainPeriod.end, card.training.validationPeriod?.end ?? -Infinity);
  return { symbol: card.training.symbol, end, testStart: card.training.testPeriod?.start ?? end + 1 };
}

/** Parses a `from`/`to` configuration value. */
export function parseTime(value: string | number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`config ${field}: not a date (got ${String(value)})`);
  return ms;
}

/**
 * The first traded bar when `from` is not configured. The model's test period start when the model's own symbol
 * is traded; otherwise {@link WARMUP_DAYS} after the latest first bar of the symbols' data.
 */
export function defaultFrom(
  symbols: readonly string[],
  scope: TrainingScope,
  series: ReadonlyMap<string, readonly Bar[]>,
): number {
  if (symbols.includes(scope.symbol)) return scope.testStart;
  let first = Number.NEGATIVE_INFINITY;
  for (const bars of series.values()) first = Math.max(first, bars[0]?.timestamp ?? first);
  return first + WARMUP_DAYS * DAY_MS;
}

/**
 * Refuses a window that starts inside the training or validation period when the model's own symbol is traded
 * (the bot trades that market only on bars the model never saw). Other symbols may be traded in any period: the
 * model never saw their bars, though it saw the training symbol in the same period (cross-asset caveat).
 */
export function refuseTrainingPeriod(from: number, symbols: readonly string[], scope: TrainingScope): void {
  if (from <= scope.end && symbols.includes(scope.symbol)) {
    throw new Error(
      `config from: ${new Date(from).toISOString()} is inside the model's training/validation period (ends ` +
        `${new Date(scope.end).toISOString()}) for ${scope.symbol}; the bot trades that market only on bars the ` +
        'model never saw',
    );
  }
}

/** The bars of a run split at `from`: warm-up history per symbol and the time steps to trade. */
export interface RunWindow {
  /** First traded open time. */
  readonly from: number;
  /** Open times stop before this (infinite when open-ended). */
  readonly to: number;
  /** Bars before `from`, per symbol (feature warm-up only). */
  readonly warm: ReadonlyMap<string, readonly Bar[]>;
  /** Time steps in [from, to), oldest first; grows in live mode. */
  readonly steps: TimeStep[];
}

/**
 * Splits the feed's bars at `from` and `to`.
 *
 * @param feed - market data
 * @param from - first traded open time
 * @param to - end (exclusive)
 * @returns warm-up bars and time steps
 */
export function splitWindow(feed: MarketFeed, from: number, to: number): RunWindow {
  const warm = new Map<string, readonly Bar[]>();
  const traded = new Map<string, readonly Bar[]>();
  for (const [symbol, bars] of feed.series) {
    warm.set(
      symbol,
      bars.filter((b) => b.timestamp < from),
    );
    traded.set(
      symbol,
      bars.filter((b) => b.timestamp >= from && b.timestamp < to),
    );
  }
  return { from, to, warm, steps: mergeTimeline(traded) };
}
