import type { RiskLimitsConfig } from '@rrr/risk';

/** Rule for a bar that reaches both the stop and the target of a bracket. */
export type SameBarRule = 'stop_first' | 'target_first';

/**
 * Execution rules of a run.
 * - `backtester`: entries carry a venue bracket (stop order + take-profit limit, OCO, same-bar rule); entries
 *   are capped by the free cash; equity is marked in float.
 * - `paper-bot`: exactly the paper bot's loop (examples/paper-bot): no bracket orders; a `@rrr/risk`
 *   `StopManager` checks stop-loss, take-profit and the time stop on each closed bar (from the bar the entry
 *   filled on), and a triggered exit is a market sell filled at the next bar's open; entries are sized on the
 *   portfolio's exact equity with no free-cash cap; the `RiskLimits` snapshot carries the running equity peak
 *   and the day PnL from the first bar of each UTC day, as the bot's does.
 */
export type ExecutionRules = 'backtester' | 'paper-bot';

/** Everything that determines a run (with the data files). */
export interface BacktestConfig {
  /** Strategy name (see `STRATEGIES`). */
  readonly strategy: string;
  /** Strategy parameters merged over the strategy's defaults. */
  readonly params: Readonly<Record<string, number>>;
  /** Starting cash in the quote currency. */
  readonly initialCash: number;
  /** Quote currency of every market (one cash balance). */
  readonly quote: string;
  /** Taker fee rate (market and stop fills). */
  readonly takerFeeRate: number;
  /** Maker fee rate (resting limit fills, i.e. take-profit). */
  readonly makerFeeRate: number;
  /** Fixed slippage of taker fills in basis points. */
  readonly slippageBps: number;
  /** Max share of a bar's volume our fills may take (null = no cap). */
  readonly participation: number | null;
  /** PaperExchange limit rule for take-profit orders. */
  readonly limitFill: 'touch' | 'through';
  /** Same-bar stop/target rule. */
  readonly sameBarRule: SameBarRule;
  /** Max fraction of equity in one position (@rrr/risk `maxEquityFraction`); null: 0.95 / number of symbols. */
  readonly maxPositionFraction: number | null;
  /** Fraction of equity risked between entry and stop when a stop is set (@rrr/risk fixed fractional). */
  readonly riskFraction: number;
  /** Seed of the PaperExchange generator. */
  readonly seed: number;
  /**
   * Entry sizing: `risk` (fixed fractional with a stop, else fixed notional) or `kelly` (@rrr/risk `KellySizer`
   * on `kellyFromReturns` of the last `kellyLookback` closed trades of this run, times `kellyFraction`; `risk`
   * sizing until `kellyMinTrades` trades have closed).
   */
  readonly sizing: 'risk' | 'kelly';
  /** Kelly multiplier (0.5 = half Kelly). */
  readonly kellyFraction: number;
  /** Closed trades the Kelly estimate looks back on. */
  readonly kellyLookback: number;
  /** Closed trades needed before Kelly sizing starts. */
  readonly kellyMinTrades: number;
  /** Pre-trade limits and kill switch (@rrr/risk `RiskLimits`) checked before every order; null: none. */
  readonly riskLimits: RiskLimitsConfig | null;
  /** Execution rules (see {@link ExecutionRules}). */
  readonly rules: ExecutionRules;
  /**
   * `model` strategy: open time (ms UTC) of the first traded bar; earlier bars of the file only warm the
   * features up. null: the first bar after the model's training/validation period (the paper bot's default).
   */
  readonly from: number | null;
  /** `model` strategy: trade bars opening before this time only (ms UTC); null: to the end of the data. */
  readonly to: number | null;
}

/** Defaults of {@link BacktestConfig} (Binance spot taker/maker 0.1%, 2 bps slippage, 10% volume cap). */
export const DEFAULT_CONFIG: BacktestConfig = {
  strategy: 'sma-cross',
  params: {},
  initialCash: 10_000,
  quote: 'USDT',
  takerFeeRate: 0.001,
  makerFeeRate: 0.001,
  slippageBps: 2,
  participation: 0.1,
  limitFill: 'through',
  sameBarRule: 'stop_first',
  maxPositionFraction: null,
  riskFraction: 0.01,
  seed: 1,
  riskLimits: null,
  sizing: 'risk',
  kellyFraction: 0.5,
  kellyLookback: 50,
  kellyMinTrades: 20,
  rules: 'backtester',
  from: null,
  to: null,
};

/** The paper bot's default pre-trade limits (examples/paper-bot `DEFAULT_RISK_LIMITS`). */
export const PAPER_BOT_RISK_LIMITS: RiskLimitsConfig = {
  defaults: { maxOrderNotional: 10_000, priceCollar: 0.05, maxOpenOrders: 4 },
  killSwitch: { maxDrawdown: 0.25, action: 'reduce' },
};

/**
 * The paper bot's settings as a backtest configuration (`--rules paper-bot`): its execution rules, no volume
 * cap (its venue has none), at most half of equity in the position, half Kelly and its default risk limits.
 * With the `model` strategy and the bot's defaults, the backtest makes the bot's trades.
 *
 * @example
 * ```ts
 * import { backtestModel, PAPER_BOT_PRESET } from '@rrr/example-backtester';
 *
 * const run = await backtestModel(undefined, { ...PAPER_BOT_PRESET, from: Date.UTC(2025, 2, 1) });
 * console.log(run.result.trades.length);
 * ```
 */
export const PAPER_BOT_PRESET: Partial<BacktestConfig> = {
  rules: 'paper-bot',
  participation: null,
  maxPositionFraction: 0.5,
  kellyFraction: 0.5,
  riskLimits: PAPER_BOT_RISK_LIMITS,
};
