import { defineMarket, type MarketInfo, splitSymbol } from '@rrr/orders';

/** Smallest order notional in the quote currency, for every market the bot trades. */
export const MIN_NOTIONAL = 5;

/** Price tick and quantity step of the markets with embedded data (Binance spot rules). */
const RULES: Readonly<Record<string, { readonly tickSize: string; readonly lotStep: string }>> = {
  'BTC/USDT': { tickSize: '0.01', lotStep: '0.00001' },
  'ETH/USDT': { tickSize: '0.01', lotStep: '0.0001' },
  'SOL/USDT': { tickSize: '0.01', lotStep: '0.001' },
};

/** Rules of any other market: fine enough for prices down to a cent fraction and for small quantities. */
const FALLBACK = { tickSize: '0.0001', lotStep: '0.001' } as const;

/**
 * The paper venue's trading rules of a market (tick, lot step, minimum notional 5 in the quote currency).
 *
 * @param symbol - `BASE/QUOTE`
 * @returns the market
 * @example
 * ```ts
 * import { paperMarket } from '@rrr/example-paper-bot';
 *
 * paperMarket('ETH/USDT').lotStep.toString(); // "0.0001"
 * ```
 */
export function paperMarket(symbol: string): MarketInfo {
  const { base, quote } = splitSymbol(symbol);
  return defineMarket({ symbol, base, quote, ...(RULES[symbol] ?? FALLBACK), minNotional: MIN_NOTIONAL });
}
