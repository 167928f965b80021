import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1];

/** The bot's Prometheus metrics, on their own registry (no global state). */
export interface BotMetrics {
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
  /** Bars processed. */
  readonly bars: Counter;
  /** Model outputs by symbol and direction. */
  readonly signals: Counter<'symbol' | 'direction'>;
  /** Order status changes by status reached. */
  readonly orders: Counter<'status'>;
  /** Fills by symbol. */
  readonly fills: Counter<'symbol'>;
  /** Equity in the quote currency. */
  readonly equity: Gauge;
  /** Drawdown from the equity peak, 0..1. */
  readonly drawdown: Gauge;
  /** Position in base units, by symbol. */
  readonly position: Gauge<'symbol'>;
  /** Last close, by symbol. */
  readonly price: Gauge<'symbol'>;
  /** Bar close -> model prediction, seconds. */
  readonly predictionLatency: Histogram;
  /** Bar close -> order acknowledged by the venue, seconds. */
  readonly orderLatency: Histogram;
}

/**
 * Creates the metrics on a fresh registry.
 *
 * @returns the metrics
 */
export function createMetrics(): BotMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    bars: new Counter({ name: 'paperbot_bars_processed_total', help: 'Bars processed', registers }),
    signals: new Counter({
      name: 'paperbot_signals_total',
      help: 'Model outputs by symbol and direction',
      labelNames: ['symbol', 'direction'],
      registers,
    }),
    orders: new Counter({
      name: 'paperbot_orders_total',
      help: 'Order status changes by status reached',
      labelNames: ['status'],
      registers,
    }),
    fills: new Counter({
      name: 'paperbot_fills_total',
      help: 'Fills by symbol',
      labelNames: ['symbol'],
      registers,
    }),
    equity: new Gauge({ name: 'paperbot_equity', help: 'Equity in the quote currency', registers }),
    drawdown: new Gauge({
      name: 'paperbot_drawdown_ratio',
      help: 'Drawdown from the equity peak',
      registers,
    }),
    position: new Gauge({
      name: 'paperbot_position',
      help: 'Position in base units, by symbol',
      labelNames: ['symbol'],
      registers,
    }),
    price: new Gauge({
      name: 'paperbot_price',
      help: 'Last close, by symbol',
      labelNames: ['symbol'],
      registers,
    }),
    predictionLatency: new Histogram({
      name: 'paperbot_bar_to_prediction_seconds',
      help: 'Bar close to model prediction',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    orderLatency: new Histogram({
      name: 'paperbot_bar_to_order_seconds',
      help: 'Bar close to order acknowledged by the venue',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
}
