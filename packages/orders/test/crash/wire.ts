import { Decimal } from 'decimal.js';
import type { VenueOrderReport } from '../../src/exchange/exchange.js';
import type { Fill, Order } from '../../src/model/types.js';

/** JSON form of orders and reports for the crash test's HTTP venue (decimals travel as strings). */
export type Wire = Record<string, unknown>;

const ORDER_DECIMALS = [
  'quantity',
  'price',
  'stopPrice',
  'filledQuantity',
  'averageFillPrice',
  'fees',
] as const;
const FILL_DECIMALS = ['quantity', 'price', 'fee'] as const;

function revive<T>(raw: Wire, keys: readonly string[]): T {
  const out: Wire = { ...raw };
  for (const k of keys) if (typeof out[k] === 'string') out[k] = new Decimal(out[k] as string);
  return out as T;
}

export function orderFromWire(raw: Wire): Order {
  return revive<Order>(raw, ORDER_DECIMALS);
}

export function reportFromWire(raw: Wire): VenueOrderReport {
  const fills = ((raw['fills'] as Wire[] | undefined) ?? []).map((f) => revive<Fill>(f, FILL_DECIMALS));
  return {
    ...revive<VenueOrderReport>(raw, ['filledQuantity', 'quantity', 'price', 'averageFillPrice']),
    fills,
  };
}
