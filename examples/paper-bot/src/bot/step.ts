import { performance } from 'node:perf_hooks';
import type { Bar } from '@rrr/indicators';
import type { Order, OrderManager } from '@rrr/orders';
import { BAR_MS } from '../data/feed.js';
import type { TimeStep } from '../data/timeline.js';
import type { BotMetrics } from '../server/metrics.js';
import type { AuditQueue } from './audit-bridge.js';
import type { EquityTracker } from './equity.js';
import type { LiveState } from './live-state.js';
import type { OpenOrders } from './open-orders.js';
import type { FaultPoint } from './options.js';
import type { RiskGate } from './risk.js';
import type { BotJournal, BotVenue, JournalBar } from './seams.js';
import type { BarView, SymbolTrader } from './trader.js';
import type { VenueAcks } from './venue-acks.js';

/** Everything a time step touches. */
export interface StepContext {
  readonly quote: string;
  readonly traders: ReadonlyMap<string, SymbolTrader>;
  readonly manager: OrderManager;
  readonly venue: BotVenue;
  readonly journal: BotJournal;
  /** Store housekeeping after the step's checkpoint ({@link BotStores.afterStep}). */
  readonly afterStep: (() => void) | undefined;
  readonly queue: AuditQueue;
  readonly equity: EquityTracker;
  readonly risk: RiskGate;
  readonly prices: Map<string, number>;
  readonly clock: { now: number };
  readonly metrics: BotMetrics;
  readonly live: LiveState;
  readonly openOrders: OpenOrders;
  /** When the venue acknowledged the last order. */
  readonly acks: VenueAcks;
  readonly fills: () => number;
  readonly fault: ((point: FaultPoint) => void) | undefined;
  /** Model outputs of this run by direction. */
  readonly signals: Record<string, number>;
  readonly predictionLatencyMs: number[];
  readonly orderLatencyMs: number[];
}

/** Notional of every position at its last close plus every open buy order at its symbol's last close. */
function exposure(ctx: StepContext, open: readonly Order[]): number {
  let total = 0;
  for (const symbol of ctx.traders.keys()) {
    const price = ctx.prices.get(symbol) ?? 0;
    total += Math.abs(ctx.manager.portfolio.position(symbol).quantity.toNumber()) * price;
  }
  for (const o of open)
    if (o.side === 'buy')
      total += o.quantity.minus(o.filledQuantity).toNumber() * (ctx.prices.get(o.symbol) ?? 0);
  return total;
}

/**
 * Processes one time step (the closed bars of every symbol at one open time):
 * 1. the venue sees each bar (paper: orders placed at the previous close fill at this bar's open);
 * 2. equity at the closes, drawdown, risk state;
 * 3. per symbol: stops and model on the closed bar, then the order decision (orders reach the venue now);
 * 4. checkpoint: the step's audit records are flushed, then its journal rows mark it processed.
 *
 * @param ctx - the run's parts
 * @param step - the time step
 * @param venueStepDone - true when a crashed run already did the venue step of this step (skip it)
 */
export async function processStep(ctx: StepContext, step: TimeStep, venueStepDone: boolean): Promise<void> {
  const { manager, traders, prices, metrics } = ctx;
  const t0 = performance.now();
  ctx.clock.now = step.ts + BAR_MS;
  const fillsBefore = ctx.fills();
  for (const [symbol, bar] of step.bars) {
    if (!venueStepDone) await ctx.venue.onBarClosed(symbol, bar, manager);
    prices.set(symbol, bar.close);
  }
  await manager.idle();
  if (ctx.fills() > fillsBefore) ctx.fault?.('venue_fills');
  const equity = manager.portfolio.equity(ctx.quote, Object.fromEntries(prices)).toNumber();
  const drawdown = ctx.equity.observe(step.ts, equity);
  ctx.risk.limits.observe(ctx.risk.snapshot(ctx.openOrders.list()));

  const decided: { symbol: string; bar: Bar; view: BarView; placed: string[] }[] = [];
  let ordersChanged = false;
  for (const [symbol, bar] of step.bars) {
    const trader = traders.get(symbol);
    if (trader === undefined) continue;
    const view = await trader.observe(bar, ctx.clock.now);
    const tPrediction = performance.now();
    ctx.predictionLatencyMs.push(tPrediction - t0);
    metrics.predictionLatency.observe((tPrediction - t0) / 1000);
    ctx.signals[view.direction] = (ctx.signals[view.direction] ?? 0) + 1;
    metrics.signals.inc({ symbol, direction: view.direction });
    ctx.live.addPrediction(symbol, bar.timestamp, view.direction, view.prediction);

    const open = ctx.openOrders.list();
    const allowance = {
      equity,
      headroom: Math.max(0, equity - exposure(ctx, open)),
      openOrders: open.filter((o) => o.symbol === symbol),
    };
    ctx.acks.take();
    const placed = await trader.act(bar, view, allowance, manager, () => {
      // An order denied by the pre-trade check never reached the venue: no latency sample.
      const acked = ctx.acks.take();
      if (acked !== undefined) {
        ctx.orderLatencyMs.push(acked - t0);
        metrics.orderLatency.observe((acked - t0) / 1000);
      }
      ctx.fault?.('order_placed');
    });
    if (placed.length > 0 || open.length !== ctx.live.openOrderCount) ordersChanged = true;
    decided.push({ symbol, bar, view, placed });
  }
  if (ordersChanged) ctx.live.setOpenOrders(ctx.openOrders.list());
  await ctx.queue.flush();
  const journaled = decided.map(({ symbol, bar, view, placed }): JournalBar => {
    const position = manager.portfolio.position(symbol).quantity.toNumber();
    metrics.position.set({ symbol }, position);
    metrics.price.set({ symbol }, bar.close);
    const p = view.prediction?.probabilities;
    return {
      ts: bar.timestamp,
      symbol,
      close: bar.close,
      equity,
      position,
      drawdown,
      signal: view.direction,
      pUp: p?.up ?? Number.NaN,
      pFlat: p?.flat ?? Number.NaN,
      pDown: p?.down ?? Number.NaN,
      orders: placed.join(','),
    };
  });
  await ctx.journal.record(journaled);
  ctx.afterStep?.();
  ctx.live.stepDone(step.ts, equity);
  metrics.bars.inc();
  metrics.equity.set(equity);
  metrics.drawdown.set(drawdown);
}
