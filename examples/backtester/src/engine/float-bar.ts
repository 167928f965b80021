import type { BarInput } from '@rrr/orders';

/**
 * A bar with number prices, refilled for every bar fed to the venue. A class of its own: object literals with the
 * same keys share one hidden class, and once a string is stored in one of its fields (a bar fed as text), every
 * number stored there afterwards is boxed; this class's fields only ever hold numbers, stored unboxed.
 *
 * @example
 * ```ts
 * import { FloatBar } from './float-bar.js';
 *
 * const bar = new FloatBar();
 * bar.symbol = 'BTC/USDT';
 * bar.close = 42_000.5;
 * ```
 */
export class FloatBar implements BarInput {
  /** Market symbol. */
  symbol = '';
  /** Bar open time, ms UTC. */
  timestamp = 0;
  /** Open price. */
  open = 0;
  /** High price. */
  high = 0;
  /** Low price. */
  low = 0;
  /** Close price. */
  close = 0;
  /** Volume in base units. */
  volume = 0;
}
