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
  /**
   * Orders held as acknowledged (`new`, `partially_filled`, `pending_cancel`, `pending_replace`) that the venue
   * reports as `rejected`: the venue never (or no longer) accepted them, so they were closed as `canceled` with
   * the venue's `reasonCode`/`reason` (the lifecycle has no `new -> rejected`).
   */
  readonly rejectedByVenue: readonly VenueRejection[];
  /** Orders open at the venue that this store does not know. */
  readonly untracked: readonly VenueOrderReport[];
}

/** An acknowledged order the venue reported as rejected, closed as `canceled` by reconciliation. */
export interface VenueRejection {
  /** Client order id. */
  readonly clientOrderId: string;
  /** Status the store held before. */
  readonly from: OrderStatus;
  /** The venue's machine-readable reason, when it gave one. */
  readonly reasonCode?: string;
  /** The venue's human-readable reason, when it gave one. */
  readonly reason?: string;
}
