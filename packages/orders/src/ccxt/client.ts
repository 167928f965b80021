/** The subset of a ccxt exchange instance (`new ccxt.binance(...)`) that {@link CcxtExchange} uses. */
export interface CcxtClient {
  /** ccxt exchange id, e.g. `"binance"`. */
  readonly id: string;
  /** ccxt precision mode (4 = tick size, 2 = decimal places). */
  readonly precisionMode: number | undefined;
  /** ccxt exchange options; `createMarketBuyOrderRequiresPrice: true` marks a venue sizing market buys in quote. */
  readonly options?: Record<string, unknown>;
  /** ccxt `loadMarkets`. */
  loadMarkets(reload?: boolean): Promise<Record<string, unknown>>;
  /** ccxt `createOrder`. */
  createOrder(
    symbol: string,
    type: string,
    side: 'buy' | 'sell',
    amount: number,
    price?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown>;
  /** ccxt `editOrder`. */
  editOrder(
    id: string,
    symbol: string,
    type: string,
    side: 'buy' | 'sell',
    amount?: number,
    price?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown>;
  /** ccxt `cancelOrder`. */
  cancelOrder(id: string, symbol?: string, params?: Record<string, unknown>): Promise<unknown>;
  /** ccxt `fetchTicker`; its best ask prices market buys on venues that size them in quote currency. */
  fetchTicker(symbol: string, params?: Record<string, unknown>): Promise<unknown>;
  /** ccxt `fetchOrder`. */
  fetchOrder(id: string, symbol?: string, params?: Record<string, unknown>): Promise<unknown>;
  /** ccxt `fetchOrders` (all statuses); used by the `"fetchOrders"` client-order-id lookup. */
  fetchOrders(
    symbol?: string,
    since?: number,
    limit?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown[]>;
  /** ccxt `fetchOpenOrders`. */
  fetchOpenOrders(
    symbol?: string,
    since?: number,
    limit?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown[]>;
  /** ccxt `fetchMyTrades`; used to get the trades (with fees) of orders that report only cumulative fills. */
  fetchMyTrades(
    symbol?: string,
    since?: number,
    limit?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown[]>;
  /** ccxt `fetchBalance`. */
  fetchBalance(params?: Record<string, unknown>): Promise<unknown>;
  /** ccxt `fetchOHLCV`. */
  fetchOHLCV(
    symbol: string,
    timeframe?: string,
    since?: number,
    limit?: number,
    params?: Record<string, unknown>,
  ): Promise<unknown[]>;
}
