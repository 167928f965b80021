import { Decimal } from 'decimal.js';
import type { Fill } from '../model/types.js';
import { type DecimalInput, ZERO } from '../util/decimal.js';
import { add, compare, mul, sub } from '../util/decimal-ops.js';
import { exactNotional, notionalOf } from '../util/notional.js';

/** Net position in one symbol. Quantities are signed: > 0 long, < 0 short. */
export interface Position {
  /** Market symbol. */
  readonly symbol: string;
  /** Signed quantity in base units. */
  readonly quantity: Decimal;
  /** Average entry price of the open quantity (0 when flat). */
  readonly averageEntryPrice: Decimal;
  /** Realized PnL from closed quantity, before fees, in quote currency. */
  readonly grossRealizedPnl: Decimal;
  /** Fees paid in the quote currency (fees in other currencies are not counted here). */
  readonly fees: Decimal;
  /** `grossRealizedPnl - fees`. */
  readonly realizedPnl: Decimal;
}

/** The fields of a fill that positions need. */
export type PositionFill = Pick<Fill, 'symbol' | 'side' | 'quantity' | 'price' | 'fee' | 'feeCurrency'>;

/**
 * A flat position.
 *
 * @param symbol - market symbol
 * @example
 * ```ts
 * import { emptyPosition } from '@rrr/orders';
 *
 * emptyPosition('BTC/USDT').quantity.isZero(); // true
 * ```
 */
export function emptyPosition(symbol: string): Position {
  return {
    symbol,
    quantity: ZERO,
    averageEntryPrice: ZERO,
    grossRealizedPnl: ZERO,
    fees: ZERO,
    realizedPnl: ZERO,
  };
}

/**
 * Applies a fill to a position: adds to it (weighted average entry), reduces it (realizing
 * `(price - entry) * closed` for longs, the opposite for shorts), or flips it (closes all, opens the rest at the
 * fill price). Fees charged in `quoteCurrency` are subtracted from realized PnL.
 *
 * @param position - current position
 * @param fill - the execution
 * @param quoteCurrency - the market's quote currency
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { applyFillToPosition, emptyPosition } from '@rrr/orders';
 *
 * const fill = { symbol: 'BTC/USDT', side: 'buy' as const, quantity: new Decimal(1), price: new Decimal(100), fee: new Decimal(0), feeCurrency: 'USDT' };
 * applyFillToPosition(emptyPosition('BTC/USDT'), fill, 'USDT').averageEntryPrice.toString(); // "100"
 * ```
 */
export function applyFillToPosition(position: Position, fill: PositionFill, quoteCurrency: string): Position {
  const signed = fill.side === 'buy' ? fill.quantity : fill.quantity.neg();
  const qty = position.quantity;
  const fees = fill.feeCurrency === quoteCurrency ? add(position.fees, fill.fee) : position.fees;
  let quantity = add(qty, signed);
  let average = position.averageEntryPrice;
  let gross = position.grossRealizedPnl;
  if (qty.isZero()) {
    // opening from flat: the earlier cost is 0, and 0 + x is x (already rounded by the product); when that product
    // was exact (the digits of price and quantity fit the precision) the quotient is the fill price itself
    average = exactNotional(fill) ? fill.price : notionalOf(fill).div(quantity.abs());
  } else if (qty.isNeg() === signed.isNeg()) {
    average = position.averageEntryPrice.mul(qty.abs()).add(notionalOf(fill)).div(quantity.abs());
  } else {
    const held = qty.abs();
    // the smaller of the two as it is (`Decimal.min` returns a copy of the same value)
    const closed = compare(held, fill.quantity) <= 0 ? held : fill.quantity;
    const perUnit = sub(fill.price, position.averageEntryPrice);
    gross = add(gross, qty.isNeg() ? mul(perUnit.neg(), closed) : mul(perUnit, closed));
    if (quantity.isZero()) {
      average = ZERO;
      quantity = ZERO;
    } else if (quantity.isNeg() !== qty.isNeg()) {
      average = fill.price;
    }
  }
  return {
    symbol: position.symbol,
    quantity,
    averageEntryPrice: average,
    grossRealizedPnl: gross,
    fees,
    realizedPnl: sub(gross, fees),
  };
}

/**
 * Unrealized PnL of a position at a mark price: `(mark - averageEntry) * quantity` (negative quantity for shorts).
 *
 * @param position - the position
 * @param mark - mark price
 * @example
 * ```ts
 * import { emptyPosition, unrealizedPnl } from '@rrr/orders';
 *
 * unrealizedPnl(emptyPosition('BTC/USDT'), 100).toString(); // "0"
 * ```
 */
export function unrealizedPnl(position: Position, mark: DecimalInput): Decimal {
  if (position.quantity.isZero()) return ZERO;
  return new Decimal(mark).sub(position.averageEntryPrice).mul(position.quantity);
}
