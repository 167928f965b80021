import { setTimeout as sleep } from 'node:timers/promises';
import type { Bar } from '@rrr/indicators';
import { type CcxtClient, CcxtExchange } from '@rrr/orders/ccxt';
import ccxt from 'ccxt';

/** A millisecond UTC time source. */
export interface WallClock {
  /** Current time, ms UTC. */
  now(): number;
}

/** Options of {@link LiveBars.open}. */
export interface LiveBarsOptions {
  /** ccxt exchange id, e.g. `binance`. */
  readonly exchange: string;
  /** Unified symbol, e.g. `BTC/USDT`. */
  readonly symbol: string;
  /** Bar length, ms (1 h for the shipped model). */
  readonly barMs: number;
  /** Milliseconds between polls while no new candle has closed. */
  readonly pollMs: number;
  /** Request timeout of the ccxt client, ms. */
  readonly timeoutMs: number;
  /** Replaces the scheme and host of every API URL of the client (proxy or local test server). */
  readonly apiUrl?: string | undefined;
  /** Decides which candles are closed; default the wall clock. */
  readonly clock?: WallClock;
}

type CcxtConstructor = new (
  config: Record<string, unknown>,
) => CcxtClient & { urls: Record<string, unknown> };

function rebase(api: unknown, base: string): unknown {
  if (typeof api === 'string') return api.replace(/^https?:\/\/[^/]+/, base);
  if (typeof api === 'object' && api !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(api)) out[key] = rebase(value, base);
    return out;
  }
  return api;
}

/**
 * Closed candles of one symbol polled from an exchange through `@rrr/orders`' `CcxtExchange.fetchBars` (public
 * OHLCV, no credentials). A candle is handed out only once its close time has passed on the clock: the candle
 * still forming, which exchanges return as the last row, is never used.
 */
export class LiveBars {
  readonly #venue: CcxtExchange;
  readonly #options: LiveBarsOptions;
  readonly #clock: WallClock;

  private constructor(venue: CcxtExchange, options: LiveBarsOptions) {
    this.#venue = venue;
    this.#options = options;
    this.#clock = options.clock ?? { now: () => Date.now() };
  }

  /**
   * Creates the ccxt client (public endpoints only) and its `CcxtExchange` adapter.
   *
   * @param options - exchange, symbol, polling and clock
   * @returns the source
   * @throws Error when ccxt has no exchange of that id
   */
  static open(options: LiveBarsOptions): LiveBars {
    const Exchange = (ccxt as unknown as Record<string, unknown>)[options.exchange];
    if (typeof Exchange !== 'function' || !ccxt.exchanges.includes(options.exchange)) {
      throw new Error(`exchange: ccxt has no exchange "${options.exchange}"`);
    }
    const client = new (Exchange as CcxtConstructor)({
      timeout: options.timeoutMs,
      enableRateLimit: true,
      options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false },
    });
    if (options.apiUrl !== undefined) {
      client.urls['api'] = rebase(client.urls['api'], options.apiUrl.replace(/\/+$/, ''));
    }
    return new LiveBars(new CcxtExchange(client, ccxt), options);
  }

  /** Start of the candle forming now: every candle before it is closed. */
  #formingStart(): number {
    const { barMs } = this.#options;
    return Math.floor(this.#clock.now() / barMs) * barMs;
  }

  /**
   * Every closed candle with an open time at or after `since`.
   *
   * @param since - first open time, ms UTC
   * @returns bars in time order
   */
  async closed(since: number): Promise<Bar[]> {
    const until = this.#formingStart();
    if (since >= until) return [];
    const bars = await this.#venue.fetchBars(this.#options.symbol, '1h', since, until);
    return bars.map((b) => ({
      timestamp: b.timestamp,
      open: b.open.toNumber(),
      high: b.high.toNumber(),
      low: b.low.toNumber(),
      close: b.close.toNumber(),
      volume: b.volume.toNumber(),
    }));
  }

  /**
   * Waits for the candles that close after `afterOpenTime`'s candle: polls every `pollMs` until at least one is
   * closed. A network failure that outlasts the adapter's retries (ccxt `NetworkError`: timeouts, 5xx, rate
   * limits) is reported to `onError` and polled again; any other error is thrown.
   *
   * @param afterOpenTime - open time of the last candle already processed
   * @param signal - aborting returns `[]` at the next poll
   * @param onError - told about each network failure before the next poll
   * @returns the new closed candles, or `[]` when aborted
   */
  async next(afterOpenTime: number, signal?: AbortSignal, onError?: (error: Error) => void): Promise<Bar[]> {
    while (signal?.aborted !== true) {
      try {
        const bars = await this.closed(afterOpenTime + 1);
        if (bars.length > 0) return bars;
      } catch (error) {
        if (!(error instanceof ccxt.NetworkError)) throw error;
        onError?.(error);
      }
      try {
        await sleep(this.#options.pollMs, undefined, signal === undefined ? {} : { signal });
      } catch {
        return [];
      }
    }
    return [];
  }
}
