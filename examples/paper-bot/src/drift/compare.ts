import { Decimal } from 'decimal.js';
import type { DriftTrade } from './types.js';

/** A field of a trade that can drift between the bot and the backtest. */
export type DriftField = 'exitTime' | 'entryPrice' | 'exitPrice' | 'quantity' | 'fees' | 'pnl';

/** One trade of either side, with its differences. */
export interface TradeDrift {
  /** `matched`: same symbol and entry time on both sides; otherwise which side lacks it. */
  readonly status: 'matched' | 'missing_in_bot' | 'extra_in_bot';
  /** Market symbol. */
  readonly symbol: string;
  /** Entry time (the matching key with the symbol), ms UTC. */
  readonly entryTime: number;
  /** The bot's trade (absent when missing in the bot). */
  readonly bot?: DriftTrade;
  /** The backtest's trade (absent when extra in the bot). */
  readonly backtest?: DriftTrade;
  /** Bot minus backtest per field (matched trades; null when a side has no value, e.g. an open trade). */
  readonly deltas: {
    readonly exitTime: number | null;
    readonly entryPrice: Decimal | null;
    readonly exitPrice: Decimal | null;
    readonly quantity: Decimal | null;
    readonly fees: Decimal | null;
    readonly pnl: Decimal | null;
  };
  /** Fields that differ beyond the tolerance (every field of an unmatched trade). */
  readonly differs: readonly DriftField[];
  /** Sum of bot pnl minus backtest pnl over this and all earlier trades (closed trades only). */
  readonly cumulativePnlDrift: Decimal;
}

/** Trade-by-trade comparison of the bot's trades with a backtest's. */
export interface DriftReport {
  /** True when every trade matched with no field beyond the tolerance. */
  readonly identical: boolean;
  /** Trades on each side. */
  readonly botTrades: number;
  /** Trades in the backtest. */
  readonly backtestTrades: number;
  /** Trades on both sides (same symbol and entry time). */
  readonly matched: number;
  /** Matched trades with at least one field beyond the tolerance. */
  readonly differing: number;
  /** Backtest trades the bot did not make. */
  readonly missingInBot: number;
  /** Bot trades the backtest did not make. */
  readonly extraInBot: number;
  /** Net pnl of the bot's closed trades. */
  readonly botPnl: Decimal;
  /** Net pnl of the backtest's closed trades. */
  readonly backtestPnl: Decimal;
  /** `botPnl - backtestPnl`. */
  readonly pnlDrift: Decimal;
  /** Largest absolute difference of a price, quantity, fee or pnl treated as equal. */
  readonly tolerance: Decimal;
  /** Every trade of both sides in order of entry time. */
  readonly rows: readonly TradeDrift[];
}

/** Options of {@link compareTrades}. */
export interface CompareOptions {
  /**
   * Largest absolute difference treated as equal for prices, quantities, fees and pnl (default `1e-8`: the
   * backtester's CSV writes fees and pnl with 8 decimals).
   */
  readonly tolerance?: Decimal.Value;
}

const key = (t: DriftTrade): string => `${t.symbol}@${t.entryTime}`;

function delta(a: Decimal | null | undefined, b: Decimal | null | undefined): Decimal | null {
  return a === null || a === undefined || b === null || b === undefined ? null : a.sub(b);
}

function compareMatched(bot: DriftTrade, backtest: DriftTrade, tolerance: Decimal) {
  const deltas = {
    exitTime: bot.exitTime === null || backtest.exitTime === null ? null : bot.exitTime - backtest.exitTime,
    entryPrice: delta(bot.entryPrice, backtest.entryPrice),
    exitPrice: delta(bot.exitPrice, backtest.exitPrice),
    quantity: delta(bot.quantity, backtest.quantity),
    fees: delta(bot.fees, backtest.fees),
    pnl: delta(bot.pnl, backtest.pnl),
  };
  const differs: DriftField[] = [];
  if ((bot.exitTime === null) !== (backtest.exitTime === null) || (deltas.exitTime ?? 0) !== 0)
    differs.push('exitTime');
  for (const field of ['entryPrice', 'exitPrice', 'quantity', 'fees', 'pnl'] as const) {
    const d = deltas[field];
    const oneSided = d === null && (bot[field] === null) !== (backtest[field] === null);
    if (oneSided || d?.abs().gt(tolerance)) differs.push(field);
  }
  return { deltas, differs };
}

