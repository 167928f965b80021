/**
 * What a strategy sees on each closed bar of one symbol. The engine hands the same object, refilled, to every
 * call for a symbol (no allocation per bar): read it during `onBar` and copy the values you want to keep.
 */
export interface StrategyContext {
  /** Market symbol. */
  readonly symbol: string;
  /** Index of the bar in this symbol's series. */
  readonly index: number;
  /** Bar open time (ms UTC); the bar is closed, so its values are known. */
  readonly time: number;
  /** Open price. */
  readonly open: number;
  /** High price. */
  readonly high: number;
  /** Low price. */
  readonly low: number;
  /** Close price. */
  readonly close: number;
  /** Base volume. */
  readonly volume: number;
  /** Base quantity currently held in this symbol (0 when flat). */
  readonly position: number;
  /** True while an entry or exit order of this symbol is still working at the venue. */
  readonly pending: boolean;
  /** Portfolio equity in the quote currency, marked at the latest closes. */
  readonly equity: number;
  /** Free quote-currency cash. */
  readonly cash: number;
}

/** An order intent returned by a strategy; the engine sizes and routes it. */
export type StrategyIntent =
  | {
      /** Open a long position (sized by the engine with @rrr/risk). */
      readonly action: 'enter_long';
      /** Stop-loss distance below the fill price as a fraction (0 or absent: no stop). */
      readonly stopLossPct?: number;
      /** Take-profit distance above the fill price as a fraction (0 or absent: no target). */
      readonly takeProfitPct?: number;
      /**
       * Time stop in bars from the entry bar (only with the `paper-bot` execution rules, where a `@rrr/risk`
       * `StopManager` manages the exits).
       */
      readonly maxHoldBars?: number;
      /**
       * Size this entry with @rrr/risk `kellyFromWinLoss` + `KellySizer` (times the run's `kellyFraction`)
       * instead of the run's sizing rule: the strategy states the win / loss probabilities and the payoff.
       */
      readonly kelly?: KellyInputs;
    }
  | {
      /** Close the whole position at market. */
      readonly action: 'exit';
    };

/** Inputs of a per-entry Kelly estimate (`kellyFromWinLoss` of @rrr/risk). */
export interface KellyInputs {
  /** Probability that the trade wins. */
  readonly winRate: number;
  /** Probability that it loses (`winRate + lossRate <= 1`; the rest are scratches). */
  readonly lossRate: number;
  /** Gain of a win as a fraction of the entry notional. */
  readonly avgWin: number;
  /** Loss of a loss as a positive fraction of the entry notional. */
  readonly avgLoss: number;
}

/** One strategy instance trades one symbol. */
export interface Strategy {
  /** Called once per closed bar, in time order (`ctx` is only valid during the call). */
  onBar(ctx: StrategyContext): readonly StrategyIntent[];
}

/** A named strategy with its default parameters. */
export interface StrategyDefinition {
  /** CLI name, e.g. `sma-cross`. */
  readonly name: string;
  /** One-line description. */
  readonly description: string;
  /** Default parameters (all numeric). */
  readonly defaults: Readonly<Record<string, number>>;
  /** Creates an instance for one symbol with the merged parameters. */
  create(params: Readonly<Record<string, number>>, symbol: string): Strategy;
}

/** Reads a numeric parameter or throws naming it. */
export function param(params: Readonly<Record<string, number>>, name: string): number {
  const value = params[name];
  if (value === undefined || !Number.isFinite(value)) {
    throw new Error(`strategy parameter "${name}" must be a finite number (got ${String(value)})`);
  }
  return value;
}

/** The bracket fields of an entry intent from `stopLossPct` / `takeProfitPct` params (0 = off). */
export function bracket(params: Readonly<Record<string, number>>): {
  stopLossPct?: number;
  takeProfitPct?: number;
} {
  const sl = params.stopLossPct ?? 0;
  const tp = params.takeProfitPct ?? 0;
  return { ...(sl > 0 ? { stopLossPct: sl } : {}), ...(tp > 0 ? { takeProfitPct: tp } : {}) };
}
