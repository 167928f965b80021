import type { AuditSink } from '@rrr/audit';
import type { Bar } from '@rrr/indicators';
import type { Exchange, MarketInfo, OrderManager, OrderStore } from '@rrr/orders';
import type { Decimal } from 'decimal.js';

/**
 * One processed bar of one symbol as the bot's journal keeps it (the checkpoint of crash recovery).
 * Primary key: (`ts`, `symbol`).
 */
export interface JournalBar {
  /** Bar open time, ms UTC. */
  readonly ts: number;
  /** Market symbol, e.g. `BTC/USDT`. */
  readonly symbol: string;
  /** Close price. */
  readonly close: number;
  /** Portfolio equity in the quote currency at the close. */
  readonly equity: number;
  /** Base-currency position of `symbol` at the close. */
  readonly position: number;
  /** Portfolio drawdown from the running equity peak, in [0, 1]. */
  readonly drawdown: number;
  /** Model output: `up`, `down`, `flat`, `hold`, or `none` while warming up. */
  readonly signal: string;
  /** Calibrated probability of `up` (NaN while warming up). */
  readonly pUp: number;
  /** Probability of `flat`. */
  readonly pFlat: number;
  /** Probability of `down`. */
  readonly pDown: number;
  /** Orders the bot placed for `symbol` at this bar (client order ids, comma separated). */
  readonly orders: string;
}

/** The per-bar journal behind the bot's resume point (SQLite file or PostgreSQL table). */
export interface BotJournal {
  /** Every row, ordered by `ts` then `symbol`. */
  all(): Promise<readonly JournalBar[]>;
  /** Stores the rows of one closed time step atomically (one row per symbol). Idempotent per key. */
  record(rows: readonly JournalBar[]): Promise<void>;
  /** Releases the connection. */
  close(): Promise<void>;
}

/** Where the bot keeps its state. `runPaperBot` takes ownership and closes all three at the end of the run. */
export interface BotStores {
  /** Orders and fills (@rrr/orders `OrderStore`). */
  readonly orders: OrderStore;
  /** Audit records (@rrr/audit sink). */
  readonly audit: AuditSink;
  /** Per-bar journal. */
  readonly journal: BotJournal;
  /** Where, without credentials, for logs and the summary: `sqlite:<dir>` or `postgres://user@host:port/db`. */
  readonly location: string;
  /**
   * Housekeeping after each time step's checkpoint, off the bar close -> order path (SQLite: the order store's WAL
   * checkpoint, which would otherwise run inside an order's commit).
   */
  readonly afterStep?: () => void;
}

/** Where the bot's orders go: the in-process paper venue, or an exchange's test environment via ccxt. */
export interface BotVenue {
  /** `paper`: PaperExchange fed with the replayed / live bars; `sandbox`: a real exchange test environment. */
  readonly kind: 'paper' | 'sandbox';
  /** The venue behind the OrderManager. */
  readonly exchange: Exchange;
  /** Market metadata (tick size, lot step, min notional) of a traded symbol. */
  market(symbol: string): Promise<MarketInfo>;
  /** Balances the portfolio starts from (paper: initial cash plus stored fills; sandbox: the account's). */
  balances(): Promise<Record<string, Decimal>>;
  /**
   * Called once per closed bar of `symbol`, before the bot decides. Paper: feeds the bar to the PaperExchange
   * (orders placed at the previous close fill at this bar's open). Sandbox: `manager.reconcile()` so fills that
   * happened at the venue reach the portfolio.
   */
  onBarClosed(symbol: string, bar: Bar, manager: OrderManager): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}
