import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BinanceServer } from '../../../packages/orders/test/ccxt/binance-server.js';

/** Test-environment keys of the sandbox tests (fixtures, not real credentials). */
export const SANDBOX_KEYS = {
  apiKey: 'FIXTURE-sandbox-key-4f1e9c2a7b',
  apiSecret: 'FIXTURE-sandbox-secret-8d3b6a0e5c',
} as const;

/** One request the exchange received. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  /** The `X-MBX-APIKEY` header (Binance's API key header). */
  readonly apiKeyHeader: string | undefined;
}

/**
 * The `@rrr/orders` tests' fake Binance spot server (the real ccxt client talks to it), behind a recording
 * pass-through that gives the test account a quote balance: the recorded `account` response of that server holds
 * only ETH and LTC, and a bot needs cash to buy.
 */
export class SandboxExchange {
  /** The fake Binance server (orders, fills, rejection mode, market price). */
  readonly binance = new BinanceServer();
  /** Every request, in order. */
  readonly requests: SeenRequest[] = [];
  /** Balance added to the account response, per asset. */
  readonly extraBalances: Record<string, string>;
  #proxy: Server | undefined;
  /** Base URL to point the bot at (`sandbox.apiUrl`). */
  url = '';

  /**
   * @param extraBalances - free balance per asset added to the account
   */
  constructor(extraBalances: Record<string, string> = { USDT: '10000.00000000' }) {
    this.extraBalances = extraBalances;
  }

  /** Starts both servers. */
  async start(): Promise<void> {
    await this.binance.start();
    const target = new URL(this.binance.url);
    const proxy = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const key = req.headers['x-mbx-apikey'];
      this.requests.push({
        method: req.method ?? 'GET',
        path,
        apiKeyHeader: Array.isArray(key) ? key[0] : key,
      });
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            let body = Buffer.concat(chunks).toString();
            if (path === '/api/v3/account' && answer.statusCode === 200) body = this.#withBalances(body);
            res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' });
            res.end(body);
          });
        },
      );
      req.pipe(upstream);
    });
    this.#proxy = proxy;
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }

  /** Stops both servers. */
  async stop(): Promise<void> {
    this.#proxy?.closeAllConnections();
    await new Promise<void>((resolve) => this.#proxy?.close(() => resolve()));
    await this.binance.stop();
  }

  #withBalances(body: string): string {
    const account = JSON.parse(body) as { balances: { asset: string; free: string; locked: string }[] };
    for (const [asset, free] of Object.entries(this.extraBalances)) {
      account.balances = account.balances.filter((b) => b.asset !== asset);
      account.balances.push({ asset, free, locked: '0.00000000' });
    }
    return JSON.stringify(account);
  }
}
