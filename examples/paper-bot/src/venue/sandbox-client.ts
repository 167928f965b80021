import type { CcxtClient } from '@rrr/orders/ccxt';
import ccxt from 'ccxt';

/** A ccxt client as the sandbox venue needs it: the `CcxtExchange` subset plus its URL table. */
export type SandboxClient = CcxtClient & {
  readonly urls: Record<string, unknown>;
  setSandboxMode(enabled: boolean): void;
};

type CcxtConstructor = new (config: Record<string, unknown>) => SandboxClient;

/** Options of {@link createSandboxClient}. */
export interface SandboxClientOptions {
  /** ccxt exchange id, e.g. `binance`. */
  readonly exchange: string;
  /** API key of the exchange's test environment. */
  readonly apiKey: string;
  /** API secret of the exchange's test environment. */
  readonly apiSecret: string;
  /** Request timeout, ms. */
  readonly timeoutMs: number;
  /** Replaces the scheme and host of every test-environment URL (a proxy, or a local test server). */
  readonly apiUrl?: string | undefined;
}

/** Why a sandbox venue cannot be set up. */
export type SandboxVenueErrorCode = 'unknown_exchange' | 'no_sandbox' | 'no_credentials';

/**
 * The error of a sandbox venue that cannot be set up (unknown exchange, no test environment, no keys).
 *
 * @example
 * ```ts
 * try {
 *   createSandboxClient({ exchange: 'bitstamp', apiKey, apiSecret, timeoutMs: 10_000 });
 * } catch (error) {
 *   if (error instanceof SandboxVenueError) console.error(error.code); // "no_sandbox"
 * }
 * ```
 */
export class SandboxVenueError extends Error {
  /** Stable code: `unknown_exchange`, `no_sandbox` or `no_credentials`. */
  readonly code: SandboxVenueErrorCode;

  /**
   * @param code - stable code
   * @param message - what is wrong, naming the config field
   */
  constructor(code: SandboxVenueErrorCode, message: string) {
    super(message);
    this.name = 'SandboxVenueError';
    this.code = code;
  }
}

function rebase(api: unknown, base: string): unknown {
  if (typeof api === 'string') return api.replace(/^https?:\/\/[^/]+/, base);
  if (typeof api === 'object' && api !== null) {
    return Object.fromEntries(Object.entries(api).map(([key, value]) => [key, rebase(value, base)]));
  }
  return api;
}

function hasTestUrls(client: { readonly urls: Record<string, unknown> }): boolean {
  const test = client.urls['test'];
  return typeof test === 'string' || (typeof test === 'object' && test !== null);
}

function constructorOf(exchange: string): CcxtConstructor | undefined {
  const Exchange = (ccxt as unknown as Record<string, unknown>)[exchange];
  return typeof Exchange === 'function' && ccxt.exchanges.includes(exchange)
    ? (Exchange as CcxtConstructor)
    : undefined;
}

/**
 * Whether ccxt knows a test environment (sandbox URLs) for an exchange; no network access.
 *
 * @param exchange - ccxt exchange id
 * @returns true for e.g. `binance`, false for exchanges without one and for unknown ids
 * @example
 * ```ts
 * hasSandbox('binance'); // true
 * ```
 */
export function hasSandbox(exchange: string): boolean {
  const Exchange = constructorOf(exchange);
  return Exchange !== undefined && hasTestUrls(new Exchange({}));
}

/**
 * Creates an authenticated ccxt client switched to the exchange's test environment with ccxt's
 * `setSandboxMode(true)` (Binance: `testnet.binance.vision`), optionally re-pointed at another host.
 *
 * @param options - exchange, credentials, timeout, URL override
 * @returns the client
 * @throws {@link SandboxVenueError} when ccxt does not know the exchange or it has no test environment
 * @example
 * ```ts
 * const client = createSandboxClient({ exchange: 'binance', apiKey, apiSecret, timeoutMs: 10_000 });
 * ```
 */
export function createSandboxClient(options: SandboxClientOptions): SandboxClient {
  const Exchange = constructorOf(options.exchange);
  if (Exchange === undefined) {
    throw new SandboxVenueError('unknown_exchange', `exchange: ccxt has no exchange "${options.exchange}"`);
  }
  const client = new Exchange({
    apiKey: options.apiKey,
    secret: options.apiSecret,
    timeout: options.timeoutMs,
    enableRateLimit: true,
    options: {
      fetchMarkets: { types: ['spot'] },
      fetchCurrencies: false,
      fetchOpenOrders: { warnWithoutSymbol: false },
    },
  });
  if (!hasTestUrls(client)) {
    throw new SandboxVenueError(
      'no_sandbox',
      `venue sandbox: ccxt has no test environment for "${options.exchange}" (exchange)`,
    );
  }
  client.setSandboxMode(true);
  if (options.apiUrl !== undefined) {
    (client.urls as Record<string, unknown>)['api'] = rebase(
      client.urls['api'],
      options.apiUrl.replace(/\/+$/, ''),
    );
  }
  return client;
}
