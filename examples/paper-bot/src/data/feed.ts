import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Bar } from '@rrr/indicators';
import { DEFAULT_DATA_FILE, embeddedDataFile, loadBars } from './bars.js';
import { LiveBars, type WallClock } from './live.js';
import { mergeTimeline, type TimeStep } from './timeline.js';

/** Bar length of the shipped model and the embedded data. */
export const BAR_MS = 3_600_000;

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Market data of a run: the bars of every traded symbol, as replayed history or live closed candles. */
export interface MarketFeed {
  /** Where the bars come from, for the summary. */
  readonly label: string;
  /** `replay` or `live`. */
  readonly kind: 'replay' | 'live';
  /** Bars per symbol, oldest first: the whole file (replay) or the closed candles since the warm-up start (live). */
  readonly series: ReadonlyMap<string, readonly Bar[]>;
  /** SHA-256 of the data (replay: of the file, or of `symbol sha` lines for several; live: of the bars fetched). */
  readonly dataHash: string;
  /**
   * Live only: waits until candles after `afterTs` have closed for every symbol and returns them as time steps;
   * `[]` when aborted.
   */
  readonly next?: (
    afterTs: number,
    signal?: AbortSignal,
    onError?: (error: Error) => void,
  ) => Promise<TimeStep[]>;
}

/**
 * Where replayed bars come from: `dataFile` (one symbol only) or the embedded file of each symbol.
 *
 * @param symbols - traded symbols
 * @param dataFile - the configured file, if any
 * @returns the file per symbol
 * @throws Error naming `dataFile` when it is given for several symbols, `symbols` when one has no embedded data
 * @example
 * ```ts
 * import { replayFiles } from '@rrr/example-paper-bot';
 *
 * replayFiles(['ETH/USDT', 'SOL/USDT'], undefined).get('SOL/USDT'); // ".../data/binance_SOLUSDT_1h_2024.csv.gz"
 * ```
 */
export function replayFiles(symbols: readonly string[], dataFile: string | undefined): Map<string, string> {
  if (dataFile !== undefined && symbols.length > 1) {
    throw new Error(
      `config dataFile: one file holds one symbol; with several symbols (${symbols.join(', ')}) the embedded files are used`,
    );
  }
  const files = new Map<string, string>();
  for (const symbol of symbols) {
    const file = dataFile ?? (symbol === 'BTC/USDT' ? DEFAULT_DATA_FILE : embeddedDataFile(symbol));
    if (file === undefined)
      throw new Error(
        `config symbols: no embedded data for ${symbol} (embedded: BTC/USDT, ETH/USDT, SOL/USDT); give dataFile`,
      );
    files.set(symbol, file);
  }
  return files;
}

/**
 * Replays OHLCV files: one per symbol.
 *
 * @param files - file per symbol (see {@link replayFiles})
 * @param custom - true when the user named the file (`dataFile`), for the summary's label
 * @returns the feed
 * @example
 * ```ts
 * import { replayFeed, replayFiles } from '@rrr/example-paper-bot';
 *
 * const feed = replayFeed(replayFiles(['ETH/USDT', 'SOL/USDT'], undefined), false);
 * console.log(feed.series.get('ETH/USDT')?.length);
 * ```
 */
export function replayFeed(files: ReadonlyMap<string, string>, custom: boolean): MarketFeed {
  const series = new Map<string, readonly Bar[]>();
  const hashes: string[] = [];
  for (const [symbol, file] of files) {
    series.set(symbol, loadBars(file));
    hashes.push(`${symbol} ${sha256(readFileSync(file))}`);
  }
  const only = [...files.values()][0];
  return {
    kind: 'replay',
    label: custom && only !== undefined ? `replay of ${only}` : 'replay of real Binance 1h bars',
    series,
    dataHash: hashes.length === 1 ? (hashes[0]?.split(' ')[1] ?? '') : sha256(hashes.join('\n')),
  };
}

/** Options of {@link liveFeed}. */
export interface LiveFeedOptions {
  /** ccxt exchange id. */
  readonly exchange: string;
  /** Symbols polled. */
  readonly symbols: readonly string[];
  /** First open time fetched (warm-up start). */
  readonly since: number;
  /** Milliseconds between polls. */
  readonly pollMs: number;
  /** Request timeout, ms. */
  readonly timeoutMs: number;
  /** Replaces scheme and host of the API URLs. */
  readonly apiUrl?: string | undefined;
  /** Decides which candles are closed. */
  readonly clock?: WallClock | undefined;
}

/**
 * Live closed candles of every symbol through `LiveBars` (public ccxt OHLCV); a time step is handed out once the
 * candle of every symbol has closed at the exchange (or the exchange has moved past it).
 *
 * @param options - exchange, symbols, warm-up start, polling
 * @returns the feed with the closed candles since `since`
 * @example
 * ```ts
 * import { liveFeed } from '@rrr/example-paper-bot';
 *
 * const feed = await liveFeed({ exchange: 'binance', symbols: ['BTC/USDT'], since: Date.now() - 86_400_000, pollMs: 15_000, timeoutMs: 10_000 });
 * const steps = await feed.next?.(Date.now());
 * ```
 */
export async function liveFeed(options: LiveFeedOptions): Promise<MarketFeed> {
  const sources = new Map(
    options.symbols.map((symbol) => [
      symbol,
      LiveBars.open({
        exchange: options.exchange,
        symbol,
        barMs: BAR_MS,
        pollMs: options.pollMs,
        timeoutMs: options.timeoutMs,
        apiUrl: options.apiUrl,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
      }),
    ]),
  );
  const series = new Map<string, readonly Bar[]>();
  for (const [symbol, source] of sources) series.set(symbol, await source.closed(options.since));
  const first = options.symbols[0] ?? '';
  const dataHash =
    options.symbols.length === 1
      ? sha256(JSON.stringify({ source: `ccxt:${options.exchange}:${first}`, bars: series.get(first) }))
      : sha256(JSON.stringify({ source: `ccxt:${options.exchange}`, series: [...series] }));
  return {
    kind: 'live',
    label: `live ${options.exchange} 1h candles`,
    series,
    dataHash,
    async next(afterTs, signal, onError) {
      const fresh = new Map<string, readonly Bar[]>();
      for (const [symbol, source] of sources) {
        const bars = await source.next(afterTs, signal, onError);
        if (signal?.aborted === true) return [];
        fresh.set(symbol, bars);
      }
      return mergeTimeline(fresh);
    },
  };
}
