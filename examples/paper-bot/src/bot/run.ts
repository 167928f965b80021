import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditLog } from '@rrr/audit';
import { SqliteSink } from '@rrr/audit/sqlite';
import type { Bar } from '@rrr/indicators';
import { DirectionStream, loadBundledModel, type StreamPrediction } from '@rrr/models';
import {
  defineMarket,
  type Fill,
  type Order,
  OrderManager,
  PaperExchange,
  Portfolio,
  splitSymbol,
} from '@rrr/orders';
import { SqliteOrderStore } from '@rrr/orders/sqlite';
import { type ExitIntent, KellySizer, kellyFromWinLoss, RiskLimits, StopManager } from '@rrr/risk';
import { Redactor } from '@rrr/secrets';
import { Decimal } from 'decimal.js';
import { pino } from 'pino';
import type { PaperBotConfig } from '../config/schema.js';
import { DEFAULT_DATA_FILE, loadBars } from '../data/bars.js';
import { LiveBars, type WallClock } from '../data/live.js';
import { Journal, type JournalBar } from '../journal/journal.js';
import { type BotMetrics, createMetrics } from '../server/metrics.js';
import { AuditQueue, auditEventsOf, recoveredAuditEvents } from './audit-bridge.js';
import { createLogger } from './logger.js';
import type { BotState, FillView, PredictionView } from './state.js';

/** Bar length of the shipped model and the embedded data. */
export const BAR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const LOT_STEP = '0.00001';
const MIN_NOTIONAL = 5;
const KEEP = 20;
const CURVE_POINTS = 400;

/** Options of {@link runPaperBot} besides the configuration. */
export interface RunOptions {
  /** Aborting stops the replay after the current bar (graceful shutdown). */
  readonly signal?: AbortSignal;
  /** Called after every processed bar with the live state. */
  readonly onBar?: (state: BotState) => void;
  /** Called once the stores are open and the run has resumed, with the metrics registry. */
  readonly onStart?: (context: { metrics: BotMetrics; state: () => BotState }) => void;
  /**
   * Fault injection for crash tests: called inside a bar, after the venue step stored fills
   * (`venue_fills`) and after each order reached the venue (`order_placed`), both before the bar's checkpoint.
   */
  readonly fault?: (point: FaultPoint) => void;
  /** Why the run stopped early, written into the final audit record (e.g. `SIGTERM`). */
  readonly stopReason?: () => string | undefined;
  /** Live mode (`source: ccxt`): the clock that decides which candles are closed; default the wall clock. */
  readonly wallClock?: WallClock;
}

/** The places inside a bar where {@link RunOptions.fault} is called. */
export type FaultPoint = 'venue_fills' | 'order_placed';

/** What the start of a run found in the stores. */
export interface ResumeInfo {
  /** Bars already processed by earlier runs (skipped). */
  readonly skippedBars: number;
  /** Open orders found in the order store and handed back to the venue. */
  readonly reopenedOrders: number;
  /** Fills replayed into the portfolio. */
  readonly replayedFills: number;
  /** True when the venue step of the first bar had already happened before the crash. */
  readonly venueStepDone: boolean;
  /** Reconciliation outcome of `OrderManager.start()`. */
  readonly reconciliation: { checked: number; resubmitted: number; resolvedUnknown: number };
}

