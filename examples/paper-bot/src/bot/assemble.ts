import type { Bar } from '@rrr/indicators';
import type { DirectionModel } from '@rrr/models';
import { type Fill, type Order, OrderManager, splitSymbol } from '@rrr/orders';
import type { PaperBotConfig } from '../config/schema.js';
import { EquityTracker } from './equity.js';
import type { RunServices } from './infra.js';
import { LiveState } from './live-state.js';
import { paperMarket } from './markets.js';
import { OpenOrders } from './open-orders.js';
import { wireOrderEvents } from './order-events.js';
import { createPaperVenue } from './paper-venue.js';
import { barsBefore, type ResumePoint, startingPortfolio } from './resume.js';
import { createRiskGate } from './risk.js';
import type { BotStores, BotVenue } from './seams.js';
import type { MarketSetup } from './setup.js';
import type { StepContext } from './step.js';
import { SymbolTrader } from './trader.js';
import { VenueAcks } from './venue-acks.js';

/** The last bar processed per symbol, and the price each symbol starts the run with. */
function startingMarks(config: PaperBotConfig, market: MarketSetup, resume: ResumePoint) {
  const { steps, warm } = market.window;
  const lastBars = new Map<string, Bar>();
  const prices = new Map<string, number>();
  for (const symbol of config.symbols) {
    const done = barsBefore(steps, resume.resumeAt, symbol);
    const last = done[done.length - 1];
    if (last !== undefined) lastBars.set(symbol, last);
    const history = warm.get(symbol) ?? [];
    const first = steps.find((s) => s.bars.has(symbol))?.bars.get(symbol);
    const price = last?.close ?? first?.open ?? history[history.length - 1]?.close;
    if (price !== undefined) prices.set(symbol, price);
  }
  return { lastBars, prices };
}

/** One trader per symbol, warmed up on the history before the window and the steps earlier runs processed. */
async function createTraders(
  config: PaperBotConfig,
  model: DirectionModel,
  venue: BotVenue,
  market: MarketSetup,
  resume: ResumePoint,
): Promise<Map<string, SymbolTrader>> {
  const traders = new Map<string, SymbolTrader>();
  for (const symbol of config.symbols) {
    const trader = new SymbolTrader({
      symbol,
      market: await venue.market(symbol),
      model,
      config,
      trainedOn: symbol === model.card.training.symbol,
      namedIds: config.symbols.length > 1,
      lastSignal: [...resume.history].reverse().find((r) => r.symbol === symbol)?.signal,
    });
    trader.warmUp(market.window.warm.get(symbol) ?? []);
    trader.warmUp(barsBefore(market.window.steps, resume.resumeAt, symbol));
    traders.set(symbol, trader);
  }
  return traders;
}

/** A run ready to start: its step context and what resuming found in the stores. */
export interface AssembledRun {
  readonly ctx: StepContext;
  readonly venue: BotVenue;
  readonly storedFills: readonly Fill[];
  readonly reopened: readonly Order[];
  /** True when a crashed run already did the venue step of the first step to process. */
  readonly venueStepDone: boolean;
}

/** Inputs of {@link assembleRun}. */
export interface AssembleInputs {
  readonly config: PaperBotConfig;
  readonly model: DirectionModel;
  readonly stores: BotStores;
  readonly services: RunServices;
  readonly market: MarketSetup;
  readonly resume: ResumePoint;
  /** The venue given by the caller, or undefined for the paper venue. */
  readonly venue: BotVenue | undefined;
  readonly fault: StepContext['fault'];
}

/**
 * Wires the run's parts: the venue (the paper venue unless one was given), one trader per symbol, equity and risk,
 * the OrderManager over the stores with the portfolio rebuilt from the venue's balances and the stored fills, and
 * the event routing to audit, metrics, dashboard and stops.
 *
 * @param inputs - configuration, model, stores, services, market data, resume point, venue
 * @returns the assembled run (the OrderManager is not started yet)
 */
export async function assembleRun(inputs: AssembleInputs): Promise<AssembledRun> {
  const { config, stores, services, market, resume } = inputs;
  const { steps } = market.window;
  const { quote } = splitSymbol(config.symbols[0] ?? '');
  const storedFills = await stores.orders.fills();
  const reopened = await stores.orders.list({ open: true });
  const clock = {
    now: resume.history.length === 0 ? (steps[0]?.ts ?? market.window.from) : resume.lastClose,
  };
  const now = () => clock.now;
  const { lastBars, prices } = startingMarks(config, market, resume);
  // Every start gets its own paper venue seed: the venue derives its venue order ids from the seed, and ids that
  // repeat those of orders stored by an earlier run would make the OrderManager match executions to old orders.
  const starts = async () =>
    (await services.audit.query({ kinds: ['run.manifest'], limit: 10_000 })).records.length;
  const venue =
    inputs.venue ??
    createPaperVenue({
      markets: config.symbols.map(paperMarket),
      quote,
      initialCash: config.initialCash,
      fees: config.fees,
      fills: storedFills,
      openOrders: reopened,
      lastBars,
      clock: { now },
      seed: config.seed + 7919 * (await starts()),
    });
  const traders = await createTraders(config, inputs.model, venue, market, resume);
  const equity = new EquityTracker(config.initialCash, resume.history);
  let manager: OrderManager | undefined;
  const risk = createRiskGate({
    config,
    clock: { now },
    queue: services.queue,
    equity,
    prices,
    manager: () => manager as OrderManager,
  });
  const acks = new VenueAcks();
  manager = new OrderManager({
    exchange: acks.observe(venue.exchange),
    store: stores.orders,
    portfolio: startingPortfolio(await venue.balances(), storedFills),
    replayFills: false,
    clock: { now },
    preTradeCheck: risk.check,
  });
  const live = new LiveState(
    {
      symbols: config.symbols,
      quote,
      traders,
      prices,
      equity,
      manager,
      riskState: () => risk.limits.state,
      stepTimes: () => ({ count: steps.length, at: (i) => steps[i]?.ts }),
    },
    resume.history,
    storedFills,
    resume.resumeAt,
  );
  const openOrders = new OpenOrders();
  const { log, queue, metrics } = services;
  const venueName = venue.kind === 'paper' ? 'paper' : venue.exchange.id;
  const fills = wireOrderEvents(manager, {
    log,
    queue,
    metrics,
    live,
    traders,
    openOrders,
    venue: venueName,
  });
  return {
    ctx: {
      quote,
      traders,
      manager,
      venue,
      journal: stores.journal,
      afterStep: stores.afterStep,
      queue,
      equity,
      risk,
      prices,
      clock,
      metrics,
      live,
      openOrders,
      acks,
      fills,
      fault: inputs.fault,
      signals: {},
      predictionLatencyMs: [],
      orderLatencyMs: [],
    },
    venue,
    storedFills,
    reopened,
    venueStepDone: reopened.some((o) => o.createdAt > resume.lastClose),
  };
}
