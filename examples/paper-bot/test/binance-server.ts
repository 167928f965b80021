import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bar } from '@rrr/indicators';
import { exchangeInfo } from '../../../test-support/binance-exchange-info.js';

const HOUR = 3_600_000;

/**
 * A loopback server answering Binance's public spot endpoints the bot uses (`exchangeInfo`, `klines`) from real
 * bars, at a simulated time `now`: `klines` returns the bars opened at or before `now`, like Binance, so the last
 * row is the candle still forming — here with made-up partial values (high = low = close = open, volume 0) that a
 * bot using it would visibly record. Rows have Binance's 12-column kline shape.
 */
export class BinanceKlinesServer {
  /** Simulated exchange time, ms UTC. */
  now: number;
  /** The next this many `klines` requests are answered with an HTML 503 page, as from a load balancer. */
  failKlines = 0;
  /** Every request path received, in order. */
  readonly requests: string[] = [];
  readonly #bars: readonly Bar[];
  readonly #server: Server;
  #url = '';

  private constructor(bars: readonly Bar[], now: number) {
    this.#bars = bars;
    this.now = now;
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      this.requests.push(url.pathname);
      let status = 200;
      let body: unknown;
      if (url.pathname === '/api/v3/exchangeInfo') body = exchangeInfo;
      else if (url.pathname === '/api/v3/klines' && this.failKlines > 0) {
        this.failKlines--;
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
        return;
      } else if (url.pathname === '/api/v3/klines') body = this.#klines(url.searchParams);
      else {
        status = 404;
        body = { code: -1, msg: `unknown ${url.pathname}` };
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  }

  /**
   * Starts the server on a free loopback port.
   *
   * @param bars - real hourly bars to serve
   * @param now - initial simulated time
   */
  static async start(bars: readonly Bar[], now: number): Promise<BinanceKlinesServer> {
    const server = new BinanceKlinesServer(bars, now);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    server.#url = `http://127.0.0.1:${(server.#server.address() as AddressInfo).port}`;
    return server;
  }

  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  get url(): string {
    return this.#url;
  }

  /** Stops the server. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #klines(p: URLSearchParams): unknown[] {
    if (p.get('symbol') !== 'BTCUSDT' || p.get('interval') !== '1h') return [];
    const start = Number(p.get('startTime') ?? 0);
    const limit = Math.min(Number(p.get('limit') ?? 500), 1000);
    return this.#bars
      .filter((b) => b.timestamp >= start && b.timestamp <= this.now)
      .slice(0, limit)
      .map((b) => {
        const forming = b.timestamp + HOUR > this.now;
        const [o, h, l, c, v] = forming
          ? [b.open, b.open, b.open, b.open, 0]
          : [b.open, b.high, b.low, b.close, b.volume];
        return [
          b.timestamp,
          String(o),
          String(h),
          String(l),
          String(c),
          String(v),
          b.timestamp + HOUR - 1,
          '0',
          0,
          '0',
          '0',
          '0',
        ];
      });
  }
}