const NO_DELTAS = {
  exitTime: null,
  entryPrice: null,
  exitPrice: null,
  quantity: null,
  fees: null,
  pnl: null,
} as const;
const ALL_FIELDS: readonly DriftField[] = ['exitTime', 'entryPrice', 'exitPrice', 'quantity', 'fees', 'pnl'];

const sumPnl = (trades: readonly DriftTrade[]): Decimal =>
  trades.reduce((s, t) => (t.pnl === null ? s : s.add(t.pnl)), new Decimal(0));

/**
 * Compares the bot's trades with a backtest's, trade by trade: trades are matched by symbol and entry time;
 * a matched pair reports bot-minus-backtest deltas of exit time, prices, quantity, fees and pnl; unmatched
 * trades are missing in (or extra in) the bot. The cumulative pnl drift runs over all rows in entry order.
 *
 * @param bot - the bot's round trips (see `tradesFromFills`)
 * @param backtest - the backtest's round trips (see `parseBacktestTradesCsv`)
 * @param options - tolerance
 * @returns the report; `identical` is the parity verdict
 * @example
 * ```ts
 * import { compareTrades, parseBacktestTradesCsv, tradesFromFills } from '@rrr/example-paper-bot';
 * import type { Fill } from '@rrr/orders';
 *
 * declare const fills: Fill[];
 * declare const csv: string;
 * const report = compareTrades(tradesFromFills(fills), parseBacktestTradesCsv(csv));
 * if (!report.identical) console.log(`${report.missingInBot} missing, ${report.extraInBot} extra`);
 * ```
 */
export function compareTrades(
  bot: readonly DriftTrade[],
  backtest: readonly DriftTrade[],
  options: CompareOptions = {},
): DriftReport {
  const tolerance = new Decimal(options.tolerance ?? '1e-8');
  if (tolerance.isNeg() || !tolerance.isFinite()) {
    throw new RangeError(`options.tolerance: must be a finite number >= 0 (got ${tolerance.toString()})`);
  }
  const theirs = new Map(backtest.map((t) => [key(t), t]));
  const mine = new Map(bot.map((t) => [key(t), t]));
  const unsorted: Omit<TradeDrift, 'cumulativePnlDrift'>[] = [];
  for (const t of bot) {
    const other = theirs.get(key(t));
    if (other)
      unsorted.push({
        status: 'matched',
        symbol: t.symbol,
        entryTime: t.entryTime,
        bot: t,
        backtest: other,
        ...compareMatched(t, other, tolerance),
      });
    else
      unsorted.push({
        status: 'extra_in_bot',
        symbol: t.symbol,
        entryTime: t.entryTime,
        bot: t,
        deltas: NO_DELTAS,
        differs: ALL_FIELDS,
      });
  }
  for (const t of backtest) {
    if (!mine.has(key(t)))
      unsorted.push({
        status: 'missing_in_bot',
        symbol: t.symbol,
        entryTime: t.entryTime,
        backtest: t,
        deltas: NO_DELTAS,
        differs: ALL_FIELDS,
      });
  }
  unsorted.sort((a, b) => a.entryTime - b.entryTime || a.symbol.localeCompare(b.symbol));
  let drift = new Decimal(0);
  const rows = unsorted.map((row): TradeDrift => {
    drift = drift.add(row.bot?.pnl ?? 0).sub(row.backtest?.pnl ?? 0);
    return { ...row, cumulativePnlDrift: drift };
  });
  const matched = rows.filter((r) => r.status === 'matched');
  const botPnl = sumPnl(bot);
  const backtestPnl = sumPnl(backtest);
  return {
    identical: rows.every((r) => r.differs.length === 0),
    botTrades: bot.length,
    backtestTrades: backtest.length,
    matched: matched.length,
    differing: matched.filter((r) => r.differs.length > 0).length,
    missingInBot: rows.filter((r) => r.status === 'missing_in_bot').length,
    extraInBot: rows.filter((r) => r.status === 'extra_in_bot').length,
    botPnl,
    backtestPnl,
    pnlDrift: botPnl.sub(backtestPnl),
    tolerance,
    rows,
  };
}
