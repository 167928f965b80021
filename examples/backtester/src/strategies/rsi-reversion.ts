import { RSI } from '@rrr/indicators';
import { bracket, param, type StrategyDefinition, type StrategyIntent } from './types.js';

const NONE: readonly StrategyIntent[] = [];

/** RSI mean reversion: enter long when RSI(period) closes below `lower`, exit when it closes above `exit`. */
export const rsiReversion: StrategyDefinition = {
  name: 'rsi-reversion',
  description: 'long when RSI < lower, flat when RSI > exit',
  defaults: { period: 14, lower: 30, exit: 55, stopLossPct: 0.05, takeProfitPct: 0 },
  create(params) {
    const rsi = new RSI(param(params, 'period'));
    const lower = param(params, 'lower');
    const exitLevel = param(params, 'exit');
    const enter: readonly StrategyIntent[] = [{ action: 'enter_long', ...bracket(params) }];
    const exit: readonly StrategyIntent[] = [{ action: 'exit' }];
    return {
      onBar(ctx) {
        const r = rsi.update(ctx.close);
        if (r === null || ctx.pending) return NONE;
        if (ctx.position === 0 && r < lower) return enter;
        if (ctx.position > 0 && r > exitLevel) return exit;
        return NONE;
      },
    };
  },
};
