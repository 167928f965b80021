import type { Bar } from '@rrr/indicators';

/** The closed bars of every symbol that share one open time. */
export interface TimeStep {
  /** Bar open time, ms UTC. */
  readonly ts: number;
  /** The bar of each symbol with a bar at `ts`, in the order of the traded symbols. */
  readonly bars: ReadonlyMap<string, Bar>;
}

/**
 * Merges the bars of several symbols into time steps: the union of their open times, in time order; a symbol
 * without a bar at a time (gap, or outside its data) is absent from that step.
 *
 * @param series - bars per symbol, each in time order; the map's order is the order of the symbols in a step
 * @returns the steps, oldest first
 * @example
 * ```ts
 * import { mergeTimeline } from '@rrr/example-paper-bot';
 *
 * const bar = (timestamp: number) => ({ timestamp, open: 1, high: 1, low: 1, close: 1, volume: 1 });
 * const steps = mergeTimeline(new Map([['ETH/USDT', [bar(0), bar(2)]], ['SOL/USDT', [bar(1), bar(2)]]]));
 * steps.map((s) => [s.ts, [...s.bars.keys()]]); // [[0, ['ETH/USDT']], [1, ['SOL/USDT']], [2, ['ETH/USDT', 'SOL/USDT']]]
 * ```
 */
export function mergeTimeline(series: ReadonlyMap<string, readonly Bar[]>): TimeStep[] {
  const times = new Set<number>();
  for (const bars of series.values()) for (const bar of bars) times.add(bar.timestamp);
  const sorted = [...times].sort((a, b) => a - b);
  const cursors = [...series].map(([symbol, bars]) => ({ symbol, bars, i: 0 }));
  return sorted.map((ts) => {
    const bars = new Map<string, Bar>();
    for (const c of cursors) {
      const bar = c.bars[c.i];
      if (bar !== undefined && bar.timestamp === ts) {
        bars.set(c.symbol, bar);
        c.i++;
      }
    }
    return { ts, bars };
  });
}
