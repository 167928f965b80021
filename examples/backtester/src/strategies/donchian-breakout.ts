import { Donchian } from '@rrr/indicators';
import { bracket, param, type StrategyDefinition, type StrategyIntent } from './types.js';

const NONE: readonly StrategyIntent[] = [];

/**
 * Donchian breakout: enter long when the close is above the highest high of the previous `entry` bars, exit
 * when it is below the lowest low of the previous `exit` bars (channels exclude the current bar).
 */
export const donchianBreakout: StrategyDefinition = {
  name: 'donchian',
  description: 'long on a close above the prior N-bar high, flat on a close below the prior M-bar low',
  defaults: { entry: 20, exit: 10, stopLossPct: 0.04, takeProfitPct: 0.08 },
  create(params) {
    const entry = new Donchian(param(params, 'entry'));
    const exitChannel = new Donchian(param(params, 'exit'));
    const enter: readonly StrategyIntent[] = [{ action: 'enter_long', ...bracket(params) }];
    const exit: readonly StrategyIntent[] = [{ action: 'exit' }];
    let upper = Number.NaN;
    let lower = Number.NaN;
    return {
      onBar(ctx) {
        const prevUpper = upper;
        const prevLower = lower;
        upper = entry.update({ high: ctx.high, low: ctx.low })?.upper ?? Number.NaN;
        lower = exitChannel.update({ high: ctx.high, low: ctx.low })?.lower ?? Number.NaN;
        if (ctx.pending) return NONE;
        if (ctx.position === 0 && ctx.close > prevUpper) return enter;
        if (ctx.position > 0 && ctx.close < prevLower) return exit;
        return NONE;
      },
    };
  },
};
