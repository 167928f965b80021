/**
 * Bar fields read by the streaming high/low indicators (Aroon, Donchian, Parabolic SAR). Any `Bar` fits.
 */
export interface HighLow {
  /** Highest price of the bar. */
  readonly high: number;
  /** Lowest price of the bar. */
  readonly low: number;
}

/** Bar fields read by streaming indicators that also need the close (ATR, ADX, Stochastic, CCI...). */
export interface HighLowClose extends HighLow {
  /** Last price of the bar. */
  readonly close: number;
}

/** Bar fields read by streaming volume indicators (MFI, rolling VWAP). */
export interface HighLowCloseVolume extends HighLowClose {
  /** Traded volume of the bar, >= 0. */
  readonly volume: number;
}

/** Bar fields read by streaming OBV. */
export interface CloseVolume {
  /** Last price of the bar. */
  readonly close: number;
  /** Traded volume of the bar, >= 0. */
  readonly volume: number;
}

/** Bar fields read by streaming session VWAP (the open time decides the session). */
export interface TimedHighLowCloseVolume extends HighLowCloseVolume {
  /** Bar open time, milliseconds since the Unix epoch (UTC). */
  readonly timestamp: number;
}
