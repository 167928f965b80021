import { createHash } from 'node:crypto';
import type { DirectionModel } from '@rrr/models';
import type { Fill, Order, OrderManager } from '@rrr/orders';
import type { Redactor } from '@rrr/secrets';
import type { Logger } from 'pino';
import type { PaperBotConfig } from '../config/schema.js';
import type { MarketFeed } from '../data/feed.js';
import { type AuditQueue, recoveredAuditEvents } from './audit-bridge.js';
import type { RunServices } from './infra.js';
import type { LoopOutcome } from './loop.js';
import type { ResumePoint } from './resume.js';
import type { BotStores, BotVenue } from './seams.js';
import type { MarketSetup } from './setup.js';
import type { StepContext } from './step.js';
import { buildSummary, type ResumeInfo, type RunSummary } from './summary.js';
import type { SymbolTrader } from './trader.js';

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

/** What {@link startRun} needs. */
export interface StartInputs {
  readonly config: PaperBotConfig;
  readonly manager: OrderManager;
  readonly stores: BotStores;
  readonly queue: AuditQueue;
  readonly model: DirectionModel;
  readonly feed: MarketFeed;
  readonly traders: ReadonlyMap<string, SymbolTrader>;
  readonly storedFills: readonly Fill[];
  readonly reopened: readonly Order[];
  readonly resume: ResumePoint;
  readonly venueStepDone: boolean;
  readonly redactor: Redactor;
  readonly now: number;
  readonly log: Logger;
  /** Where orders go, as the audit records name it. */
  readonly venue: string;
}

/**
 * Starts the OrderManager (reconciling the orders left open with the venue), puts stops back on the positions
 * held, appends the audit records a crash may have cut off (idempotent) and the run manifest.
 *
 * @param input - the run's parts
 * @returns what resuming found
 */
export async function startRun(input: StartInputs): Promise<ResumeInfo> {
  const { config, manager, queue, resume, storedFills, reopened } = input;
  const report = await manager.start();
  for (const trader of input.traders.values())
    trader.recover(manager.portfolio.position(trader.symbol), storedFills, input.now);
  const info: ResumeInfo = {
    skippedBars: resume.resumeAt,
    reopenedOrders: reopened.length,
    replayedFills: storedFills.length,
    venueStepDone: input.venueStepDone,
    reconciliation: {
      checked: report.checked,
      resubmitted: report.resubmitted.length,
      resolvedUnknown: report.resolvedUnknown.length,
    },
  };
  if (storedFills.length > 0 || reopened.length > 0 || resume.history.length > 0) {
    for (const event of recoveredAuditEvents(await input.stores.orders.list(), storedFills, input.venue))
      queue.push(event);
  }
  const configJson = JSON.stringify(input.redactor.redactValue(config));
  const card = input.model.card;
  queue.push({
    kind: 'run.manifest',
    actor: 'paper-bot',
    payload: {
      codeVersion: `@rrr/example-paper-bot 0.0.0; model ${card.name}@${card.version}`,
      configHash: sha256(configJson),
      dataHash: input.feed.dataHash,
      seeds: [config.seed],
      modelSha256: card.model.sha256,
      config: JSON.parse(configJson) as Record<string, never>,
      resumedAtBar: resume.resumeAt,
      resume: { ...info },
    },
  });
  await queue.flush();
  input.log.info(
    { resume: info, stores: input.stores.location, config: JSON.parse(configJson) as unknown },
    'paper-bot started',
  );
  return info;
}

/** What {@link finishRun} needs. */
export interface FinishInputs {
  readonly config: PaperBotConfig;
  readonly stores: BotStores;
  readonly services: RunServices;
  readonly market: MarketSetup;
  readonly venue: BotVenue;
  readonly ctx: StepContext;
  readonly outcome: LoopOutcome;
  readonly resume: ResumeInfo;
}

/**
 * Graceful end of a run: waits for the venue events in flight, writes the final audit record, verifies the audit
 * chain, flushes the log, and builds the summary. The caller closes the stores.
 *
 * @param input - the run's parts
 * @returns the summary
 */
export async function finishRun(input: FinishInputs): Promise<RunSummary> {
  const { ctx, config, outcome, market } = input;
  const { queue, log, logFile, audit } = input.services;
  const processed = ctx.live.processed;
  await ctx.manager.idle();
  ctx.manager.stop();
  queue.push({
    kind: 'config.changed',
    actor: 'paper-bot',
    payload: {
      key: 'bot.lifecycle',
      before: 'running',
      after: 'stopped',
      reason: outcome.stoppedBy,
      barsProcessed: processed,
      equity: String(ctx.equity.equity),
    },
  });
  await queue.flush();
  const verification = await audit.verify();
  log.info(
    {
      stoppedBy: outcome.stoppedBy,
      barsProcessed: processed,
      equity: ctx.equity.equity,
      auditVerified: verification.ok,
    },
    'paper-bot stopped',
  );
  logFile.flushSync();
  logFile.end();
  const venueLabel =
    input.venue.kind === 'paper'
      ? market.feed.kind === 'live'
        ? ', orders at the paper venue'
        : ''
      : `, orders at the ${config.exchange} sandbox`;
  return buildSummary(
    {
      symbols: config.symbols,
      quote: ctx.quote,
      source: `${market.feed.label}${venueLabel}`,
      stores: input.stores.location,
      steps: market.window.steps,
      from: market.window.from,
      processed,
      barsThisRun: outcome.barsThisRun,
      signals: ctx.signals,
      portfolio: ctx.manager.portfolio,
      prices: ctx.prices,
      initialCash: config.initialCash,
      maxDrawdown: ctx.equity.maxDrawdown,
      audit: verification.ok
        ? { verified: true, records: verification.count, detail: `head #${verification.head.seq}` }
        : { verified: false, records: verification.count, detail: JSON.stringify(verification) },
      resume: input.resume,
      predictionLatencyMs: ctx.predictionLatencyMs,
      orderLatencyMs: ctx.orderLatencyMs,
      stoppedBy: outcome.stoppedBy,
    },
    await input.stores.orders.list(),
    await input.stores.orders.fills(),
  );
}
