import type { Decimal } from 'decimal.js';
import { decimalToFloat } from './float-conversion.js';

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

/**
 * @internal `quantity * price` of the fill is exact at the Decimal precision (the digits of both fit it): then the
 * product divided by the quantity is the price itself, and an average over that one fill needs no division.
 */
export function exactNotional(fill: Priced): boolean {
  return fill.price.sd() + fill.quantity.sd() <= (fill.price.constructor as typeof Decimal).precision;
}

/**
 * @internal True when `have >= quantity * price * factor` (each product rounded to the precision) is certain:
 * from the exponents alone (a positive `have` is at least 10^have.e, and the magnitude of a product of three finite
 * values is below 10^(sum of (exponent + 1)), which rounding can reach but not pass), or from the correctly rounded
 * floats of the four values when `have` exceeds the float product by more than 10^-12 of it (the floats and their
 * two products are within a few 2^-53 of the exact values, the Decimal roundings within 10^-19). False when unsure
 * (or for a non-finite or non-positive value); the caller then multiplies.
 */
export function surelyCovers(have: Decimal, quantity: Decimal, price: Decimal, factor: Decimal): boolean {
  if (have.s !== 1 || have.d === null || have.d[0] === 0) return false;
  if (have.e >= quantity.e + price.e + factor.e + 3) return true;
  const need = decimalToFloat(quantity) * decimalToFloat(price) * decimalToFloat(factor);
  return need > 0 && decimalToFloat(have) > need * (1 + 1e-12);
}
