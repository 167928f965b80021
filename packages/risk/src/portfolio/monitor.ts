import type { Decimal } from 'decimal.js';
import { type DecimalInput, toDecimal } from '../core/decimal.js';
import { InvalidParameterError } from '../errors.js';
import { analyzeDrawdowns, type MaxDrawdown } from './drawdown.js';
import { type AssetExposure, defaultAssetOf, exposureByAsset, type ValuedPosition } from './exposure.js';
import { historicalVar, parametricVar, type VarResult } from './valueAtRisk.js';
import { rollingVolatility } from './volatility.js';

/**
 * Metrics the monitor can watch.
 *
 * @example
 * ```ts
 * import { type RiskEvent, RiskMetric } from '@rrr/risk';
 *
 * const isDrawdown = (e: RiskEvent): boolean => e.metric === RiskMetric.drawdown;
 * ```
 */
export const RiskMetric = {
  /** Current drawdown from the running peak (fraction). */
  drawdown: 'drawdown',
  /** Historical VaR over the window (fraction). */
  valueAtRisk: 'value_at_risk',
  /** Rolling volatility of returns over the window (annualised by `periodsPerYear`). */
  volatility: 'volatility',
  /** Gross exposure / equity. */
  grossLeverage: 'gross_leverage',
  /** |net exposure| / equity of one asset (the event carries the asset in `key`). */
  assetExposure: 'asset_exposure',
} as const;

/** One of the {@link RiskMetric} values. */
export type RiskMetric = (typeof RiskMetric)[keyof typeof RiskMetric];

/**
 * Thresholds; an event fires when a metric crosses above one, and again when it falls back to or below it.
 *
 * @example
 * ```ts
 * import type { RiskThresholds } from '@rrr/risk';
 *
 * const thresholds: RiskThresholds = { drawdown: 0.2, grossLeverage: 2, assetExposure: 0.5 };
 * ```
 */
export interface RiskThresholds {
  /** Drawdown fraction, e.g. 0.2. */
  readonly drawdown?: number;
  /** Historical VaR fraction at the monitor's confidence. */
  readonly valueAtRisk?: number;
  /** Rolling volatility. */
  readonly volatility?: number;
  /** Gross leverage. */
  readonly grossLeverage?: number;
  /** Per-asset |net| / equity. */
  readonly assetExposure?: number;
}

/**
 * A threshold crossing.
 *
 * @example
 * ```ts
 * import type { RiskEvent } from '@rrr/risk';
 *
 * const alert = (e: RiskEvent): string =>
 *   `${e.metric}${e.key ? ` (${e.key})` : ''} ${e.direction} ${e.threshold}: ${e.value.toFixed(4)}`;
 * ```
 */
export interface RiskEvent {
  /** Which metric. */
  readonly metric: RiskMetric;
  /** `above`: crossed above the threshold; `below`: back to or below it. */
  readonly direction: 'above' | 'below';
  /** Metric value at the update. */
  readonly value: number;
  /** The threshold. */
  readonly threshold: number;
  /** Time of the update (ms). */
  readonly time: number;
  /** Asset for `asset_exposure`, else null. */
  readonly key: string | null;
}

/**
 * Options of {@link PortfolioRiskMonitor}.
 *
 * @example
 * ```ts
 * import { PortfolioRiskMonitor, type PortfolioRiskMonitorOptions } from '@rrr/risk';
 *
 * const options: PortfolioRiskMonitorOptions = {
 *   thresholds: { drawdown: 0.15, valueAtRisk: 0.05, volatility: 0.8 },
 *   confidence: 0.99,
 *   window: 60,
 *   periodsPerYear: 365,
 *   onEvent: (event) => console.log(event.metric, event.direction, event.value),
 * };
 * const monitor = new PortfolioRiskMonitor(options);
 * ```
 */
export interface PortfolioRiskMonitorOptions {
  /** Thresholds to watch. */
  readonly thresholds?: RiskThresholds;
  /** VaR confidence, default 0.95. */
  readonly confidence?: number;
  /** Number of most recent returns used for VaR and volatility; default 30. Metrics start once it is full. */
  readonly window?: number;
  /** Annualisation factor of the volatility (365 for daily crypto); default 1. */
  readonly periodsPerYear?: number;
  /** Maps a symbol to its asset for exposure. */
  readonly assetOf?: (symbol: string) => string;
  /** Called with each event as it happens (events are also returned by `update`). */
  readonly onEvent?: (event: RiskEvent) => void;
}

/**
 * One portfolio observation.
 *
 * @example
 * ```ts
 * import { type PortfolioObservation, PortfolioRiskMonitor } from '@rrr/risk';
 *
 * const observation: PortfolioObservation = {
 *   time: Date.UTC(2024, 0, 1),
 *   equity: '10250',
 *   positions: [{ symbol: 'BTC/USDT', quantity: '0.1', price: '42000' }],
 * };
 * new PortfolioRiskMonitor().update(observation);
 * ```
 */
