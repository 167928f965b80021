import type { RiskLimitsConfig } from '@rrr/risk';

/** Rule for a bar that reaches both the stop and the target of a bracket. */
export type SameBarRule = 'stop_first' | 'target_first';

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
};
