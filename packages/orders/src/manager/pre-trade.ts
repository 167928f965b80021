import type { OrderIntent } from '../model/intent.js';
import type { Order } from '../model/types.js';
import type { PortfolioSnapshot } from '../position/portfolio.js';

/** A pre-trade decision: a value, not an exception. */
export type PreTradeDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: string; readonly reason: string };

/** What a pre-trade check sees besides the intent. */
export interface PreTradeSnapshot {
  /** Balances and positions. */
  readonly portfolio: PortfolioSnapshot;
  /** Orders still open. */
  readonly openOrders: readonly Order[];
  /** Current time, ms UTC. */
  readonly now: number;
}

/**
 * A pre-trade check (e.g. from a risk library): refusing turns the intent into a `denied` order with the
 * decision's code and reason; the venue is never called.
 */
export type PreTradeCheck = (
  intent: OrderIntent,
  snapshot: PreTradeSnapshot,
) => PreTradeDecision | Promise<PreTradeDecision>;
