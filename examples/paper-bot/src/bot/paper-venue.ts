import type { Bar } from '@rrr/indicators';
import {
  type Clock,
  type Fill,
  type MarketInfo,
  type Order,
  type OrderManager,
  PaperExchange,
  Portfolio,
} from '@rrr/orders';
import type { Decimal } from 'decimal.js';
import type { PaperBotConfig } from '../config/schema.js';
import type { BotVenue } from './seams.js';

/** What {@link createPaperVenue} needs: the markets, the money, and what earlier runs left in the stores. */
export interface PaperVenueOptions {
  /** Markets the venue lists (one per traded symbol). */
  readonly markets: readonly MarketInfo[];
  /** Quote currency of every market. */
  readonly quote: string;
  /** Starting cash in the quote currency, before any fill. */
  readonly initialCash: number;
  /** Fees and slippage of the fill model. */
  readonly fees: PaperBotConfig['fees'];
  /** Every fill in the order store, oldest first (the venue's balances continue from them). */
  readonly fills: readonly Fill[];
  /** Orders open in the order store: handed back to the venue, which lives and dies with the process. */
  readonly openOrders: readonly Order[];
  /** The last bar processed per symbol by earlier runs: the venue's last price before any order comes back. */
  readonly lastBars: ReadonlyMap<string, Bar>;
  /** The bot's clock (bar close times). */
  readonly clock: Clock;
  /** Seed of the venue; give every start its own, so that venue order ids never repeat those of earlier runs. */
  readonly seed: number;
}

/**
 * The in-process paper venue: a `PaperExchange` fed with the bars the bot processes (orders placed at a close fill
 * at the next bar's open), with the balances of the starting cash plus every stored fill, and the orders that were
 * open when the previous run stopped handed back so that reconciliation finds them.
 *
 * @param options - markets, money, stored fills and open orders, clock and seed
 * @returns the venue
 * @example
 * ```ts
 * import { createPaperVenue, paperMarket } from '@rrr/example-paper-bot';
 *
 * const venue = createPaperVenue({
 *   markets: [paperMarket('BTC/USDT')],
 *   quote: 'USDT',
 *   initialCash: 10_000,
 *   fees: { takerFeeRate: 0.001, makerFeeRate: 0.001, slippageBps: 2 },
 *   fills: [],
 *   openOrders: [],
 *   lastBars: new Map(),
 *   clock: { now: () => 0 },
 *   seed: 1,
 * });
 * console.log(venue.kind); // "paper"
 * ```
 */
export function createPaperVenue(options: PaperVenueOptions): BotVenue {
  const book = new Portfolio({ [options.quote]: options.initialCash });
  for (const fill of options.fills) book.applyFill(fill);
  const balances = book.snapshot().balances;
  const exchange = new PaperExchange({
    markets: options.markets,
    balances,
    fillModel: {
      slippage: { kind: 'fixed_bps', bps: options.fees.slippageBps },
      takerFeeRate: String(options.fees.takerFeeRate),
      makerFeeRate: String(options.fees.makerFeeRate),
    },
    clock: options.clock,
    seed: options.seed,
  });
  for (const [symbol, bar] of options.lastBars) exchange.onBar({ symbol, ...bar });
  for (const order of options.openOrders) exchange.submitSync(order);
  const bySymbol = new Map(options.markets.map((m) => [m.symbol, m]));
  return {
    kind: 'paper',
    exchange,
    async market(symbol: string): Promise<MarketInfo> {
      const market = bySymbol.get(symbol);
      if (market === undefined) throw new Error(`paper venue: no market ${symbol}`);
      return market;
    },
    async balances(): Promise<Record<string, Decimal>> {
      return { ...balances };
    },
    async onBarClosed(symbol: string, bar: Bar, manager: OrderManager): Promise<void> {
      exchange.onBar({ symbol, ...bar });
      await manager.idle();
    },
    async close(): Promise<void> {},
  };
}
