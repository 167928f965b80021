import type { VenueOrderReport } from '../exchange/exchange.js';
import type { OrderStatus } from '../model/types.js';

/** What reconciliation with the venue changed. */
export interface ReconciliationReport {
  /** Open orders reloaded from the store and checked. */
  readonly checked: number;
  /** Fills found at the venue that were not yet applied. */
  readonly fillsApplied: number;
  /** Status changes made, in order. */
  readonly statusChanges: readonly { clientOrderId: string; from: OrderStatus; to: OrderStatus }[];
  /** `pending_new` orders the venue never received, submitted now (same client order id). */
  readonly resubmitted: readonly string[];
  /** Orders the venue does not know that were resolved locally (canceled or rejected). */
  readonly resolvedUnknown: readonly string[];
  /** Orders open at the venue that this store does not know. */
  readonly untracked: readonly VenueOrderReport[];
}
