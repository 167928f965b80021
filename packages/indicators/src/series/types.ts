/**
 * One OHLCV candle. `timestamp` is the bar's open time in milliseconds since the Unix epoch (UTC); its values
 * are known only when the bar closes.
 */
export interface Bar {
  /** Bar open time, ms since the Unix epoch, UTC. */
  timestamp: number;
  /** First traded price. */
  open: number;
  /** Highest traded price, >= max(open, close). */
  high: number;
  /** Lowest traded price, <= min(open, close). */
  low: number;
  /** Last traded price. */
  close: number;
  /** Traded volume, >= 0 (base-currency units unless the source says otherwise). */
  volume: number;
}

/**
 * A validated columnar OHLCV series: one `Float64Array` per field, all of length `length`, timestamps
 * strictly increasing. Build one with `seriesFromColumns`, `seriesFromBars`, `parseOhlcvCsv` or
 * `readOhlcvCsvFile`.
 */
export interface OhlcvSeries {
  /** Number of bars. */
  readonly length: number;
  /** Bar open times, ms since the Unix epoch, UTC, strictly increasing. */
  readonly timestamp: Float64Array;
  /** Open prices. */
  readonly open: Float64Array;
  /** High prices. */
  readonly high: Float64Array;
  /** Low prices. */
  readonly low: Float64Array;
  /** Close prices. */
  readonly close: Float64Array;
  /** Volumes, >= 0. */
  readonly volume: Float64Array;
}

/** Column input of `seriesFromColumns`: arrays or typed arrays of equal length. */
export interface OhlcvColumns {
  /** Bar open times, ms since the Unix epoch, UTC. */
  readonly timestamp: ArrayLike<number>;
  /** Open prices. */
  readonly open: ArrayLike<number>;
  /** High prices. */
  readonly high: ArrayLike<number>;
  /** Low prices. */
  readonly low: ArrayLike<number>;
  /** Close prices. */
  readonly close: ArrayLike<number>;
  /** Volumes. */
  readonly volume: ArrayLike<number>;
}
