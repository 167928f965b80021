import type { DirectionModel } from '@rrr/models';
import type { PaperBotConfig } from '../config/schema.js';
import { BAR_MS, liveFeed, type MarketFeed, replayFeed, replayFiles } from '../data/feed.js';
import type { WallClock } from '../data/live.js';
import type { BotJournal, JournalBar } from './seams.js';
import {
  defaultFrom,
  parseTime,
  type RunWindow,
  refuseTrainingPeriod,
  splitWindow,
  trainingScope,
} from './window.js';

/** The market data of a run, split at its window. */
export interface MarketSetup {
  readonly feed: MarketFeed;
  readonly window: RunWindow;
  readonly history: readonly JournalBar[];
}

/**
 * Reads the journal, opens the market data (replay files or live candles) and splits it at the configured window,
 * refusing a window inside the model's training period for the model's own symbol.
 *
 * @param config - configuration
 * @param model - the loaded model (its card names the training symbol and period)
 * @param journal - the bot's journal
 * @param wallClock - live mode's clock
 * @returns feed, window and journal history
 */
export async function openMarket(
  config: PaperBotConfig,
  model: DirectionModel,
  journal: BotJournal,
  wallClock: WallClock | undefined,
): Promise<MarketSetup> {
  const scope = trainingScope(model.card);
  const history = await journal.all();
  const to = parseTime(config.to, 'to') ?? Number.POSITIVE_INFINITY;
  const configuredFrom = parseTime(config.from, 'from');
  if (config.source === 'ccxt') {
    // Live: trade from the first journaled bar (resume), else from the candle forming now.
    const wallNow = (wallClock ?? { now: () => Date.now() }).now();
    const from = configuredFrom ?? history[0]?.ts ?? Math.floor(wallNow / BAR_MS) * BAR_MS;
    refuseTrainingPeriod(from, config.symbols, scope);
    const feed = await liveFeed({
      exchange: config.exchange,
      symbols: config.symbols,
      since: from - config.live.warmupBars * BAR_MS,
      pollMs: config.live.pollMs,
      timeoutMs: config.live.timeoutMs,
      apiUrl: config.live.apiUrl,
      clock: wallClock,
    });
    return { feed, window: splitWindow(feed, from, to), history };
  }
  if (configuredFrom !== undefined) refuseTrainingPeriod(configuredFrom, config.symbols, scope);
  const files = replayFiles(config.symbols, config.dataFile);
  const feed = replayFeed(files, config.dataFile !== undefined);
  const from = configuredFrom ?? defaultFrom(config.symbols, scope, feed.series);
  refuseTrainingPeriod(from, config.symbols, scope);
  const window = splitWindow(feed, from, to);
  if (window.steps.length === 0) {
    throw new Error(`no bars in ${[...files.values()].join(', ')} from ${new Date(from).toISOString()}`);
  }
  return { feed, window, history };
}
