import { Decimal } from 'decimal.js';
import { type DecimalInput, toDecimal } from '../core/decimal.js';
import { InvalidParameterError } from '../errors.js';

/**
 * A position valued for exposure: signed quantity and price.
 *
 * @example
 * ```ts
 * import type { ValuedPosition } from '@rrr/risk';
 *
 * const perp: ValuedPosition = { symbol: 'BTC-PERP', quantity: '-0.5', price: '64010', asset: 'BTC' };
 * ```
 */
export interface ValuedPosition {
  /** Instrument symbol, e.g. `"BTC/USDT"` or `"BTC/USDT:USDT"`. */
  readonly symbol: string;
  /** Signed quantity (positive long, negative short). */
  readonly quantity: DecimalInput;
  /** Price (mark or last) in quote currency, > 0. */
  readonly price: DecimalInput;
  /** Underlying asset; default derived from the symbol by `assetOf`. */
  readonly asset?: string;
}

/**
 * Exposure to one asset, in quote currency.
 *
 * @example
 * ```ts
 * import { type AssetExposure, exposureByAsset } from '@rrr/risk';
 *
 * const rows: AssetExposure[] = exposureByAsset([{ symbol: 'ETH/USDT', quantity: '-2', price: '3000' }], 20000);
 * rows[0]?.netFraction?.toString(); // "-0.3"
 * ```
 */
export interface AssetExposure {
  /** Asset code. */
  readonly asset: string;
  /** Sum of long values. */
  readonly long: Decimal;
  /** Sum of short values (as a positive amount). */
  readonly short: Decimal;
  /** long - short. */
  readonly net: Decimal;
  /** long + short. */
  readonly gross: Decimal;
  /** net / equity (null when equity is not given or not positive). */
  readonly netFraction: Decimal | null;
}

/**
 * Default asset of a symbol: the part before the first `/`, `:` or `-` (`"BTC/USDT"` → `"BTC"`), else the symbol.
 *
 * @param symbol - instrument symbol
 * @example
 * ```ts
 * import { defaultAssetOf } from '@rrr/risk';
 *
 * defaultAssetOf('ETH/USDT:USDT'); // "ETH"
 * ```
 */
export function defaultAssetOf(symbol: string): string {
  const match = /^[^/:-]+/.exec(symbol);
  return match ? match[0] : symbol;
}

/**
 * Aggregates positions into exposure per underlying asset (Decimal), sorted by gross exposure descending.
 *
 * @param positions - valued positions
 * @param equity - account equity for `netFraction`; optional
 * @param assetOf - maps a symbol to its asset; default {@link defaultAssetOf}
 * @example
 * ```ts
 * import { exposureByAsset } from '@rrr/risk';
 *
 * const rows = exposureByAsset(
 *   [
 *     { symbol: 'BTC/USDT', quantity: '0.5', price: 60000 },
 *     { symbol: 'BTC/USDT:USDT', quantity: '-0.2', price: 60010 },
 *   ],
 *   100000,
 * );
 * rows[0]?.net.toString(); // "17998"
 * ```
 */
export function exposureByAsset(
  positions: readonly ValuedPosition[],
  equity?: DecimalInput,
  assetOf: (symbol: string) => string = defaultAssetOf,
): AssetExposure[] {
  const eq = equity === undefined ? null : toDecimal(equity, 'equity');
  const acc = new Map<string, { long: Decimal; short: Decimal }>();
  positions.forEach((p, i) => {
    const qty = toDecimal(p.quantity, `positions[${i}].quantity`);
    const price = toDecimal(p.price, `positions[${i}].price`);
    if (!price.gt(0)) {
      throw new InvalidParameterError(
        `positions[${i}].price`,
        `positions[${i}].price must be > 0 (got ${price})`,
      );
    }
    const asset = p.asset ?? assetOf(p.symbol);
    const row = acc.get(asset) ?? { long: new Decimal(0), short: new Decimal(0) };
    const value = qty.times(price);
    if (value.gt(0)) row.long = row.long.plus(value);
    else row.short = row.short.minus(value);
    acc.set(asset, row);
  });
  return [...acc.entries()]
    .map(([asset, { long, short }]) => {
      const net = long.minus(short);
      return {
        asset,
        long,
        short,
        net,
        gross: long.plus(short),
        netFraction: eq?.gt(0) ? net.div(eq) : null,
      };
    })
    .sort((a, b) => b.gross.comparedTo(a.gross) || a.asset.localeCompare(b.asset));
}
