import { Decimal } from 'decimal.js';
import type { OrderSide } from '../model/types.js';
import { type DecimalInput, ZERO } from '../util/decimal.js';
import { compare, mul } from '../util/decimal-ops.js';
import { roundToStep } from '../util/step.js';

/**
 * Slippage rule for taker fills (market orders, triggered stops). Slippage always moves the price against us.
 *
 * - `none`: fill at the event price.
 * - `fixed_bps`: `bps` basis points.
 * - `volume_share`: `bpsAtFullVolume * quantity / eventVolume` basis points (proportional to size / bar volume).
 * - `random_bps`: uniform in `[0, maxBps)` from the exchange's seeded generator.
 */
export type SlippageModel =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed_bps'; readonly bps: number }
  | { readonly kind: 'volume_share'; readonly bpsAtFullVolume: number }
  | { readonly kind: 'random_bps'; readonly maxBps: number };

/**
 * The paper exchange's fill model; every rule is a named option. See the guide for the full rules.
 */
export interface FillModel {
  /** Slippage of taker fills (default `{ kind: 'none' }`). */
  readonly slippage: SlippageModel;
  /**
   * When a resting limit fills: `"touch"` when the low (buy) / high (sell) reaches the limit, `"through"` only
   * when price trades strictly beyond it (default `"through"`).
   */
  readonly limitFill: 'touch' | 'through';
  /** Max fraction of an event's volume that our orders may take, e.g. `0.1`; `null` = unlimited (default). */
  readonly participation: number | null;
  /** Fee rate of maker fills (fraction of notional, default 0). */
  readonly makerFeeRate: Decimal;
  /** Fee rate of taker fills (fraction of notional, default 0). */
  readonly takerFeeRate: Decimal;
  /** Reject orders (and cancel fills) that the balance cannot pay for (default true). */
  readonly checkBalance: boolean;
  /** Allow selling more base than held (short via negative balance), default false. */
  readonly allowShort: boolean;
}

/** Partial {@link FillModel} with plain-number fee rates, as accepted by `PaperExchange`. */
export interface FillModelInput {
  /** See {@link FillModel.slippage}. */
  slippage?: SlippageModel;
  /** See {@link FillModel.limitFill}. */
  limitFill?: 'touch' | 'through';
  /** See {@link FillModel.participation}. */
  participation?: number | null;
  /** See {@link FillModel.makerFeeRate}. */
  makerFeeRate?: DecimalInput;
  /** See {@link FillModel.takerFeeRate}. */
  takerFeeRate?: DecimalInput;
  /** See {@link FillModel.checkBalance}. */
  checkBalance?: boolean;
  /** See {@link FillModel.allowShort}. */
  allowShort?: boolean;
}

/** @internal */
export function resolveFillModel(input: FillModelInput = {}): FillModel {
  return {
    slippage: input.slippage ?? { kind: 'none' },
    limitFill: input.limitFill ?? 'through',
    participation: input.participation ?? null,
    makerFeeRate: new Decimal(input.makerFeeRate ?? 0),
    takerFeeRate: new Decimal(input.takerFeeRate ?? 0),
    checkBalance: input.checkBalance ?? true,
    allowShort: input.allowShort ?? false,
  };
}

/** The bps Decimal of each fixed-bps model, with the number it was made from (remade if the model was changed). */
const fixedBps = new WeakMap<SlippageModel, { readonly bps: number; readonly value: Decimal }>();

/** @internal Slippage in basis points for one taker fill. */
export function slippageBps(
  model: SlippageModel,
  quantity: Decimal,
  volume: Decimal,
  random: () => number,
): Decimal {
  switch (model.kind) {
    case 'none':
      return ZERO;
    case 'fixed_bps': {
      let known = fixedBps.get(model);
      if (known === undefined || !Object.is(known.bps, model.bps)) {
        known = { bps: model.bps, value: new Decimal(model.bps) };
        fixedBps.set(model, known);
      }
      return known.value;
    }
    case 'volume_share':
      return volume.isZero()
        ? new Decimal(model.bpsAtFullVolume)
        : quantity.div(volume).mul(model.bpsAtFullVolume);
    case 'random_bps':
      return new Decimal(random()).mul(model.maxBps);
  }
}

/** Price multipliers of a slippage: `1 + bps / 10^4` for buys, `1 - bps / 10^4` for sells. */
interface SlippageFactors {
  readonly buy: Decimal;
  readonly sell: Decimal;
}

/** Factors per bps Decimal (a fixed model hands out one Decimal, so its factors are computed once). */
const factorCache = new WeakMap<Decimal, SlippageFactors>();

function slippageFactors(bps: Decimal): SlippageFactors {
  let factors = factorCache.get(bps);
  if (factors === undefined) {
    const fraction = bps.div(10_000);
    factors = { buy: fraction.add(1), sell: new Decimal(1).sub(fraction) };
    factorCache.set(bps, factors);
  }
  return factors;
}

/** @internal Moves `price` against the taker by `bps`, rounded to the tick (up for buys, down for sells). */
export function applySlippage(price: Decimal, side: OrderSide, bps: Decimal, tick: Decimal): Decimal {
  if (bps.isZero()) return price;
  const factors = slippageFactors(bps);
  if (side === 'buy') return roundToStep(mul(price, factors.buy), tick, Decimal.ROUND_UP);
  return roundToStep(mul(price, factors.sell), tick, Decimal.ROUND_DOWN);
}

/** @internal One price event: a bar or a tick (a tick is a bar with open = high = low = close). */
export interface PriceEvent {
  readonly symbol: string;
  readonly timestamp: number;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  readonly volume: Decimal;
}

/**
 * @internal Limit rule: returns the fill price of a limit order for this event, or undefined when it does not
 * fill. Gaps fill at the open when the open is better than the limit.
 */
export function limitFillPrice(
  side: OrderSide,
  limit: Decimal,
  event: PriceEvent,
  rule: 'touch' | 'through',
): Decimal | undefined {
  if (side === 'buy') {
    if (compare(event.open, limit) <= 0) return event.open;
    const low = compare(event.low, limit);
    return (rule === 'touch' ? low <= 0 : low < 0) ? limit : undefined;
  }
  if (compare(event.open, limit) >= 0) return event.open;
  const high = compare(event.high, limit);
  return (rule === 'touch' ? high >= 0 : high > 0) ? limit : undefined;
}

/**
 * @internal Stop rule: a buy stop triggers when the high reaches the stop, a sell stop when the low does. The
 * trigger price is the stop, or the open when the event gapped past it — whichever is worse for us.
 */
export function stopTriggerPrice(side: OrderSide, stop: Decimal, event: PriceEvent): Decimal | undefined {
  // the worse of stop and open, as it is (`Decimal.max`/`Decimal.min` return a copy of the same value)
  if (side === 'buy') {
    if (compare(event.high, stop) < 0) return undefined;
    return compare(stop, event.open) >= 0 ? stop : event.open;
  }
  if (compare(event.low, stop) > 0) return undefined;
  return compare(stop, event.open) <= 0 ? stop : event.open;
}
