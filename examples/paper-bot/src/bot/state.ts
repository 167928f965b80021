/** A fill as the dashboard and the summary show it. */
export interface FillView {
  /** Fill time, ms UTC. */
  readonly time: number;
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
  /** `up`, `down`, `flat` or `hold`. */
  readonly direction: string;
  /** P(up). */
  readonly up: number;
  /** P(flat). */
  readonly flat: number;
  /** P(down). */
  readonly down: number;
}

/** The bot's live state after a bar, pushed to the status line, the metrics and the dashboard. */
export interface BotState {
  /** Symbol traded. */
  readonly symbol: string;
  /** Open time of the last processed bar, ms UTC (NaN before the first). */
  readonly barTime: number;
  /** Bars processed in total (all runs on these stores). */
  readonly barsProcessed: number;
  /** Bars of the replay in total. */
  readonly barsTotal: number;
  /** Last close. */
  readonly price: number;
  /** Equity in the quote currency. */
  readonly equity: number;
  /** Quote cash. */
  readonly cash: number;
  /** Base position. */
  readonly position: number;
  /** Drawdown from the equity peak. */
  readonly drawdown: number;
  /** Largest drawdown so far. */
  readonly maxDrawdown: number;
  /** Last model output. */
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
