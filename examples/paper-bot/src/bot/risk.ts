import type { Order, OrderManager, PreTradeCheck } from '@rrr/orders';
import type { PortfolioSnapshot } from '@rrr/risk';
import { RiskLimits } from '@rrr/risk';
import type { PaperBotConfig } from '../config/schema.js';
import type { AuditQueue } from './audit-bridge.js';
import type { EquityTracker } from './equity.js';

/** Pre-trade limits with the bot's view of the portfolio. */
export interface RiskGate {
  /** The limits (kill switch state). */
  readonly limits: RiskLimits;
  /** Risk snapshot of the portfolio with the given open orders. */
  snapshot(openOrders: readonly Order[]): PortfolioSnapshot;
  /** The OrderManager's pre-trade hook: the intent priced at its symbol's last close. */
  readonly check: PreTradeCheck;
}

/** What {@link createRiskGate} reads. */
export interface RiskGateInputs {
  readonly config: PaperBotConfig;
  readonly clock: { now(): number };
  /** Risk state changes are audited through it. */
  readonly queue: AuditQueue;
  readonly equity: EquityTracker;
  /** Last close per symbol. */
  readonly prices: ReadonlyMap<string, number>;
  /** The OrderManager (read lazily: it is built with the gate's hook). */
  readonly manager: () => OrderManager;
}

/**
 * Builds the `@rrr/risk` limits of the configuration and the snapshot they judge orders against: equity, daily PnL
 * and peak from the equity tracker, every symbol's position and last close, and the open orders.
 *
 * @param inputs - configuration, clock, audit queue, equity, prices and the OrderManager
 * @returns the gate
 */
export function createRiskGate(inputs: RiskGateInputs): RiskGate {
  const { config, equity, prices } = inputs;
  const limits = new RiskLimits(config.riskLimits, {
    clock: inputs.clock,
    onStateChange: (change) =>
      inputs.queue.push({
        id: `risk-state:${change.time}:${change.to}`,
        kind: 'risk.state_changed',
        actor: 'paper-bot',
        payload: { from: change.from, to: change.to, reason: change.reason, at: change.time },
      }),
  });
  const snapshot = (openOrders: readonly Order[]): PortfolioSnapshot => {
    const portfolio = inputs.manager().portfolio;
    return {
      equity: equity.equity,
      dayPnl: equity.dayPnl,
      peakEquity: equity.peak,
      positions: config.symbols.map((symbol) => ({ symbol, quantity: portfolio.position(symbol).quantity })),
      openOrders: openOrders.map((o) => ({
        symbol: o.symbol,
        side: o.side,
        quantity: o.quantity.minus(o.filledQuantity),
      })),
      lastPrices: Object.fromEntries(prices),
    };
  };
  return {
    limits,
    snapshot,
    check: (intent, state) =>
      limits.check(
        {
          symbol: intent.symbol,
          side: intent.side,
          quantity: intent.quantity,
          price: prices.get(intent.symbol) ?? 0,
        },
        snapshot(state.openOrders),
      ),
  };
}
