/** A fill as the dashboard and the summary show it. */
export interface FillView {
  /** Fill time, ms UTC. */
  readonly time: number;
  /** Market symbol. */
  readonly symbol: string;
  /** Client order id. */
  readonly orderId: string;
  /** `buy` or `sell`. */
  readonly side: string;
  /** Base quantity. */
  readonly quantity: string;
  /** Fill price. */
  readonly price: string;
  /** Fee in the quote currency. */
  readonly fee: string;
}

/** An open order as the dashboard shows it. */
export interface OrderView {
  /** Client order id. */
  readonly orderId: string;
  /** Market symbol. */
  readonly symbol: string;
  /** `buy` or `sell`. */
  readonly side: string;
  /** Order type. */
  readonly type: string;
  /** Base quantity. */
  readonly quantity: string;
  /** Lifecycle status. */
  readonly status: string;
}

/** A prediction as the dashboard shows it. */
export interface PredictionView {
  /** Bar open time, ms UTC. */
  readonly time: number;
  /** Market symbol. */
  readonly symbol: string;
  /** `up`, `down`, `flat` or `hold`. */
  readonly direction: string;
  /** P(up). */
  readonly up: number;
  /** P(flat). */
  readonly flat: number;
  /** P(down). */
  readonly down: number;
}

/** One symbol's market and position as the dashboard and the status line show it. */
export interface PositionView {
  /** Market symbol. */
  readonly symbol: string;
  /** Last close (NaN before the first bar of the symbol). */
  readonly price: number;
  /** Base-currency position. */
  readonly quantity: number;
  /** Average entry price of the position (0 when flat). */
  readonly averageEntryPrice: number;
  /** Last model output for the symbol. */
  readonly lastSignal: string;
}

/** The bot's live state after a time step, pushed to the status line, the metrics and the dashboard. */
export interface BotState {
  /** Symbols traded, comma separated (one symbol: that symbol). */
  readonly symbol: string;
  /** Symbols traded. */
  readonly symbols: readonly string[];
  /** Open time of the last processed time step, ms UTC (NaN before the first). */
  readonly barTime: number;
  /** Time steps processed in total (all runs on these stores); a step holds one bar per symbol. */
  readonly barsProcessed: number;
  /** Time steps of the replay in total. */
  readonly barsTotal: number;
  /** Equity in the quote currency. */
  readonly equity: number;
  /** Quote cash. */
  readonly cash: number;
  /** Market and position per symbol, in the order of `symbols`. */
  readonly positions: readonly PositionView[];
  /** Drawdown from the equity peak. */
  readonly drawdown: number;
  /** Largest drawdown so far. */
  readonly maxDrawdown: number;
  /** Last model output (of the last symbol of the last step). */
  readonly lastSignal: string;
  /** Risk trading state (`active`, `reducing`, `halted`). */
  readonly riskState: string;
  /** Open orders. */
  readonly openOrders: readonly OrderView[];
  /** Most recent fills, newest last. */
  readonly recentFills: readonly FillView[];
  /** Most recent predictions, newest last. */
  readonly recentPredictions: readonly PredictionView[];
  /** Equity curve (time, equity), downsampled. */
  readonly equityCurve: readonly (readonly [number, number])[];
}
