import { donchianBreakout } from './donchian-breakout.js';
import { rsiReversion } from './rsi-reversion.js';
import { smaCross } from './sma-cross.js';
import type { StrategyDefinition } from './types.js';

/** Every built-in strategy by CLI name. */
export const STRATEGIES: Readonly<Record<string, StrategyDefinition>> = {
  [smaCross.name]: smaCross,
  [rsiReversion.name]: rsiReversion,
  [donchianBreakout.name]: donchianBreakout,
};

/** Looks a strategy up by name or throws listing the known names. */
export function strategyByName(name: string): StrategyDefinition {
  const found = STRATEGIES[name];
  if (!found && name === 'model') {
    throw new Error(
      'the "model" strategy needs the model\'s predictions computed before the run: use backtestModel() or runModelFiles()',
    );
  }
  if (!found) throw new Error(`unknown strategy "${name}" (known: ${Object.keys(STRATEGIES).join(', ')})`);
  return found;
}