export interface PortfolioObservation {
  /** Time (ms), strictly increasing between updates. */
  readonly time: number;
  /** Equity, > 0. */
  readonly equity: DecimalInput;
  /** Valued positions for exposure; omit to keep the previous ones. */
  readonly positions?: readonly ValuedPosition[];
}

/**
 * Point-in-time risk report.
 *
 * @example
 * ```ts
 * import { PortfolioRiskMonitor } from '@rrr/risk';
 *
 * const monitor = new PortfolioRiskMonitor({ window: 2 });
 * [1000, 1010, 990].forEach((equity, time) => monitor.update({ time, equity }));
 * const report = monitor.report();
 * console.log(report.drawdown.toFixed(4), report.historical?.valueAtRisk.toFixed(4)); // "0.0198 0.0198"
 * ```
 */
export interface RiskReport {
  /** Time of the last update. */
  readonly time: number;
  /** Last equity. */
  readonly equity: Decimal;
  /** Running peak equity. */
  readonly peakEquity: Decimal;
  /** Current drawdown from the peak (fraction). */
  readonly drawdown: number;
  /** Deepest drawdown of the whole curve with its duration (ms). */
  readonly maxDrawdown: MaxDrawdown;
  /** Historical VaR/CVaR over the window, or null until the window is full. */
  readonly historical: VarResult | null;
  /** Parametric VaR/CVaR over the window, or null until the window is full. */
  readonly parametric: VarResult | null;
  /** Rolling volatility over the window, or null until the window is full. */
  readonly volatility: number | null;
  /** Exposure per asset. */
  readonly exposure: readonly AssetExposure[];
  /** Gross exposure / equity. */
  readonly grossLeverage: number;
}

/**
 * Tracks an equity curve and positions and reports drawdown, VaR/CVaR, volatility and exposure, emitting
 * an event whenever a metric crosses a threshold (edge-triggered: once above, once back below).
 * Returns are simple returns between consecutive equity observations.
 *
 * @example
 * ```ts
 * import { PortfolioRiskMonitor } from '@rrr/risk';
 *
 * const monitor = new PortfolioRiskMonitor({ thresholds: { drawdown: 0.1 }, window: 5 });
 * monitor.update({ time: 0, equity: 1000 });
 * const events = monitor.update({ time: 1, equity: 880 });
 * console.log(events[0]?.metric, events[0]?.direction); // "drawdown above"
 * ```
 */
export class PortfolioRiskMonitor {
  readonly #thresholds: RiskThresholds;
  readonly #confidence: number;
  readonly #window: number;
  readonly #periodsPerYear: number;
  readonly #assetOf: (symbol: string) => string;
  readonly #onEvent: ((event: RiskEvent) => void) | undefined;
  readonly #times: number[] = [];
  readonly #equity: Decimal[] = [];
  readonly #equityFloat: number[] = [];
  readonly #returns: number[] = [];
  readonly #above = new Map<string, boolean>();
  #peak: Decimal | null = null;
  #positions: readonly ValuedPosition[] = [];

