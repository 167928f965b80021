/**
 * Kelly and position sizing, pre-trade risk limits, stops and portfolio risk (drawdown, VaR, exposure).
 *
 * @packageDocumentation
 */
export type { Clock } from './core/clock.js';
export { systemClock } from './core/clock.js';
export { type DecimalInput, toDecimal } from './core/decimal.js';
export { createRandom, type Random } from './core/random.js';
export { normalQuantile } from './core/stats.js';
export { InvalidParameterError, isRiskError, RiskConfigError, RiskError } from './errors.js';
export { kellyFromWinLoss, type WinLossKellyParams } from './kelly/classic.js';
export {
  type ContinuousKellyParams,
  kellyContinuous,
  kellyContinuousFromReturns,
} from './kelly/continuous.js';
export { type KellyEstimate, KellyNoTradeReason } from './kelly/estimate.js';
export { fractionalKelly, KellyFraction } from './kelly/fractional.js';
export {
  type MonteCarloKellyOptions,
  type MonteCarloKellyResult,
  type MonteCarloPoint,
  optimizeKellyMonteCarlo,
} from './kelly/monteCarlo.js';
export { kellyFromReturns } from './kelly/sample.js';
export {
  type ParsedRiskLimitsConfig,
  parseRiskLimitsConfig,
  type ResolvedRules,
  type RiskLimitsConfig,
  riskLimitsConfigSchema,
  ruleSetSchema,
} from './limits/config.js';
export {
  isReducing,
  RiskLimits,
  type RiskLimitsOptions,
  type TradingStateChange,
} from './limits/riskLimits.js';
export {
  type BalanceSnapshot,
  LimitCode,
  type LimitDecision,
  type OpenOrderSnapshot,
  type OrderIntent,
  OrderSide,
  type PortfolioSnapshot,
  type PositionSnapshot,
  TradingState,
} from './limits/types.js';
export { correlationMatrix } from './portfolio/correlation.js';
export { analyzeDrawdowns, type DrawdownAnalysis, type MaxDrawdown } from './portfolio/drawdown.js';
export {
  type AssetExposure,
  defaultAssetOf,
  exposureByAsset,
  type ValuedPosition,
} from './portfolio/exposure.js';
export {
  type PortfolioObservation,
  PortfolioRiskMonitor,
  type PortfolioRiskMonitorOptions,
  type RiskEvent,
  RiskMetric,
  type RiskReport,
  type RiskThresholds,
} from './portfolio/monitor.js';
export {
  historicalVar,
  parametricVar,
  parametricVarFromMoments,
  type VarResult,
} from './portfolio/valueAtRisk.js';
export { rollingVolatility } from './portfolio/volatility.js';
export { type FixedFractionalOptions, FixedFractionalSizer } from './sizing/fixedFractional.js';
export { type FixedNotionalOptions, FixedNotionalSizer } from './sizing/fixedNotional.js';
export { KellySizer, type KellySizerOptions } from './sizing/kellySizer.js';
export {
  NoTradeCode,
  SizeCap,
  type SizeConstraints,
  type SizeDecision,
  type Sizer,
  type SizingContext,
} from './sizing/types.js';
export { type VolatilityTargetOptions, VolatilityTargetSizer } from './sizing/volatilityTarget.js';
export { type ActiveStop, StopManager, type StopManagerOptions } from './stops/stopManager.js';
export {
  BothTouchedRule,
  type ExitIntent,
  ExitReason,
  type StopBar,
  type StopPlan,
  type TrailingStop,
} from './stops/types.js';
