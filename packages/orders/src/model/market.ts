import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { OrderValidationError } from '../errors.js';
import { type DecimalInput, tryDecimal } from '../util/decimal.js';

/** Trading rules of one market, as published by the venue. */
export interface MarketInfo {
  /** Symbol, e.g. `"BTC/USDT"`. */
  readonly symbol: string;
  /** Base currency, e.g. `"BTC"`. */
  readonly base: string;
  /** Quote currency, e.g. `"USDT"`. */
  readonly quote: string;
  /** Price precision: prices must be a multiple of this tick (e.g. `0.01`). */
  readonly tickSize: Decimal;
  /** Quantity step: quantities must be a multiple of this lot step (e.g. `0.00001`). */
  readonly lotStep: Decimal;
  /** Smallest allowed quantity (defaults to `lotStep`). */
  readonly minQuantity: Decimal;
  /** Smallest allowed notional (`quantity * price`) in quote currency (defaults to 0). */
  readonly minNotional: Decimal;
}

/** Input accepted by {@link defineMarket}. */
export interface MarketInfoInput {
  /** Symbol, e.g. `"BTC/USDT"`. */
  symbol: string;
  /** Base currency. */
  base: string;
  /** Quote currency. */
  quote: string;
  /** Price tick (> 0). */
  tickSize: DecimalInput;
  /** Quantity step (> 0). */
  lotStep: DecimalInput;
  /** Smallest quantity (>= 0), default `lotStep`. */
  minQuantity?: DecimalInput;
  /** Smallest notional (>= 0), default 0. */
  minNotional?: DecimalInput;
}

const decimalLike = z.custom<DecimalInput>(
  (v) => typeof v === 'string' || typeof v === 'number' || Decimal.isDecimal(v),
  'must be a number, a numeric string or a Decimal',
);
const marketSchema = z.object({
  symbol: z.string().min(1),
  base: z.string().min(1),
  quote: z.string().min(1),
  tickSize: decimalLike,
  lotStep: decimalLike,
  minQuantity: decimalLike.optional(),
  minNotional: decimalLike.optional(),
});

function positive(field: string, value: unknown, allowZero: boolean): Decimal {
  const d = tryDecimal(value);
  if (!d || d.isNegative() || (!allowZero && d.isZero())) {
    throw new OrderValidationError(
      field,
      `${field} must be ${allowZero ? '>= 0' : '> 0'} (got ${String(value)})`,
    );
  }
  return d;
}

/**
 * Validates market metadata and converts its numbers to Decimal.
 *
 * @param input - the market's trading rules
 * @returns the validated {@link MarketInfo}
 * @throws {@link OrderValidationError} naming the bad field
 * @example
 * ```ts
 * import { defineMarket } from '@rrr/orders';
 *
 * const btc = defineMarket({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', lotStep: '0.00001', minNotional: 5 });
 * ```
 */
export function defineMarket(input: MarketInfoInput): MarketInfo {
  const parsed = marketSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? `market.${issue.path.join('.')}` : 'market';
    throw new OrderValidationError(field, `${field}: ${issue?.message ?? 'invalid market'}`);
  }
  const m = parsed.data;
  const lotStep = positive('market.lotStep', m.lotStep, false);
  return {
    symbol: m.symbol,
    base: m.base,
    quote: m.quote,
    tickSize: positive('market.tickSize', m.tickSize, false),
    lotStep,
    minQuantity: m.minQuantity === undefined ? lotStep : positive('market.minQuantity', m.minQuantity, true),
    minNotional:
      m.minNotional === undefined ? new Decimal(0) : positive('market.minNotional', m.minNotional, true),
  };
}
