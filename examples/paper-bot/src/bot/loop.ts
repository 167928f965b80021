import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { PaperBotConfig } from '../config/schema.js';
import { BAR_MS } from '../data/feed.js';
import type { RunOptions } from './options.js';
import type { MarketSetup } from './setup.js';
import { processStep, type StepContext } from './step.js';

/** How the step loop ended. */
export interface LoopOutcome {
  /** `end_of_data`, `max_bars`, or the stop reason (e.g. `SIGTERM`). */
  readonly stoppedBy: string;
  /** Time steps processed by this run. */
  readonly barsThisRun: number;
}

/** Milliseconds to wait before the next replayed step at `speed` steps per second (0: none). */
function replayDelay(speed: number, wallStart: number, stepsDone: number): number {
  if (speed <= 0) return 0;
  return wallStart + (stepsDone * 1000) / speed - performance.now();
}

/**
 * Processes the time steps from `resumeAt` until the data ends (replay), the window's end (live), `maxBars`, or
 * the abort signal (checked between steps: a step always completes). Live mode waits for newly closed candles.
 *
 * @param ctx - the run's parts
 * @param config - configuration (speed, maxBars)
 * @param market - feed and window (the window's steps grow in live mode)
 * @param start - index of the first step, and whether its venue step already happened before a crash
 * @param options - abort signal, stop reason, per-step callback
 * @param log - for market data failures
 * @returns why the loop stopped and how many steps it processed
 */
export async function runSteps(
  ctx: StepContext,
  config: PaperBotConfig,
  market: MarketSetup,
  start: { readonly index: number; readonly venueStepDone: boolean },
  options: RunOptions,
  log: Logger,
): Promise<LoopOutcome> {
  const { feed, window } = market;
  const { steps } = window;
  const wallStart = performance.now();
  let barsThisRun = 0;
  for (let i = start.index; ; i++) {
    if (options.signal?.aborted) return { stoppedBy: options.stopReason?.() ?? 'aborted', barsThisRun };
    if (config.maxBars !== undefined && barsThisRun >= config.maxBars)
      return { stoppedBy: 'max_bars', barsThisRun };
    const step = steps[i];
    if (step === undefined) {
      if (feed.next === undefined) return { stoppedBy: 'end_of_data', barsThisRun };
      // Live: wait for the next closed candles (the one forming is never used).
      const lastSeen = steps[steps.length - 1]?.ts ?? window.from - BAR_MS;
      if (lastSeen + BAR_MS >= window.to) return { stoppedBy: 'end_of_data', barsThisRun };
      const more = await feed.next(lastSeen, options.signal, (error) =>
        log.warn({ error: error.message }, 'market data poll failed; polling again'),
      );
      steps.push(...more.filter((s) => s.ts < window.to));
      i--;
      continue;
    }
    if (feed.next === undefined) {
      const wait = replayDelay(config.speed, wallStart, barsThisRun);
      if (wait > 0) await sleep(wait);
    }
    await processStep(ctx, step, i === start.index && start.venueStepDone);
    barsThisRun++;
    options.onBar?.(ctx.live.state());
  }
}
