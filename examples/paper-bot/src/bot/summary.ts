import type { Fill, Order, Portfolio } from '@rrr/orders';
import { Decimal } from 'decimal.js';
import type { TimeStep } from '../data/timeline.js';

/** What the start of a run found in the stores. */
export interface ResumeInfo {
  /** Time steps already processed by earlier runs (skipped). */
  readonly skippedBars: number;
  /** Open orders found in the order store and handed back to the venue. */
  readonly reopenedOrders: number;
  /** Fills replayed into the portfolio. */
  readonly replayedFills: number;
  /** True when the venue step of the first time step had already happened before the crash. */
  readonly venueStepDone: boolean;
  /** Reconciliation outcome of `OrderManager.start()`. */
  readonly reconciliation: { checked: number; resubmitted: number; resolvedUnknown: number };
}

/** One symbol's result. */
export interface SymbolSummary {
  /** Market symbol. */
  readonly symbol: string;
  /** Fills of the symbol in the store. */
  readonly fills: number;
  /** Position at the end, base units. */
  readonly position: string;
  /** Realized PnL net of fees, quote currency. */
  readonly realizedPnl: string;
  /** Unrealized PnL at the last close. */
  readonly unrealizedPnl: string;
  /** Return of buying and holding the symbol over the processed bars. */
  readonly buyAndHoldReturn: number;
}

/** The outcome of a run. */
export interface RunSummary {
  /** Symbols traded, comma separated. */
  readonly symbol: string;
  /** Per-symbol results, in the order of the configuration. */
  readonly symbols: readonly SymbolSummary[];
  /** Where the bars came from and where orders went, e.g. `replay of real Binance 1h bars`. */
  readonly source: string;
  /** Where the state is kept (`sqlite:<dir>` or a PostgreSQL URL without credentials). */
  readonly stores: string;
  /** First and last time step of the window (open times, ms UTC). */
  readonly period: { readonly from: number; readonly to: number };
  /** Time steps processed in this run. */
  readonly barsThisRun: number;
  /** Time steps processed in total on these stores. */
  readonly barsProcessed: number;
  /** Time steps of the window. */
  readonly barsTotal: number;
  /** True when every time step of the window has been processed. */
  readonly complete: boolean;
  /** Model outputs of this run by direction (all symbols). */
  readonly signals: Readonly<Record<string, number>>;
  /** Every order in the store by status. */
  readonly ordersByStatus: Readonly<Record<string, number>>;
  /** Fills in the store. */
  readonly fills: number;
  /** Fees paid, quote currency. */
  readonly fees: string;
  /** Realized PnL net of fees, all symbols. */
  readonly realizedPnl: string;
  /** Unrealized PnL at the last closes, all symbols. */
  readonly unrealizedPnl: string;
  /** Final equity. */
  readonly equity: string;
  /** Starting cash. */
  readonly initialCash: number;
  /** Return of buying and holding over the processed bars (one symbol: that symbol; several: equal weights). */
  readonly buyAndHoldReturn: number;
  /** Largest peak-to-trough equity drop over all processed time steps, 0..1. */
  readonly maxDrawdown: number;
  /** Audit log verification. */
  readonly audit: { readonly verified: boolean; readonly records: number; readonly detail: string };
  /** What resuming found. */
  readonly resume: ResumeInfo;
  /** Bar close -> prediction latencies of this run, ms (one per symbol and step). */
  readonly predictionLatencyMs: readonly number[];
  /** Bar close -> order acknowledged by the venue latencies of this run, ms (one per order). */
  readonly orderLatencyMs: readonly number[];
  /** Why the run stopped: `end_of_data`, `max_bars` or the stop reason. */
  readonly stoppedBy: string;
}

/** What {@link buildSummary} reads besides the stores' orders and fills. */
export interface SummaryInputs {
  readonly symbols: readonly string[];
  readonly quote: string;
  readonly source: string;
  readonly stores: string;
  readonly steps: readonly TimeStep[];
  readonly from: number;
  readonly processed: number;
  readonly barsThisRun: number;
  readonly signals: Readonly<Record<string, number>>;
  readonly portfolio: Portfolio;
  readonly prices: ReadonlyMap<string, number>;
  readonly initialCash: number;
  readonly maxDrawdown: number;
  readonly audit: RunSummary['audit'];
  readonly resume: ResumeInfo;
  readonly predictionLatencyMs: readonly number[];
  readonly orderLatencyMs: readonly number[];
  readonly stoppedBy: string;
}

/** Buy and hold of one symbol over the processed steps: last processed close over first traded open. */
function buyAndHold(steps: readonly TimeStep[], processed: number, symbol: string): number {
  let first: number | undefined;
  let last: number | undefined;
  for (let i = 0; i < processed; i++) {
    const bar = steps[i]?.bars.get(symbol);
    if (bar === undefined) continue;
    first ??= bar.open;
    last = bar.close;
  }
  return first !== undefined && last !== undefined ? last / first - 1 : 0;
}

/**
 * Builds the run summary.
 *
 * @param inputs - the run's state at the end
 * @param orders - every stored order
 * @param fills - every stored fill
 * @returns the summary
 */
export function buildSummary(
  inputs: SummaryInputs,
  orders: readonly Order[],
  fills: readonly Fill[],
): RunSummary {
  const { portfolio, prices, symbols, steps, processed } = inputs;
  const ordersByStatus: Record<string, number> = {};
  for (const o of orders) ordersByStatus[o.status] = (ordersByStatus[o.status] ?? 0) + 1;
  const sum = (pick: (symbol: string) => Decimal) =>
    symbols.reduce((s, symbol) => s.plus(pick(symbol)), new Decimal(0)).toFixed(2);
  const unrealized = (symbol: string) => {
    const mark = prices.get(symbol);
    return mark === undefined ? new Decimal(0) : portfolio.unrealizedPnl(symbol, mark);
  };
  const perSymbol = symbols.map((symbol): SymbolSummary => {
    const position = portfolio.position(symbol);
    return {
      symbol,
      fills: fills.filter((f) => f.symbol === symbol).length,
      position: position.quantity.toFixed(),
      realizedPnl: position.realizedPnl.toFixed(2),
      unrealizedPnl: unrealized(symbol).toFixed(2),
      buyAndHoldReturn: buyAndHold(steps, processed, symbol),
    };
  });
  const marks = Object.fromEntries(prices);
  return {
    symbol: symbols.join(', '),
    symbols: perSymbol,
    source: inputs.source,
    stores: inputs.stores,
    period: { from: steps[0]?.ts ?? inputs.from, to: steps[steps.length - 1]?.ts ?? inputs.from },
    barsThisRun: inputs.barsThisRun,
    barsProcessed: processed,
    barsTotal: steps.length,
    complete: processed === steps.length,
    signals: inputs.signals,
    ordersByStatus,
    fills: fills.length,
    fees: fills.reduce((s, f) => s.plus(f.fee), new Decimal(0)).toFixed(2),
    realizedPnl: sum((symbol) => portfolio.position(symbol).realizedPnl),
    unrealizedPnl: sum(unrealized),
    equity: portfolio.equity(inputs.quote, marks).toFixed(2),
    initialCash: inputs.initialCash,
    buyAndHoldReturn: perSymbol.reduce((s, x) => s + x.buyAndHoldReturn, 0) / Math.max(1, perSymbol.length),
    maxDrawdown: inputs.maxDrawdown,
    audit: inputs.audit,
    resume: inputs.resume,
    predictionLatencyMs: inputs.predictionLatencyMs,
    orderLatencyMs: inputs.orderLatencyMs,
    stoppedBy: inputs.stoppedBy,
  };
}
