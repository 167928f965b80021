import type { WallClock } from '../data/live.js';
import type { BotMetrics } from '../server/metrics.js';
import type { BotStores, BotVenue } from './seams.js';
import type { BotState } from './state.js';

/** The places inside a time step where {@link RunOptions.fault} is called. */
export type FaultPoint = 'venue_fills' | 'order_placed';

/** Options of `runPaperBot` besides the configuration. */
export interface RunOptions {
  /** Aborting stops the replay after the current time step (graceful shutdown). */
  readonly signal?: AbortSignal;
  /** Called after every processed time step with the live state. */
  readonly onBar?: (state: BotState) => void;
  /** Called once the stores are open and the run has resumed, with the metrics registry. */
  readonly onStart?: (context: { metrics: BotMetrics; state: () => BotState }) => void;
  /**
   * Fault injection for crash tests: called inside a time step, after the venue step stored fills
   * (`venue_fills`) and after each order reached the venue (`order_placed`), both before the step's checkpoint.
   */
  readonly fault?: (point: FaultPoint) => void;
  /** Why the run stopped early, written into the final audit record (e.g. `SIGTERM`). */
  readonly stopReason?: () => string | undefined;
  /** Live mode (`source: ccxt`): the clock that decides which candles are closed; default the wall clock. */
  readonly wallClock?: WallClock;
  /**
   * Where orders, audit records and the journal are kept; default the SQLite files in `config.stateDir`
   * (`openSqliteStores`). The run owns them and closes them when it ends, also when it fails.
   */
  readonly stores?: BotStores;
  /**
   * Where orders go; default the in-process paper venue (`createPaperVenue`), seeded per start, with balances
   * from the starting cash and the stored fills, and the orders left open handed back. The run closes it.
   */
  readonly venue?: BotVenue;
}