  /** @param options - thresholds, confidence, window, annualisation, asset mapping, listener */
  constructor(options: PortfolioRiskMonitorOptions = {}) {
    const t = options.thresholds ?? {};
    for (const [key, value] of Object.entries(t)) {
      if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
        throw new InvalidParameterError(
          `thresholds.${key}`,
          `thresholds.${key} must be a number > 0 (got ${value})`,
        );
      }
    }
    this.#thresholds = t;
    this.#confidence = options.confidence ?? 0.95;
    if (!(this.#confidence > 0 && this.#confidence < 1)) {
      throw new InvalidParameterError('confidence', `confidence must be in (0, 1) (got ${this.#confidence})`);
    }
    this.#window = options.window ?? 30;
    if (!Number.isInteger(this.#window) || this.#window < 2) {
      throw new InvalidParameterError('window', `window must be an integer >= 2 (got ${this.#window})`);
    }
    this.#periodsPerYear = options.periodsPerYear ?? 1;
    if (!(this.#periodsPerYear > 0)) {
      throw new InvalidParameterError(
        'periodsPerYear',
        `periodsPerYear must be > 0 (got ${this.#periodsPerYear})`,
      );
    }
    this.#assetOf = options.assetOf ?? defaultAssetOf;
    this.#onEvent = options.onEvent;
  }

  /** The equity curve so far. */
  get equityCurve(): readonly { readonly time: number; readonly equity: Decimal }[] {
    return this.#times.map((time, i) => ({ time, equity: this.#equity[i] as Decimal }));
  }

  /**
   * Adds an observation and returns the threshold events it causes.
   * @param observation - time, equity and optionally positions
   */
  update(observation: PortfolioObservation): RiskEvent[] {
    const { time } = observation;
    const last = this.#times[this.#times.length - 1];
    if (!Number.isFinite(time) || (last !== undefined && time <= last)) {
      throw new InvalidParameterError(
        'time',
        `time must increase between updates (got ${time} after ${last})`,
      );
    }
    const equity = toDecimal(observation.equity, 'equity');
    if (!equity.gt(0)) throw new InvalidParameterError('equity', `equity must be > 0 (got ${equity})`);
    const eqFloat = equity.toNumber();
    const prev = this.#equityFloat[this.#equityFloat.length - 1];
    if (prev !== undefined) this.#returns.push(eqFloat / prev - 1);
    this.#times.push(time);
    this.#equity.push(equity);
    this.#equityFloat.push(eqFloat);
    if (this.#peak === null || equity.gt(this.#peak)) this.#peak = equity;
    if (observation.positions) this.#positions = observation.positions;

    const events: RiskEvent[] = [];
    const watch = (
      metric: RiskMetric,
      value: number | null,
      threshold: number | undefined,
      key: string | null,
    ) => {
      if (threshold === undefined || value === null) return;
      const id = key === null ? metric : `${metric}:${key}`;
      const wasAbove = this.#above.get(id) ?? false;
      const isAbove = value > threshold;
      if (isAbove !== wasAbove) {
        this.#above.set(id, isAbove);
        events.push({ metric, direction: isAbove ? 'above' : 'below', value, threshold, time, key });
      }
    };
    const t = this.#thresholds;
    watch(RiskMetric.drawdown, this.#drawdown(), t.drawdown, null);
    const windowReturns = this.#windowReturns();
    if (t.valueAtRisk !== undefined && windowReturns) {
      watch(
        RiskMetric.valueAtRisk,
        historicalVar(windowReturns, this.#confidence).valueAtRisk,
        t.valueAtRisk,
        null,
      );
    }
    if (t.volatility !== undefined && windowReturns) {
      watch(RiskMetric.volatility, this.#volatility(windowReturns), t.volatility, null);
    }
    if (t.grossLeverage !== undefined || t.assetExposure !== undefined) {
      const exposure = exposureByAsset(this.#positions, equity, this.#assetOf);
      const gross = exposure.reduce((sum, row) => sum + row.gross.toNumber(), 0);
      watch(RiskMetric.grossLeverage, gross / eqFloat, t.grossLeverage, null);
      if (t.assetExposure !== undefined) {
        const seen = new Set<string>();
        for (const row of exposure) {
          seen.add(row.asset);
          watch(RiskMetric.assetExposure, Math.abs(row.net.toNumber()) / eqFloat, t.assetExposure, row.asset);
        }
        for (const id of this.#above.keys()) {
          const prefix = `${RiskMetric.assetExposure}:`;
          if (id.startsWith(prefix) && !seen.has(id.slice(prefix.length))) {
            watch(RiskMetric.assetExposure, 0, t.assetExposure, id.slice(prefix.length));
          }
        }
      }
    }
    for (const event of events) this.#onEvent?.(event);
    return events;
  }

  /** The current risk report; throws `InvalidParameterError` (parameter `equity`) before the first update. */
  report(): RiskReport {
    const n = this.#times.length;
    const equity = this.#equity[n - 1];
    const time = this.#times[n - 1];
    if (equity === undefined || time === undefined || this.#peak === null) {
      throw new InvalidParameterError('equity', 'report() needs at least one update');
    }
    const windowReturns = this.#windowReturns();
    const exposure = exposureByAsset(this.#positions, equity, this.#assetOf);
    const gross = exposure.reduce((sum, row) => sum + row.gross.toNumber(), 0);
    return {
      time,
      equity,
      peakEquity: this.#peak,
      drawdown: this.#drawdown(),
      maxDrawdown: analyzeDrawdowns(this.#equityFloat, this.#times).max,
      historical: windowReturns ? historicalVar(windowReturns, this.#confidence) : null,
      parametric: windowReturns ? parametricVar(windowReturns, this.#confidence) : null,
      volatility: windowReturns ? this.#volatility(windowReturns) : null,
      exposure,
      grossLeverage: gross / equity.toNumber(),
    };
  }

  #drawdown(): number {
    const n = this.#equity.length;
    const equity = this.#equity[n - 1];
    if (equity === undefined || this.#peak === null) return 0;
    return 1 - equity.div(this.#peak).toNumber();
  }

  #windowReturns(): number[] | null {
    return this.#returns.length >= this.#window ? this.#returns.slice(-this.#window) : null;
  }

  #volatility(windowReturns: number[]): number {
    const series = rollingVolatility(windowReturns, windowReturns.length, this.#periodsPerYear);
    return series[series.length - 1] as number;
  }
}
