import { SMA } from '@rrr/indicators';
import { bracket, param, type StrategyDefinition, type StrategyIntent } from './types.js';

const NONE: readonly StrategyIntent[] = [];

/**
 * SMA crossover: enter long when the fast SMA of closes crosses above the slow SMA (it was at or below on the
 * previous bar, strictly above on this one); exit when it crosses back below.
 */
export const smaCross: StrategyDefinition = {
  name: 'sma-cross',
  description: 'long when SMA(fast) crosses above SMA(slow), flat when it crosses below',
  defaults: { fast: 10, slow: 30, stopLossPct: 0, takeProfitPct: 0 },
  create(params) {
    const fastPeriod = param(params, 'fast');
    const slowPeriod = param(params, 'slow');
    if (fastPeriod >= slowPeriod) throw new Error(`fast (${fastPeriod}) must be below slow (${slowPeriod})`);
    const fast = new SMA(fastPeriod);
    const slow = new SMA(slowPeriod);
    const enter: readonly StrategyIntent[] = [{ action: 'enter_long', ...bracket(params) }];
    const exit: readonly StrategyIntent[] = [{ action: 'exit' }];
    let prevDiff = Number.NaN;
    return {
      onBar(ctx) {
        const f = fast.update(ctx.close);
        const s = slow.update(ctx.close);
        if (f === null || s === null) return NONE;
        const diff = f - s;
        const before = prevDiff;
        prevDiff = diff;
        if (Number.isNaN(before) || ctx.pending) return NONE;
        if (before <= 0 && diff > 0 && ctx.position === 0) return enter;
        if (before >= 0 && diff < 0 && ctx.position > 0) return exit;
        return NONE;
      },
    };
  },
};
