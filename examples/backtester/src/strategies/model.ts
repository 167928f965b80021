import type { ModelSignals } from '../model/signals.js';
import { CALLS, type StreamSignals } from '../model/stream-signals.js';
import { param, type StrategyDefinition, type StrategyIntent } from './types.js';

const NONE: readonly StrategyIntent[] = [];

/** CLI name of the model strategy. */
export const MODEL_STRATEGY = 'model';

/** Default parameters of the model strategy (the paper bot's defaults). */
export const MODEL_DEFAULTS: Readonly<Record<string, number>> = {
  minConfidence: 0.45,
  stopLossPct: 0.02,
  takeProfitPct: 0.03,
  maxHoldBars: 24,
};

/** The model's call at one bar: the most probable class, or `hold` below `minConfidence`. */
export function directionAt(
  signals: ModelSignals,
  index: number,
  minConfidence: number,
): 'up' | 'flat' | 'down' | 'hold' | 'none' {
  const up = signals.up[index] ?? Number.NaN;
  const flat = signals.flat[index] ?? Number.NaN;
  const down = signals.down[index] ?? Number.NaN;
  if (Number.isNaN(up)) return 'none';
  // Ties go to the earlier class in the card order (down, flat, up).
  let best: 'down' | 'flat' | 'up' = 'down';
  let top = down;
  if (flat > top) {
    best = 'flat';
    top = flat;
  }
  if (up > top) {
    best = 'up';
    top = up;
  }
  return top >= minConfidence ? best : 'hold';
}

/**
 * The shipped transformer as a strategy (the paper bot's rules): enter long when the model calls `up` with at
 * least `minConfidence` on the closed bar, with a bracket at `stopLossPct` / `takeProfitPct`; exit at market
 * when it calls `down` or after `maxHoldBars` bars in the position. Each entry is sized by fractional Kelly
 * from the model's probabilities (@rrr/risk `kellyFromWinLoss`): win probability P(up), loss probability
 * P(down) (flat = scratch), and the payoff assumption avgWin = `takeProfitPct`, avgLoss = `stopLossPct`.
 *
 * @param signals - the model's probabilities per symbol, computed before the run (see `modelSignals`)
 */
export function modelStrategy(signals: ReadonlyMap<string, ModelSignals>): StrategyDefinition {
  return {
    name: MODEL_STRATEGY,
    description: 'shipped BTC/USDT 1h transformer: long on `up`, flat on `down` or time stop; Kelly sizing',
    defaults: MODEL_DEFAULTS,
    create(params, symbol) {
      const own = signals.get(symbol);
      if (!own) throw new Error(`model strategy: no model signals for ${symbol}`);
      const minConfidence = param(params, 'minConfidence');
      const stopLossPct = param(params, 'stopLossPct');
      const takeProfitPct = param(params, 'takeProfitPct');
      const maxHoldBars = param(params, 'maxHoldBars');
      if (!(stopLossPct > 0 && stopLossPct < 1) || !(takeProfitPct > 0)) {
        throw new Error(
          `model strategy: stopLossPct (${stopLossPct}) must be in (0, 1) and takeProfitPct (${takeProfitPct}) > 0; they are the Kelly payoff`,
        );
      }
      const exit: readonly StrategyIntent[] = [{ action: 'exit' }];
      let held = 0;
      return {
        onBar(ctx) {
          if (own.time[ctx.index] !== ctx.time) {
            throw new Error(
              `model strategy: bar ${ctx.index} of ${symbol} is at ${ctx.time}, the signals at ${own.time[ctx.index]}`,
            );
          }
          held = ctx.position > 0 ? held + 1 : 0;
          if (ctx.pending) return NONE;
          const direction = directionAt(own, ctx.index, minConfidence);
          if (ctx.position > 0) return direction === 'down' || held >= maxHoldBars ? exit : NONE;
          if (direction !== 'up') return NONE;
          return [
            {
              action: 'enter_long',
              stopLossPct,
              takeProfitPct,
              kelly: {
                winRate: own.up[ctx.index] ?? 0,
                lossRate: own.down[ctx.index] ?? 0,
                avgWin: takeProfitPct,
                avgLoss: stopLossPct,
              },
            },
          ];
        },
      };
    },
  };
}

/**
 * The shipped transformer under the paper bot's rules (`--rules paper-bot`), on signals computed bar by bar
 * with `DirectionStream` (`streamSignals`): flat and an `up` call whose window spans no gap → enter long,
 * sized by fractional Kelly from P(up) / P(down) with the payoff `takeProfitPct` / `stopLossPct`, with exits
 * at `stopLossPct` / `takeProfitPct` / `maxHoldBars` managed by the engine's `StopManager`; long and a `down`
 * call → exit at market. No decision while an order is working.
 *
 * @param signals - the stream's predictions per symbol, computed before the run
 * @example
 * ```ts
 * import { paperBotModelStrategy, type StreamSignals } from '@rrr/example-backtester';
 *
 * declare const signals: Map<string, StreamSignals>;
 * const definition = paperBotModelStrategy(signals);
 * ```
 */
export function paperBotModelStrategy(signals: ReadonlyMap<string, StreamSignals>): StrategyDefinition {
  return {
    name: MODEL_STRATEGY,
    description:
      'shipped BTC/USDT 1h transformer, the paper bot rules: long on `up`, flat on `down` or a stop',
    defaults: MODEL_DEFAULTS,
    create(params, symbol) {
      const own = signals.get(symbol);
      if (!own) throw new Error(`model strategy: no model signals for ${symbol}`);
      const stopLossPct = param(params, 'stopLossPct');
      const takeProfitPct = param(params, 'takeProfitPct');
      const maxHoldBars = param(params, 'maxHoldBars');
      const exit: readonly StrategyIntent[] = [{ action: 'exit' }];
      return {
        onBar(ctx) {
          if (own.time[ctx.index] !== ctx.time) {
            throw new Error(
              `model strategy: bar ${ctx.index} of ${symbol} is at ${ctx.time}, the signals at ${own.time[ctx.index]}`,
            );
          }
          if (ctx.pending) return NONE;
          const call = CALLS[own.call[ctx.index] ?? 0];
          if (ctx.position > 0) return call === 'down' ? exit : NONE;
          if (call !== 'up' || own.spansGap[ctx.index] === 1) return NONE;
          return [
            {
              action: 'enter_long',
              stopLossPct,
              takeProfitPct,
              maxHoldBars,
              kelly: {
                winRate: own.up[ctx.index] ?? 0,
                lossRate: own.down[ctx.index] ?? 0,
                avgWin: takeProfitPct,
                avgLoss: stopLossPct,
              },
            },
          ];
        },
      };
    },
  };
}
