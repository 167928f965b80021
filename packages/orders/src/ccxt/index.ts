/**
 * ccxt exchange adapter for `@rrr/orders` (needs the optional peer dependency `ccxt`).
 *
 * @packageDocumentation
 */
export {
  type CcxtBar,
  type CcxtClient,
  type CcxtErrorClasses,
  CcxtExchange,
  type CcxtExchangeOptions,
} from './ccxt-exchange.js';