/** The outcome of a run. */
export interface RunSummary {
  /** Symbol traded. */
  readonly symbol: string;
  /** Where the bars came from, e.g. `replay of real Binance 1h bars` or `live binance 1h candles`. */
  readonly source: string;
  /** First and last bar of the replay window (open times, ms UTC). */
  readonly period: { readonly from: number; readonly to: number };
  /** Bars processed in this run. */
  readonly barsThisRun: number;
  /** Bars processed in total on these stores. */
  readonly barsProcessed: number;
  /** Bars of the replay window. */
  readonly barsTotal: number;
  /** True when every bar of the window has been processed. */
  readonly complete: boolean;
  /** Model outputs of this run by direction. */
  readonly signals: Readonly<Record<string, number>>;
  /** Every order in the store by status. */
  readonly ordersByStatus: Readonly<Record<string, number>>;
  /** Fills in the store. */
  readonly fills: number;
  /** Fees paid, quote currency. */
  readonly fees: string;
  /** Realized PnL net of fees. */
  readonly realizedPnl: string;
  /** Unrealized PnL at the last close. */
  readonly unrealizedPnl: string;
  /** Final equity. */
  readonly equity: string;
  /** Starting cash. */
  readonly initialCash: number;
  /** Return of buying and holding over the processed bars. */
  readonly buyAndHoldReturn: number;
  /** Largest peak-to-trough equity drop over all processed bars, 0..1. */
  readonly maxDrawdown: number;
  /** Audit log verification. */
  readonly audit: { readonly verified: boolean; readonly records: number; readonly detail: string };
  /** What resuming found. */
  readonly resume: ResumeInfo;
  /** Bar close -> prediction latencies of this run, ms. */
  readonly predictionLatencyMs: readonly number[];
  /** Bar close -> order acknowledged by the venue latencies of this run, ms. */
  readonly orderLatencyMs: readonly number[];
  /** Why the run stopped: `end_of_data`, `max_bars` or the stop reason. */
  readonly stoppedBy: string;
}

function parseTime(value: string | number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`config ${field}: not a date (got ${String(value)})`);
  return ms;
}

