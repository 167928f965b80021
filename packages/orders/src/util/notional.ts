import type { Decimal } from 'decimal.js';

/** The quantity and price of a fill. */
interface Priced {
  readonly quantity: Decimal;
  readonly price: Decimal;
}

// The last product made by a venue, with the objects it was computed from. One slot, not a map: the order, the
// balances and the position of a fill are updated right after the venue priced it, and a map keyed by fill would
// cost more (in the garbage collector) than the multiplication it saves.
let lastFill: Priced | undefined;
let lastQuantity: Decimal | undefined;
let lastPrice: Decimal | undefined;
let lastNotional: Decimal | undefined;

/**
 * @internal Records `notional` (= `fill.quantity * fill.price`, already computed) for a fill, so that
 * {@link notionalOf} hands it out instead of multiplying again: the venue's fee, the order's average price, the
 * balances and the position of one fill all need the same product.
 */
export function rememberNotional(fill: Priced, notional: Decimal): void {
  lastFill = fill;
  lastQuantity = fill.quantity;
  lastPrice = fill.price;
  lastNotional = notional;
}

/**
 * @internal `fill.quantity * fill.price`: the remembered product when the fill is the last one remembered and still
 * holds the Decimals it was computed from (Decimals are immutable), else computed (the product is exact up to the
 * precision, and the same in either order).
 */
export function notionalOf(fill: Priced): Decimal {
  if (
    fill === lastFill &&
    fill.quantity === lastQuantity &&
    fill.price === lastPrice &&
    lastNotional !== undefined
  ) {
    return lastNotional;
  }
  return fill.quantity.mul(fill.price);
}
