/**
 * Order model and lifecycle state machine, OrderManager, positions, paper and ccxt exchanges, durable order stores.
 *
 * @packageDocumentation
 */
export {
  ExchangeError,
  IllegalTransitionError,
  isOrderError,
  OrderError,
  OrderNotFoundError,
  OrderStateError,
  OrderStoreError,
  OrderValidationError,
} from './errors.js';
export type { Exchange, ExecutionEvent, OrderChange, VenueOrderReport } from './exchange/exchange.js';
export type {
  OrderManagerEvent,
  OrderManagerEventOf,
  OrderManagerEventType,
} from './manager/events.js';
export {
  type OrderListFilter,
  OrderManager,
  type OrderManagerOptions,
  type OrderModification,
} from './manager/order-manager.js';
export type { PreTradeCheck, PreTradeDecision, PreTradeSnapshot } from './manager/pre-trade.js';
export type { ReconciliationReport, VenueRejection } from './manager/reconcile.js';
export {
  newOrder,
  type OrderIntent,
  type OrderIntentInput,
  parseOrderIntent,
  validateForMarket,
} from './model/intent.js';
export { defineMarket, type MarketInfo, type MarketInfoInput } from './model/market.js';
export { applyFillToOrder, type TransitionDetails, transitionOrder } from './model/order-ops.js';
export {
  assertTransition,
  canTransition,
  isOpenStatus,
  isTerminalStatus,
  ORDER_TRANSITIONS,
} from './model/transitions.js';
export {
  type Fill,
  type Liquidity,
  type Order,
  OrderSide,
  OrderStatus,
  OrderType,
  TimeInForce,
} from './model/types.js';
export type { FillModel, FillModelInput, SlippageModel } from './paper/fill-model.js';
export {
  type BarInput,
  PaperExchange,
  type PaperExchangeOptions,
  type PaperExchangeRestore,
  type TickInput,
} from './paper/paper-exchange.js';
export {
  Portfolio,
  type PortfolioSnapshot,
  type SymbolCurrencies,
  splitSymbol,
} from './position/portfolio.js';
export {
  applyFillToPosition,
  emptyPosition,
  type Position,
  type PositionFill,
  unrealizedPnl,
} from './position/position.js';
export { MemoryOrderStore } from './store/memory-store.js';
export type { InsertResult, OrderFilter, OrderStore } from './store/order-store.js';
export { type Clock, systemClock } from './util/clock.js';
export type { DecimalInput } from './util/decimal.js';
export {
  add as decimalAdd,
  compare as decimalCompare,
  mul as decimalMul,
  sub as decimalSub,
} from './util/decimal-ops.js';
export { decimalFromFloat, decimalToFloat } from './util/float-conversion.js';
export { clientOrderIdGenerator, mulberry32 } from './util/random.js';
