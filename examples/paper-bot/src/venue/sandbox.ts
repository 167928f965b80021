import type { Bar } from '@rrr/indicators';
import { type Exchange, type MarketInfo, type OrderManager, splitSymbol } from '@rrr/orders';
import { CcxtExchange } from '@rrr/orders/ccxt';
import ccxt from 'ccxt';
import type { Decimal } from 'decimal.js';
import type { BotVenue } from '../bot/seams.js';
import { BAR_MS } from '../data/feed.js';
import { BarTimeExchange } from './bar-time.js';
import { createSandboxClient, type SandboxClientOptions } from './sandbox-client.js';

/** Options of {@link openSandboxVenue}. */
export interface SandboxVenueOptions extends SandboxClientOptions {
  /** Symbols the bot trades: their markets are checked on open, their currencies are the starting balances. */
  readonly symbols: readonly string[];
  /**
   * True when the candles are replayed: the venue's reports and fills are then stamped with the close time of the
   * bar being processed (see `BarTimeExchange`), so that stops measure in the replay's time. False for live candles,
   * whose time is the venue's.
   */
  readonly barTime: boolean;
}

class SandboxVenue implements BotVenue {
  readonly kind = 'sandbox' as const;
  readonly exchange: Exchange;
  readonly #ccxt: CcxtExchange;
  readonly #currencies: ReadonlySet<string>;
  /** Close time of the latest bar handed to {@link onBarClosed}. */
  #lastClose: number | undefined;
  #reconciledAt = Number.NEGATIVE_INFINITY;

  constructor(ccxtExchange: CcxtExchange, symbols: readonly string[], barTime: boolean) {
    this.#ccxt = ccxtExchange;
    this.exchange = barTime
      ? new BarTimeExchange(ccxtExchange, { now: () => this.#lastClose })
      : ccxtExchange;
    this.#currencies = new Set(
      symbols.flatMap((s) => {
        const { base, quote } = splitSymbol(s);
        return [base, quote];
      }),
    );
  }

  market(symbol: string): Promise<MarketInfo> {
    return this.#ccxt.market(symbol);
  }

  async balances(): Promise<Record<string, Decimal>> {
    const all = await this.#ccxt.fetchBalances();
    return Object.fromEntries(Object.entries(all).filter(([ccy]) => this.#currencies.has(ccy)));
  }

  async onBarClosed(_symbol: string, bar: Bar, manager: OrderManager): Promise<void> {
    // One reconciliation per time step covers the open orders of every symbol.
    if (bar.timestamp <= this.#reconciledAt) return;
    this.#reconciledAt = bar.timestamp;
    this.#lastClose = bar.timestamp + BAR_MS;
    // Nothing open, nothing to learn: spares the venue's rate limit (an all-symbol open-orders request is one of
    // the heaviest Binance calls, and ccxt throttles by request weight).
    if ((await manager.list({ open: true })).length === 0) return;
    await manager.reconcile();
  }

  async close(): Promise<void> {
    // REST only: nothing stays connected.
  }
}

/**
 * The sandbox venue: orders go to an exchange's test environment through `@rrr/orders`' `CcxtExchange` over the
 * real ccxt client in sandbox mode, signed with the test-environment keys. Candles still come from the replay or
 * the live source (replayed candles: reports and fills carry the bar's close time, see `BarTimeExchange`). Each
 * closed time step with open orders reconciles them with the venue, so fills that happened at the exchange reach
 * the portfolio; the portfolio starts from the account's balances of the traded currencies.
 * Opening loads the markets of every traded symbol, so a bad key, host or symbol fails before the first bar.
 *
 * @param options - exchange, credentials, URL override, symbols
 * @returns the venue
 * @throws `SandboxVenueError` (unknown exchange, no test environment) or the venue's `ExchangeError`
 * @example
 * ```ts
 * const venue = await openSandboxVenue({
 *   exchange: 'binance', apiKey, apiSecret, timeoutMs: 10_000, symbols: ['BTC/USDT'], barTime: false,
 * });
 * await runPaperBot(config, { venue });
 * ```
 */
export async function openSandboxVenue(options: SandboxVenueOptions): Promise<BotVenue> {
  const client = createSandboxClient(options);
  const exchange = new CcxtExchange(client, ccxt);
  for (const symbol of options.symbols) await exchange.market(symbol);
  return new SandboxVenue(exchange, options.symbols, options.barTime);
}
