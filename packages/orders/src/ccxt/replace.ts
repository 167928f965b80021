import type { Decimal } from 'decimal.js';
import type { VenueOrderReport } from '../exchange/exchange.js';
import type { Fill } from '../model/types.js';

/**
 * @internal The report of a venue order that replaced part of our order (cancel-and-replace edits, e.g. Binance),
 * expressed for our whole order: `prior` (what filled under the earlier venue orders of the same client order id)
 * is added to the replacement's quantity and filled quantity, and `priorFills` (the earlier venue orders' trades)
 * are listed before the replacement's. The replacement's average fill price says nothing of the earlier fills, so
 * it is dropped when anything filled before: the fills carry the prices.
 */
export function offsetReport(
  report: VenueOrderReport,
  prior: Decimal,
  priorFills: readonly Fill[],
): VenueOrderReport {
  if (prior.isZero() && priorFills.length === 0) return report;
  const { averageFillPrice, ...rest } = report;
  return {
    ...rest,
    quantity: report.quantity.add(prior),
    filledQuantity: report.filledQuantity.add(prior),
    fills: [...priorFills, ...report.fills],
    ...(prior.isZero() && averageFillPrice ? { averageFillPrice } : {}),
  };
}
