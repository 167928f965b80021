import { Decimal } from 'decimal.js';
import type { DecimalInput } from '../core/decimal.js';
import type { PortfolioSnapshot } from './types.js';

/** @internal Parses without throwing; null for anything that is not a finite decimal. */
export function safeDecimal(value: DecimalInput | undefined): Decimal | null {
  if (value === undefined) return null;
  if (Decimal.isDecimal(value)) return value.isFinite() ? value : null;
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const d = new Decimal(value);
    return d.isFinite() ? d : null;
  } catch {
    return null;
  }
}

/** @internal Float view of a decimal input (NaN when not numeric); used only for bounds with a safety margin. */
export function toFloat(value: DecimalInput | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? Number.NaN : Number(value);
  if (value === undefined) return Number.NaN;
  return Decimal.isDecimal(value) ? value.toNumber() : Number.NaN;
}

const ZERO = new Decimal(0);

interface OpenOnSymbol {
  readonly buy: Decimal | null;
  readonly sell: Decimal | null;
  readonly count: number;
}

/** @internal Gross and net exposure; `missing` names a position without a usable price. */
export interface Exposure<T> {
  readonly gross: T;
  readonly net: T;
  readonly missing: string | null;
}

/**
 * @internal Per-snapshot aggregates, computed lazily: only what a check needs is parsed. Exposure is
 * first summed in float64 (cheap); the exact Decimal sum is computed only when a limit is close enough
 * to the float value for rounding to matter.
 */
export class SnapshotAggregates {
  readonly equity: Decimal | null;
  readonly dayPnl: Decimal | null;
  readonly peakEquity: Decimal | null;
  readonly #snapshot: PortfolioSnapshot;
  readonly #prices = new Map<string, Decimal | null>();
  readonly #positions = new Map<string, Decimal | null>();
  readonly #open = new Map<string, OpenOnSymbol>();
  #exact: Exposure<Decimal> | null = null;
  #float: Exposure<number> | null = null;

  constructor(snapshot: PortfolioSnapshot) {
    this.#snapshot = snapshot;
    this.equity = safeDecimal(snapshot.equity);
    this.dayPnl = safeDecimal(snapshot.dayPnl);
    this.peakEquity = safeDecimal(snapshot.peakEquity);
  }

  /** Number of open orders. */
  get totalOpen(): number {
    return this.#snapshot.openOrders.length;
  }

  /** Signed position of a symbol (summing duplicate entries), or null when flat. */
  position(symbol: string): Decimal | null {
    let p = this.#positions.get(symbol);
    if (p === undefined) {
      p = null;
      for (const pos of this.#snapshot.positions) {
        if (pos.symbol !== symbol) continue;
        const q = safeDecimal(pos.quantity) ?? ZERO;
        p = p === null ? q : p.plus(q);
      }
      this.#positions.set(symbol, p);
    }
    return p;
  }

  /** Remaining quantity of open orders on a symbol and side, or null. */
  openQuantity(symbol: string, side: 'buy' | 'sell'): Decimal | null {
    return this.#openOn(symbol)[side];
  }

  /** Number of open orders on a symbol. */
  openCount(symbol: string): number {
    return this.#openOn(symbol).count;
  }

  /** Last price of a symbol, or null if missing, invalid or not positive. */
  price(symbol: string): Decimal | null {
    let p = this.#prices.get(symbol);
    if (p === undefined) {
      p = safeDecimal(this.#snapshot.lastPrices[symbol]);
      if (p !== null && !p.gt(0)) p = null;
      this.#prices.set(symbol, p);
    }
    return p;
  }

  /** Float64 equity (NaN when invalid). */
  floatEquity(): number {
    return this.equity === null ? Number.NaN : toFloat(this.#snapshot.equity);
  }

  /** Float64 last price of a symbol (NaN when missing). */
  floatPrice(symbol: string): number {
    return toFloat(this.#snapshot.lastPrices[symbol]);
  }

  /** Float64 signed position of a symbol (0 when flat). */
  floatPosition(symbol: string): number {
    let sum = 0;
    for (const pos of this.#snapshot.positions) {
      if (pos.symbol === symbol) sum += toFloat(pos.quantity) || 0;
    }
    return sum;
  }

  /** Float64 gross and net exposure at last prices. */
  floatExposure(): Exposure<number> {
    if (this.#float) return this.#float;
    let gross = 0;
    let net = 0;
    let missing: string | null = null;
    const prices = this.#snapshot.lastPrices;
    for (const p of this.#snapshot.positions) {
      const qty = toFloat(p.quantity);
      if (qty === 0 || Number.isNaN(qty)) continue;
      const price = toFloat(prices[p.symbol]);
      if (!(price > 0) || !Number.isFinite(price)) {
        missing ??= p.symbol;
        continue;
      }
      const value = qty * price;
      net += value;
      gross += Math.abs(value);
    }
    this.#float = { gross, net, missing };
    return this.#float;
  }

  /** Exact Decimal gross and net exposure at last prices. */
  exactExposure(): Exposure<Decimal> {
    if (this.#exact) return this.#exact;
    let gross = ZERO;
    let net = ZERO;
    let missing: string | null = null;
    for (const p of this.#snapshot.positions) {
      const qty = safeDecimal(p.quantity);
      if (qty === null || qty.isZero()) continue;
      const price = this.price(p.symbol);
      if (price === null) {
        missing ??= p.symbol;
        continue;
      }
      const value = qty.times(price);
      net = net.plus(value);
      gross = gross.plus(value.abs());
    }
    this.#exact = { gross, net, missing };
    return this.#exact;
  }

  #openOn(symbol: string): OpenOnSymbol {
    let open = this.#open.get(symbol);
    if (!open) {
      let buy: Decimal | null = null;
      let sell: Decimal | null = null;
      let count = 0;
      for (const o of this.#snapshot.openOrders) {
        if (o.symbol !== symbol) continue;
        count += 1;
        const q = safeDecimal(o.quantity) ?? ZERO;
        if (o.side === 'buy') buy = buy === null ? q : buy.plus(q);
        else sell = sell === null ? q : sell.plus(q);
      }
      open = { buy, sell, count };
      this.#open.set(symbol, open);
    }
    return open;
  }
}
