import { Decimal } from 'decimal.js';
import { OrderError } from '../errors.js';
import { type DecimalInput, ZERO } from '../util/decimal.js';
import { add, sub } from '../util/decimal-ops.js';
import { notionalOf } from '../util/notional.js';
import {
  applyFillToPosition,
  emptyPosition,
  type Position,
  type PositionFill,
  unrealizedPnl,
} from './position.js';

/** Base and quote currency of a symbol. */
export interface SymbolCurrencies {
  /** Base currency, e.g. `"BTC"`. */
  readonly base: string;
  /** Quote currency, e.g. `"USDT"`. */
  readonly quote: string;
}

/** Read-only view of a portfolio at one instant (passed to pre-trade checks). */
export interface PortfolioSnapshot {
  /** Balance per currency (may be negative for borrowed / short currencies). */
  readonly balances: Readonly<Record<string, Decimal>>;
  /** Position per symbol (only symbols that ever traded). */
  readonly positions: Readonly<Record<string, Position>>;
}

/**
 * Splits `"BASE/QUOTE"` (also `"BASE/QUOTE:SETTLE"`) into currencies.
 *
 * @param symbol - unified symbol
 * @throws {@link OrderError} `invalid_symbol` when there is no `/`
 * @example
 * ```ts
 * import { splitSymbol } from '@rrr/orders';
 *
 * splitSymbol('BTC/USDT'); // { base: 'BTC', quote: 'USDT' }
 * ```
 */
export function splitSymbol(symbol: string): SymbolCurrencies {
  const [pair] = symbol.split(':');
  const [base, quote] = (pair ?? '').split('/');
  if (!base || !quote)
    throw new OrderError('invalid_symbol', `symbol "${symbol}" is not of the form BASE/QUOTE`);
  return { base, quote };
}

/**
 * Cash balances per currency plus positions per symbol, updated by fills, all in Decimal.
 *
 * A buy of `q` at `p` adds `q` base and removes `q * p` quote; a sell does the opposite; the fee is removed from
 * the fee currency. Short positions are negative base balances. Equity is the sum of all balances valued at
 * mark prices, which equals starting equity + realized PnL (net of fees) + unrealized PnL.
 *
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { Portfolio } from '@rrr/orders';
 *
 * const portfolio = new Portfolio({ USDT: 1000 });
 * portfolio.applyFill({ symbol: 'BTC/USDT', side: 'buy', quantity: new Decimal(1), price: new Decimal(100), fee: new Decimal('0.1'), feeCurrency: 'USDT' });
 * portfolio.equity('USDT', { 'BTC/USDT': 110 }).toString(); // "1009.9"
 * ```
 */
export class Portfolio {
  readonly #balances = new Map<string, Decimal>();
  readonly #positions = new Map<string, Position>();

  /**
   * @param balances - starting balance per currency
   */
  constructor(balances: Readonly<Record<string, DecimalInput>> = {}) {
    for (const [currency, amount] of Object.entries(balances))
      this.#balances.set(currency, new Decimal(amount));
  }

  /**
   * Balance of one currency (0 when never seen).
   *
   * @param currency - currency code
   */
  balance(currency: string): Decimal {
    return this.#balances.get(currency) ?? ZERO;
  }

  /**
   * Adds (or with a negative amount removes) cash, e.g. a deposit.
   *
   * @param currency - currency code
   * @param amount - signed amount
   */
  adjustBalance(currency: string, amount: DecimalInput): void {
    this.#add(currency, new Decimal(amount));
  }

  #add(currency: string, amount: Decimal): void {
    this.#balances.set(currency, add(this.balance(currency), amount));
  }

  #sub(currency: string, amount: Decimal): void {
    this.#balances.set(currency, sub(this.balance(currency), amount));
  }

  /**
   * Position in one symbol (flat when never traded).
   *
   * @param symbol - market symbol
   */
  position(symbol: string): Position {
    return this.#positions.get(symbol) ?? emptyPosition(symbol);
  }

  /**
   * Applies a fill to balances and to the symbol's position; returns the new position.
   *
   * @param fill - the execution
   * @param currencies - base/quote of the symbol, default from `splitSymbol(fill.symbol)`
   */
  applyFill(fill: PositionFill, currencies: SymbolCurrencies = splitSymbol(fill.symbol)): Position {
    const notional = notionalOf(fill);
    const buy = fill.side === 'buy';
    // the fill's values are Decimals already: added as they are, not copied through `adjustBalance`
    // `b.sub(x)` is `b.add(x.neg())` (decimal.js adds a negated operand by subtracting it), without the copy
    if (buy) {
      this.#add(currencies.base, fill.quantity);
      this.#sub(currencies.quote, notional);
    } else {
      this.#sub(currencies.base, fill.quantity);
      this.#add(currencies.quote, notional);
    }
    if (!fill.fee.isZero()) this.#sub(fill.feeCurrency, fill.fee);
    const next = applyFillToPosition(this.position(fill.symbol), fill, currencies.quote);
    this.#positions.set(fill.symbol, next);
    return next;
  }

  /**
   * Unrealized PnL of one symbol's position at a mark.
   *
   * @param symbol - market symbol
   * @param mark - mark price
   */
  unrealizedPnl(symbol: string, mark: DecimalInput): Decimal {
    return unrealizedPnl(this.position(symbol), mark);
  }

  /**
   * Total value of all balances in `currency`, each other currency valued at the mark of `"<ccy>/<currency>"`.
   *
   * @param currency - valuation currency, e.g. `"USDT"`
   * @param marks - mark prices by symbol
   * @throws {@link OrderError} `missing_mark` when a non-zero balance has no mark
   */
  equity(currency: string, marks: Readonly<Record<string, DecimalInput>>): Decimal {
    let total = ZERO;
    for (const [ccy, amount] of this.#balances) {
      if (ccy === currency) total = total.add(amount);
      else if (!amount.isZero()) {
        const mark = marks[`${ccy}/${currency}`];
        if (mark === undefined) {
          throw new OrderError(
            'missing_mark',
            `no mark price for ${ccy}/${currency} to value a ${ccy} balance`,
          );
        }
        total = total.add(amount.mul(new Decimal(mark)));
      }
    }
    return total;
  }

  /** A copy of balances and positions at this instant. */
  snapshot(): PortfolioSnapshot {
    return {
      balances: Object.fromEntries(this.#balances),
      positions: Object.fromEntries(this.#positions),
    };
  }
}
