import { loadBundledModel } from '@rrr/models';
import type { PaperBotConfig } from '../config/schema.js';
import { BAR_MS } from '../data/feed.js';
import { assembleRun } from './assemble.js';
import { openServices } from './infra.js';
import { finishRun, startRun } from './lifecycle.js';
import { runSteps } from './loop.js';
import type { RunOptions } from './options.js';
import { resumePoint } from './resume.js';
import { openMarket } from './setup.js';
import { openSqliteStores } from './sqlite-stores.js';
import type { RunSummary } from './summary.js';

export type { FaultPoint, RunOptions } from './options.js';
export type { ResumeInfo, RunSummary, SymbolSummary } from './summary.js';
export { BAR_MS };

/**
 * Runs the paper bot: replays (or polls live) the bars of every configured symbol through features + model, Kelly
 * sizing, risk limits and stops, the OrderManager and the venue, with the order store, audit log and journal of
 * `options.stores` (default: SQLite files in `config.stateDir`). A second call on the same stores resumes where
 * the first stopped. The run owns the stores and the venue and closes them when it ends, also when it fails.
 *
 * @param config - validated configuration (see `loadConfig`)
 * @param options - stores, venue, abort signal and callbacks
 * @returns the run summary
 * @example
 * ```ts
 * import { loadConfig, runPaperBot } from '@rrr/example-paper-bot';
 *
 * const summary = await runPaperBot(loadConfig({ overrides: { maxBars: 100, status: 'off' } }));
 * console.log(summary.equity, summary.fills);
 * ```
 */
export async function runPaperBot(config: PaperBotConfig, options: RunOptions = {}): Promise<RunSummary> {
  const stores = options.stores ?? openSqliteStores(config.stateDir, config.symbols[0]);
  // Released in reverse order when the run ends, also when it fails.
  const closers: (() => Promise<void>)[] = [
    () => stores.audit.close(),
    () => stores.journal.close(),
    () => stores.orders.close(),
  ];
  if (options.venue !== undefined) closers.push(() => (options.venue as { close(): Promise<void> }).close());
  try {
    const model = await loadBundledModel({ session: { intraOpThreads: 1 } });
    closers.push(() => model.release());
    const market = await openMarket(config, model, stores.journal, options.wallClock);
    const resume = resumePoint(market.history, market.window.steps, config.symbols);
    const services = openServices(config, stores.audit);
    closers[0] = () => services.audit.close();
    const run = await assembleRun({
      config,
      model,
      stores,
      services,
      market,
      resume,
      venue: options.venue,
      fault: options.fault,
    });
    if (options.venue === undefined) closers.push(() => run.venue.close());
    const resumeInfo = await startRun({
      config,
      manager: run.ctx.manager,
      stores,
      queue: services.queue,
      model,
      feed: market.feed,
      traders: run.ctx.traders,
      storedFills: run.storedFills,
      reopened: run.reopened,
      resume,
      venueStepDone: run.venueStepDone,
      redactor: services.redactor,
      now: run.ctx.clock.now,
      log: services.log,
      venue: run.venue.kind === 'paper' ? 'paper' : run.venue.exchange.id,
    });
    run.ctx.openOrders.reset(await run.ctx.manager.list({ open: true }));
    run.ctx.live.setOpenOrders(run.ctx.openOrders.list());
    options.onStart?.({ metrics: services.metrics, state: () => run.ctx.live.state() });
    const outcome = await runSteps(
      run.ctx,
      config,
      market,
      { index: resume.resumeAt, venueStepDone: run.venueStepDone },
      options,
      services.log,
    );
    return await finishRun({
      config,
      stores,
      services,
      market,
      venue: run.venue,
      ctx: run.ctx,
      outcome,
      resume: resumeInfo,
    });
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