function fillView(fill: Fill): FillView {
  return {
    time: fill.timestamp,
    orderId: fill.clientOrderId,
    side: fill.side,
    quantity: fill.quantity.toFixed(),
    price: fill.price.toFixed(),
    fee: fill.fee.toFixed(),
  };
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Runs the paper bot: replays the bars of the configured window through features + model, Kelly sizing, risk
 * limits and stops, the OrderManager and the paper venue, with SQLite order store, journal and audit log in
 * `config.stateDir`. A second call on the same `stateDir` resumes where the first stopped.
 *
 * @param config - validated configuration (see `loadConfig`)
 * @param options - abort signal and callbacks
 * @returns the run summary
 */
export async function runPaperBot(config: PaperBotConfig, options: RunOptions = {}): Promise<RunSummary> {
  const { base, quote } = splitSymbol(config.symbol);
  if (config.venue === 'sandbox') {
    throw new Error(
      'venue sandbox: sending orders to an exchange test environment is not implemented; orders go to the ' +
        'paper venue only (`paper-bot check --venue sandbox` checks its secrets)',
    );
  }
  const dataFile = config.dataFile ?? DEFAULT_DATA_FILE;
  const live =
    config.source === 'ccxt'
      ? LiveBars.open({
          exchange: config.exchange,
          symbol: config.symbol,
          barMs: BAR_MS,
          pollMs: config.live.pollMs,
          timeoutMs: config.live.timeoutMs,
          apiUrl: config.live.apiUrl,
          ...(options.wallClock === undefined ? {} : { clock: options.wallClock }),
        })
      : undefined;
  const model = await loadBundledModel({ session: { intraOpThreads: 1 } });
  const card = model.card;
  const trainingEnd = Math.max(
    card.training.trainPeriod.end,
    card.training.validationPeriod?.end ?? -Infinity,
  );
  mkdirSync(config.stateDir, { recursive: true });
  const journal = new Journal(join(config.stateDir, 'journal.db'));
  const history = journal.all();
  // Live: trade from the first journaled bar (resume), else from the candle forming now.
  const wallNow = (options.wallClock ?? { now: () => Date.now() }).now();
  const liveFrom = history[0]?.ts ?? Math.floor(wallNow / BAR_MS) * BAR_MS;
  const from =
    parseTime(config.from, 'from') ??
    (live === undefined ? (card.training.testPeriod?.start ?? trainingEnd + 1) : liveFrom);
  if (from <= trainingEnd) {
    await model.release();
    journal.close();
    throw new Error(
      `config from: ${new Date(from).toISOString()} is inside the model's training/validation period (ends ` +
        `${new Date(trainingEnd).toISOString()}); the bot trades only bars the model never saw`,
    );
  }
  const to = parseTime(config.to, 'to') ?? Number.POSITIVE_INFINITY;
  let allBars: Bar[];
  try {
    allBars =
      live === undefined ? loadBars(dataFile) : await live.closed(from - config.live.warmupBars * BAR_MS);
  } catch (error) {
    await model.release();
    journal.close();
    throw error;
  }
  const warm = allBars.filter((b) => b.timestamp < from);
  const window = allBars.filter((b) => b.timestamp >= from && b.timestamp < to);
  if (window.length === 0 && live === undefined) {
    await model.release();
    journal.close();
    throw new Error(`no bars in ${dataFile} from ${new Date(from).toISOString()}`);
  }
  const store = SqliteOrderStore.open(join(config.stateDir, 'orders.db'));
  const redactor = new Redactor();
  for (const value of [config.credentials.apiKey, config.credentials.apiSecret])
    if (value !== undefined) redactor.add(value);
  const audit = new AuditLog({
    sink: new SqliteSink({ path: join(config.stateDir, 'audit.db') }),
    redactor: (value) => redactor.redactValue(value),
  });
  const queue = new AuditQueue(audit);
  const logFile = pino.destination({ dest: join(config.stateDir, 'bot.log'), sync: true, append: true });
  const log = createLogger(logFile, redactor);
  const metrics = createMetrics();

  // ---- resume: what earlier runs already did --------------------------------------------------------------
  const last = history[history.length - 1];
  const lastClose = last === undefined ? Number.NEGATIVE_INFINITY : last.ts + BAR_MS;
  const start = last === undefined ? 0 : window.findIndex((b) => b.timestamp > last.ts);
  const resumeAt = start < 0 ? window.length : start;
  const stream = new DirectionStream(model, { minConfidence: config.strategy.minConfidence });
  stream.warmUp(warm);
  stream.warmUp(window.slice(0, resumeAt));

  const market = defineMarket({
    symbol: config.symbol,
    base,
    quote,
    tickSize: '0.01',
    lotStep: LOT_STEP,
    minNotional: MIN_NOTIONAL,
  });
  const storedFills = await store.fills();
  const venueBook = new Portfolio({ [quote]: config.initialCash });
  for (const fill of storedFills) venueBook.applyFill(fill, { base, quote });
  let now = last === undefined ? (window[0]?.timestamp ?? from) : lastClose;
  const clock = { now: () => now };
  // Every start gets its own venue seed: the paper venue derives its venue order ids from the seed, and ids that
  // repeat those of orders stored by an earlier run would make the OrderManager match executions to old orders.
  const starts = (await audit.query({ kinds: ['run.manifest'], limit: 10_000 })).records.length;
  const exchange = new PaperExchange({
    markets: [market],
    balances: venueBook.snapshot().balances,
    fillModel: {
      slippage: { kind: 'fixed_bps', bps: config.fees.slippageBps },
      takerFeeRate: String(config.fees.takerFeeRate),
      makerFeeRate: String(config.fees.makerFeeRate),
    },
    clock,
    seed: config.seed + 7919 * starts,
  });
  const lastBar = resumeAt > 0 ? window[resumeAt - 1] : undefined;
  if (lastBar !== undefined) exchange.onBar({ symbol: config.symbol, ...lastBar });
  // The paper venue lives in this process: hand it back the orders that were open at the venue when the
  // previous run died, so that reconciliation finds them instead of cancelling them as unknown.
  const reopened = await store.list({ open: true });
  for (const order of reopened) exchange.submitSync(order);
  const venueStepDone = reopened.some((o) => o.createdAt > lastClose);

  // ---- pre-trade risk ------------------------------------------------------------------------------------
  let peak = history.reduce((m, b) => Math.max(m, b.equity), config.initialCash);
  let maxDrawdown = history.reduce((m, b) => Math.max(m, b.drawdown), 0);
  let equity = last?.equity ?? config.initialCash;
  let dayStart = config.initialCash;
  let day = -1;
  for (const b of history) {
    const d = Math.floor(b.ts / DAY_MS);
    if (d !== day) {
      day = d;
      dayStart = b.equity;
    }
  }
  let price = lastBar?.close ?? window[0]?.open ?? warm[warm.length - 1]?.close ?? 0;
  const limits = new RiskLimits(config.riskLimits, {
    clock,
    onStateChange: (change) =>
      queue.push({
        id: `risk-state:${change.time}:${change.to}`,
        kind: 'risk.state_changed',
        actor: 'paper-bot',
        payload: { from: change.from, to: change.to, reason: change.reason, at: change.time },
      }),
  });
  const riskSnapshot = (openOrders: readonly Order[]) => ({
    equity,
    dayPnl: equity - dayStart,
    peakEquity: peak,
    positions: [{ symbol: config.symbol, quantity: manager.portfolio.position(config.symbol).quantity }],
    openOrders: openOrders.map((o) => ({
      symbol: o.symbol,
      side: o.side,
      quantity: o.quantity.minus(o.filledQuantity),
    })),
    lastPrices: { [config.symbol]: price },
  });

  const manager: OrderManager = new OrderManager({
    exchange,
    store,
    portfolio: new Portfolio({ [quote]: config.initialCash }),
    clock,
    preTradeCheck: (intent, snapshot) =>
      limits.check(
        { symbol: intent.symbol, side: intent.side, quantity: intent.quantity, price },
        riskSnapshot(snapshot.openOrders),
      ),
  });

  // ---- events: audit, metrics, stops, dashboard ------------------------------------------------------------
  const stops = new StopManager();
  const recentFills: FillView[] = storedFills.slice(-KEEP).map(fillView);
  const recentPredictions: PredictionView[] = [];
  let fillCount = 0;
  const openStop = (entryPrice: Decimal, quantity: Decimal, entryTime: number, id: string): void => {
    const { stopLoss, takeProfit, maxHoldHours } = config.strategy;
    stops.open({
      id,
      symbol: config.symbol,
      side: 'long',
      entryPrice,
      quantity,
      entryTime,
      stopLoss: entryPrice.times(1 - stopLoss).toDecimalPlaces(2),
      takeProfit: entryPrice.times(1 + takeProfit).toDecimalPlaces(2),
      maxHoldMs: maxHoldHours * BAR_MS,
    });
  };
  manager.onAny((event) => {
    if (event.type === 'error') log.error({ error: event.error }, 'order manager error');
    else if (event.type === 'order_denied')
      log.warn(
        { orderId: event.order.clientOrderId, code: event.order.reasonCode, reason: event.order.reason },
        'order denied',
      );
    else if (event.type === 'fill')
      log.info(
        {
          orderId: event.fill.clientOrderId,
          side: event.fill.side,
          quantity: event.fill.quantity.toFixed(),
          price: event.fill.price.toFixed(),
        },
        'fill',
      );
    for (const e of auditEventsOf(event)) queue.push(e);
    if (event.type === 'order_created') metrics.orders.inc({ status: 'pending_new' });
    else if (event.type === 'order_denied') metrics.orders.inc({ status: 'denied' });
    else if (event.type === 'order_status') metrics.orders.inc({ status: event.order.status });
    else if (event.type === 'fill') {
      metrics.fills.inc();
      fillCount++;
      recentFills.push(fillView(event.fill));
      if (recentFills.length > KEEP) recentFills.shift();
      const position = event.position;
      for (const id of stops.ids) stops.close(id);
      if (position.quantity.gt(0))
        openStop(
          position.averageEntryPrice,
          position.quantity,
          event.fill.timestamp,
          event.fill.clientOrderId,
        );
    }
  });

  const report = await manager.start();
  const position0 = manager.portfolio.position(config.symbol);
  if (position0.quantity.gt(0)) {
    const lastBuy = [...storedFills].reverse().find((f) => f.side === 'buy');
    openStop(
      position0.averageEntryPrice,
      position0.quantity,
      lastBuy?.timestamp ?? now,
      lastBuy?.clientOrderId ?? 'recovered',
    );
  }
  const resume: ResumeInfo = {
    skippedBars: resumeAt,
    reopenedOrders: reopened.length,
    replayedFills: storedFills.length,
    venueStepDone,
    reconciliation: {
      checked: report.checked,
      resubmitted: report.resubmitted.length,
      resolvedUnknown: report.resolvedUnknown.length,
    },
  };
  // Audit records a crash may have cut off (idempotent: those already in the log are not stored again).
  if (storedFills.length > 0 || reopened.length > 0 || last !== undefined) {
    for (const event of recoveredAuditEvents(await store.list(), storedFills)) queue.push(event);
  }
  const configJson = JSON.stringify(redactor.redactValue(config));
  queue.push({
    kind: 'run.manifest',
    actor: 'paper-bot',
    payload: {
      codeVersion: `@rrr/example-paper-bot 0.0.0; model ${card.name}@${card.version}`,
      configHash: sha256(configJson),
      dataHash:
        live === undefined
          ? sha256(readFileSync(dataFile))
          : sha256(JSON.stringify({ source: `ccxt:${config.exchange}:${config.symbol}`, bars: allBars })),
      seeds: [config.seed],
      modelSha256: card.model.sha256,
      config: JSON.parse(configJson) as Record<string, never>,
      resumedAtBar: resumeAt,
      resume: { ...resume },
    },
  });
  await queue.flush();

  const signals: Record<string, number> = {};
  const predictionLatencyMs: number[] = [];
  const orderLatencyMs: number[] = [];
  let lastSignal = last?.signal ?? 'none';
  let processed = resumeAt;
  const curve: [number, number][] = history
    .filter((_, i) => i % Math.max(1, Math.ceil(history.length / CURVE_POINTS)) === 0)
    .map((b) => [b.ts, b.equity]);
  const openOrderViews = async () =>
    (await manager.list({ open: true })).map((o) => ({
      orderId: o.clientOrderId,
      side: o.side,
      type: o.type,
      quantity: o.quantity.toFixed(),
      status: o.status,
    }));
  let openViews = await openOrderViews();
  const state = (): BotState => {
    const position = manager.portfolio.position(config.symbol).quantity.toNumber();
    return {
      symbol: config.symbol,
      barTime: processed > 0 ? (window[processed - 1]?.timestamp ?? Number.NaN) : Number.NaN,
      barsProcessed: processed,
      barsTotal: window.length,
      price,
      equity,
      cash: manager.portfolio.balance(quote).toNumber(),
      position,
      drawdown: peak > 0 ? 1 - equity / peak : 0,
      maxDrawdown,
      lastSignal,
      riskState: limits.state,
      openOrders: openViews,
      recentFills: [...recentFills],
      recentPredictions: [...recentPredictions],
      equityCurve: processed > 0 ? [...curve, [window[processed - 1]?.timestamp ?? 0, equity]] : [...curve],
    };
  };
  log.info({ resume, config: JSON.parse(configJson) as unknown }, 'paper-bot started');
  options.onStart?.({ metrics, state });

  const sizerFor = (p: StreamPrediction) =>
    new KellySizer({
      kelly: kellyFromWinLoss({
        winRate: p.probabilities.up,
        lossRate: p.probabilities.down,
        avgWin: config.strategy.takeProfit,
        avgLoss: config.strategy.stopLoss,
      }),
      fraction: config.strategy.kellyFraction,
      constraints: {
        lotStep: LOT_STEP,
        minNotional: MIN_NOTIONAL,
        maxEquityFraction: config.strategy.maxEquityFraction,
      },
    });

  // ---- the bar loop -----------------------------------------------------------------------------------------
  const wallStart = performance.now();
  let stoppedBy = 'end_of_data';
  let barsThisRun = 0;
  for (let i = resumeAt; ; i++) {
    if (options.signal?.aborted) {
      stoppedBy = options.stopReason?.() ?? 'aborted';
      break;
    }
    if (config.maxBars !== undefined && barsThisRun >= config.maxBars) {
      stoppedBy = 'max_bars';
      break;
    }
    if (i >= window.length) {
      if (live === undefined) break;
      // Live: wait for the next closed candles (the one forming is never used).
      const lastSeen = window[window.length - 1]?.timestamp ?? from - BAR_MS;
      if (lastSeen + BAR_MS >= to) break;
      const more = await live.next(lastSeen, options.signal, (error) =>
        log.warn({ error: error.message }, 'market data poll failed; polling again'),
      );
      window.push(...more.filter((b) => b.timestamp < to));
      i--;
      continue;
    }
    if (live === undefined && config.speed > 0) {
      const due = wallStart + (barsThisRun * 1000) / config.speed;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    const bar = window[i] as Bar;
    const t0 = performance.now();
    now = bar.timestamp + BAR_MS;
    // 1. The venue sees the bar: orders placed at the previous close fill at this bar's open.
    const fillsBefore = fillCount;
    if (!(i === resumeAt && venueStepDone)) exchange.onBar({ symbol: config.symbol, ...bar });
    await manager.idle();
    if (fillCount > fillsBefore) options.fault?.('venue_fills');
    price = bar.close;
    equity = manager.portfolio.equity(quote, { [config.symbol]: bar.close }).toNumber();
    const barDay = Math.floor(bar.timestamp / DAY_MS);
    if (barDay !== day) {
      day = barDay;
      dayStart = equity;
    }
    peak = Math.max(peak, equity);
    const drawdown = peak > 0 ? 1 - equity / peak : 0;
    maxDrawdown = Math.max(maxDrawdown, drawdown);
    limits.observe(riskSnapshot(await manager.list({ open: true })));
    // 2. Stops on the closed bar, then the model.
    const exits: ExitIntent[] = stops.onBar(config.symbol, {
      openTime: bar.timestamp,
      closeTime: now,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
    });
    const prediction = await stream.update(bar);
    const tPrediction = performance.now();
    predictionLatencyMs.push(tPrediction - t0);
    metrics.predictionLatency.observe((tPrediction - t0) / 1000);
    const direction = prediction?.direction ?? 'none';
    signals[direction] = (signals[direction] ?? 0) + 1;
    metrics.signals.inc({ direction });
    lastSignal = direction;
    if (prediction !== null) {
      recentPredictions.push({
        time: bar.timestamp,
        direction,
        up: prediction.probabilities.up,
        flat: prediction.probabilities.flat,
        down: prediction.probabilities.down,
      });
      if (recentPredictions.length > KEEP) recentPredictions.shift();
    }
    // 3. Decide and place orders (client order ids derive from the bar, so a replayed bar never duplicates).
    const placed: string[] = [];
    const open = await manager.list({ open: true });
    const held = manager.portfolio.position(config.symbol).quantity;
    if (open.length === 0 && held.gt(0) && (exits.length > 0 || direction === 'down')) {
      const order = await manager.create({
        clientOrderId: `pb-${bar.timestamp}-exit`,
        symbol: config.symbol,
        side: 'sell',
        type: 'market',
        quantity: held,
        // Not reduce-only: a restarted paper venue knows balances but not positions, and would refuse it. The
        // quantity is exactly the position held, so the sell can only close it.
      });
      placed.push(order.clientOrderId);
      options.fault?.('order_placed');
    } else if (
      open.length === 0 &&
      held.isZero() &&
      prediction !== null &&
      direction === 'up' &&
      !prediction.spansGap
    ) {
      const size = sizerFor(prediction).size({ equity, price: bar.close });
      if (size.ok) {
        const order = await manager.create({
          clientOrderId: `pb-${bar.timestamp}-entry`,
          symbol: config.symbol,
          side: 'buy',
          type: 'market',
          quantity: size.quantity,
        });
        placed.push(order.clientOrderId);
        options.fault?.('order_placed');
      }
    }
    if (placed.length > 0) {
      const tOrder = performance.now();
      orderLatencyMs.push(tOrder - t0);
      metrics.orderLatency.observe((tOrder - t0) / 1000);
      openViews = await openOrderViews();
    } else if (open.length !== openViews.length) openViews = await openOrderViews();
    // 4. Checkpoint: the journal row marks the bar as processed; audit records of the bar are flushed first.
    await queue.flush();
    const position = manager.portfolio.position(config.symbol).quantity.toNumber();
    const row: JournalBar = {
      ts: bar.timestamp,
      close: bar.close,
      equity,
      position,
      drawdown,
      signal: direction,
      pUp: prediction?.probabilities.up ?? Number.NaN,
      pFlat: prediction?.probabilities.flat ?? Number.NaN,
      pDown: prediction?.probabilities.down ?? Number.NaN,
      orders: placed.join(','),
    };
    journal.record(row);
    processed = i + 1;
    barsThisRun++;
    if (processed % Math.max(1, Math.ceil(window.length / CURVE_POINTS)) === 0)
      curve.push([bar.timestamp, equity]);
    metrics.bars.inc();
    metrics.equity.set(equity);
    metrics.drawdown.set(drawdown);
    metrics.position.set(position);
    options.onBar?.(state());
  }

  // ---- shutdown: flush, final audit record, verify ----------------------------------------------------------
  await manager.idle();
  manager.stop();
  queue.push({
    kind: 'config.changed',
    actor: 'paper-bot',
    payload: {
      key: 'bot.lifecycle',
      before: 'running',
      after: 'stopped',
      reason: stoppedBy,
      barsProcessed: processed,
      equity: String(equity),
    },
  });
  await queue.flush();
  const verification = await audit.verify();
  log.info(
    { stoppedBy, barsProcessed: processed, equity, auditVerified: verification.ok },
    'paper-bot stopped',
  );
  logFile.flushSync();
  logFile.end();
  const orders = await store.list();
  const fills = await store.fills();
  const ordersByStatus: Record<string, number> = {};
  for (const o of orders) ordersByStatus[o.status] = (ordersByStatus[o.status] ?? 0) + 1;
  const position = manager.portfolio.position(config.symbol);
  const firstBar = window[0];
  const lastProcessed = window[Math.max(0, processed - 1)];
  const summary: RunSummary = {
    symbol: config.symbol,
    source:
      live === undefined
        ? config.dataFile === undefined
          ? 'replay of real Binance 1h bars'
          : `replay of ${dataFile}`
        : `live ${config.exchange} 1h candles, orders at the paper venue`,
    period: { from: firstBar?.timestamp ?? from, to: window[window.length - 1]?.timestamp ?? from },
    barsThisRun,
    barsProcessed: processed,
    barsTotal: window.length,
    complete: processed === window.length,
    signals,
    ordersByStatus,
    fills: fills.length,
    fees: fills.reduce((s, f) => s.plus(f.fee), new Decimal(0)).toFixed(2),
    realizedPnl: position.realizedPnl.toFixed(2),
    unrealizedPnl: manager.portfolio.unrealizedPnl(config.symbol, price).toFixed(2),
    equity: manager.portfolio.equity(quote, { [config.symbol]: price }).toFixed(2),
    initialCash: config.initialCash,
    buyAndHoldReturn:
      processed > 0 && firstBar !== undefined && lastProcessed !== undefined
        ? lastProcessed.close / firstBar.open - 1
        : 0,
    maxDrawdown,
    audit: verification.ok
      ? { verified: true, records: verification.count, detail: `head #${verification.head.seq}` }
      : { verified: false, records: verification.count, detail: JSON.stringify(verification) },
    resume,
    predictionLatencyMs,
    orderLatencyMs,
    stoppedBy,
  };
  await audit.close();
  await store.close();
  journal.close();
  await model.release();
  return summary;
}
