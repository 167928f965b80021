import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotState } from '../bot/state.js';
import { DASHBOARD_HTML } from './dashboard-page.js';
import type { BotMetrics } from './metrics.js';

/** The bot's HTTP server: `/` dashboard, `/events` server-sent events, `/state` JSON, `/metrics` Prometheus. */
export class BotServer {
  readonly #server: Server;
  readonly #clients = new Set<ServerResponse>();
  #metrics: BotMetrics | undefined;
  #state: (() => BotState) | undefined;
  #lastPush = 0;
  #timer: NodeJS.Timeout | undefined;

  private constructor() {
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  /**
   * Starts listening.
   *
   * @param host - interface to bind
   * @param port - port (0 = any free port)
   * @returns the running server
   */
  static async listen(host: string, port: number): Promise<BotServer> {
    const server = new BotServer();
    await new Promise<void>((resolve, reject) => {
      server.#server.once('error', reject);
      server.#server.listen(port, host, () => resolve());
    });
    return server;
  }

  /** The URL the server listens on. */
  get url(): string {
    const address = this.#server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  /**
   * Connects the server to a running bot.
   *
   * @param metrics - the bot's metrics
   * @param state - reads the bot's live state
   */
  attach(metrics: BotMetrics, state: () => BotState): void {
    this.#metrics = metrics;
    this.#state = state;
  }

  /**
   * Pushes the state to every dashboard (at most every 100 ms; the last state of a burst is always sent).
   *
   * @param state - the state after a bar
   */
  publish(state: BotState): void {
    const now = Date.now();
    if (now - this.#lastPush >= 100) {
      this.#lastPush = now;
      this.#send(state);
      return;
    }
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#lastPush = Date.now();
        const current = this.#state?.();
        if (current) this.#send(current);
      }, 100);
    }
  }

  #send(state: BotState): void {
    const data = `event: state\ndata: ${JSON.stringify(state)}\n\n`;
    for (const client of this.#clients) client.write(data);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(DASHBOARD_HTML);
    } else if (path === '/metrics' && this.#metrics) {
      const body = await this.#metrics.registry.metrics();
      res.writeHead(200, { 'content-type': this.#metrics.registry.contentType });
      res.end(body);
    } else if (path === '/state' && this.#state) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.#state()));
    } else if (path === '/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const current = this.#state?.();
      if (current) res.write(`event: state\ndata: ${JSON.stringify(current)}\n\n`);
      this.#clients.add(res);
      req.on('close', () => this.#clients.delete(res));
    } else if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  }

  /** Ends the event streams and stops listening. */
  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
