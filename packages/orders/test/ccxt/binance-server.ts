import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { exchangeInfo } from '../../../../test-support/binance-exchange-info.js';
import { btcBars } from '../fixtures.js';

type Json = Record<string, unknown>;
interface Case {
  method: string;
  httpResponse: unknown;
}
const recorded = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/ccxt/binance.response.json', import.meta.url)), 'utf8'),
) as { methods: Record<string, Case[]> };

function template(method: string): Json {
  const body = recorded.methods[method]?.[0]?.httpResponse;
  if (!body || typeof body !== 'object') throw new Error(`no recorded ${method} response`);
  return structuredClone(body) as Json;
}

interface VenueOrder {
  orderId: string;
  clientOrderId: string;
  side: string;
  type: string;
  timeInForce: string;
  price: string;
  origQty: string;
  executedQty: number;
  quote: number;
  status: string;
  time: number;
  fills: { price: string; qty: string; commission: string; commissionAsset: string; tradeId: number }[];
}

/** What the next createOrder does. */
export type CreateMode = 'auto' | 'partial' | 'reject';

/** A loopback HTTP server answering ccxt's Binance spot calls with Binance's recorded response shapes. */
export class BinanceServer {
  readonly orders = new Map<string, VenueOrder>();
  /** Orders canceled by a cancel-replace: no longer found by client order id, still by order id. */
  readonly replaced: VenueOrder[] = [];
  /** Runs when a cancel-replace request arrives, before the venue acts on it (e.g. to let a fill race it). */
  beforeCancelReplace: (() => void) | undefined;
  readonly createRequests: string[] = [];
  mode: CreateMode = 'auto';
  /** Delay (ms) of the next createOrder response; the order is created at once regardless. */
  delayNextCreateMs = 0;
  marketPrice = 60_735;
  #server: Server | undefined;
  readonly #makerTrades = new Set<number>();
  #nextId = 100;
  #tradeId = 5000;
  url = '';

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const params = new URLSearchParams(url.search);
        for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
        const { status, json, delay } = this.#route(req.method ?? 'GET', url.pathname, params);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        if (delay) setTimeout(send, delay);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  /** Fills `qty` of a resting order at `price` (as the matching engine would). */
  fill(clientOrderId: string, qty: number, price: number): void {
    const o = this.orders.get(clientOrderId);
    if (!o) throw new Error(`no order ${clientOrderId}`);
    this.#execute(o, qty, price);
    this.#makerTrades.add(this.#tradeId);
  }

  #execute(o: VenueOrder, qty: number, price: number): void {
    o.executedQty = Number((o.executedQty + qty).toFixed(8));
    o.quote = Number((o.quote + qty * price).toFixed(8));
    o.status = o.executedQty >= Number(o.origQty) ? 'FILLED' : 'PARTIALLY_FILLED';
    o.fills.push({
      price: price.toFixed(8),
      qty: qty.toFixed(8),
      commission: (qty * price * 0.001).toFixed(8),
      commissionAsset: 'USDT',
      tradeId: ++this.#tradeId,
    });
  }

  #orderBody(o: VenueOrder, method: 'createOrder' | 'fetchOrder'): Json {
    const body = template(method);
    Object.assign(body, {
      symbol: 'BTCUSDT',
      orderId: o.orderId,
      clientOrderId: o.clientOrderId,
      price: o.price,
      origQty: o.origQty,
      executedQty: o.executedQty.toFixed(8),
      cummulativeQuoteQty: o.quote.toFixed(8),
      status: o.status,
      timeInForce: o.timeInForce,
      type: o.type,
      side: o.side,
    });
    if (method === 'createOrder') {
      body['transactTime'] = String(o.time);
      body['fills'] = o.fills;
      delete body['icebergQty'];
    } else {
      body['time'] = String(o.time);
      body['updateTime'] = String(o.time);
    }
    return body;
  }

  #route(
    method: string,
    path: string,
    p: URLSearchParams,
  ): { status: number; json: unknown; delay?: number } {
    if (path === '/api/v3/exchangeInfo') return { status: 200, json: exchangeInfo };
    if (path.endsWith('/allPairs')) return { status: 200, json: [] };
    if (path === '/api/v3/account') return { status: 200, json: template('fetchBalance') };
    if (path === '/api/v3/klines') return { status: 200, json: this.#klines(p) };
    if (path === '/api/v3/myTrades') {
      // Binance's documented account trade list shape
      const orders = [...this.replaced, ...this.orders.values()].filter(
        (o) => !p.get('orderId') || o.orderId === p.get('orderId'),
      );
      const trades = orders.flatMap((o) =>
        o.fills.map((f) => ({
          symbol: 'BTCUSDT',
          id: f.tradeId,
          orderId: Number(o.orderId),
          orderListId: -1,
          price: f.price,
          qty: f.qty,
          quoteQty: (Number(f.price) * Number(f.qty)).toFixed(8),
          commission: f.commission,
          commissionAsset: f.commissionAsset,
          time: o.time,
          isBuyer: o.side === 'BUY',
          isMaker: this.#makerTrades.has(f.tradeId),
          isBestMatch: true,
        })),
      );
      return { status: 200, json: trades };
    }
    if (path === '/api/v3/openOrders') {
      const open = [...this.orders.values()].filter(
        (o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED',
      );
      return { status: 200, json: open.map((o) => this.#orderBody(o, 'fetchOrder')) };
    }
    if (path === '/api/v3/order/cancelReplace' && method === 'POST') return this.#cancelReplace(p);
    if (path !== '/api/v3/order') return { status: 404, json: { code: -1, msg: `unknown ${path}` } };
    if (method === 'POST') return this.#create(p);
    const o = this.#find(p);
    if (!o) return { status: 400, json: { code: -2013, msg: 'Order does not exist.' } };
    if (method === 'GET') return { status: 200, json: this.#orderBody(o, 'fetchOrder') };
    if (method === 'DELETE') {
      if (o.status !== 'NEW' && o.status !== 'PARTIALLY_FILLED') {
        return { status: 400, json: { code: -2011, msg: 'Unknown order sent.' } };
      }
      o.status = 'CANCELED';
      return {
        status: 200,
        json: { origClientOrderId: o.clientOrderId, ...this.#orderBody(o, 'fetchOrder') },
      };
    }
    return { status: 405, json: { code: -1, msg: 'method' } };
  }

  #find(p: URLSearchParams): VenueOrder | undefined {
    const client = p.get('origClientOrderId');
    if (client) return this.orders.get(client);
    const id = p.get('orderId');
    return [...this.orders.values(), ...this.replaced].find((o) => o.orderId === id);
  }

  #create(p: URLSearchParams): { status: number; json: unknown; delay?: number } {
    const clientOrderId = p.get('newClientOrderId') ?? `auto-${this.#nextId}`;
    this.createRequests.push(clientOrderId);
    if (this.orders.has(clientOrderId))
      return { status: 400, json: { code: -2010, msg: 'Duplicate order sent.' } };
    if (this.mode === 'reject') {
      return {
        status: 400,
        json: { code: -2010, msg: 'Account has insufficient balance for requested action.' },
      };
    }
    const o: VenueOrder = {
      orderId: String(++this.#nextId),
      clientOrderId,
      side: p.get('side') ?? 'BUY',
      type: p.get('type') ?? 'LIMIT',
      timeInForce: p.get('timeInForce') ?? 'GTC',
      price: p.get('price') ?? '0.00000000',
      origQty: p.get('quantity') ?? '0',
      executedQty: 0,
      quote: 0,
      status: 'NEW',
      time: 1_722_747_600_000 + this.#nextId,
      fills: [],
    };
    this.orders.set(clientOrderId, o);
    const qty = Number(o.origQty);
    if (this.mode === 'partial')
      this.#execute(o, Number((qty / 2).toFixed(5)), Number(o.price) || this.marketPrice);
    else if (o.type === 'MARKET') this.#execute(o, qty, this.marketPrice);
    const delay = this.delayNextCreateMs;
    this.delayNextCreateMs = 0;
    return { status: 200, json: this.#orderBody(o, 'createOrder'), delay };
  }

  /**
   * Binance's documented cancel-replace response: the old order canceled (a partly filled one keeps its fills),
   * a new one (new orderId, the quantity asked for) placed under the same client order id.
   */
  #cancelReplace(p: URLSearchParams): { status: number; json: unknown } {
    this.beforeCancelReplace?.();
    this.beforeCancelReplace = undefined;
    const old = [...this.orders.values()].find((o) => o.orderId === p.get('cancelOrderId'));
    if (old?.status !== 'NEW' && old?.status !== 'PARTIALLY_FILLED') {
      return {
        status: 400,
        json: { code: -2022, msg: 'Order cancel-replace failed.', data: { cancelResult: 'FAILURE' } },
      };
    }
    old.status = 'CANCELED';
    const cancelResponse = { origClientOrderId: old.clientOrderId, ...this.#orderBody(old, 'fetchOrder') };
    this.orders.delete(old.clientOrderId);
    this.replaced.push(old);
    const created = this.#create(p);
    return {
      status: 200,
      json: {
        cancelResult: 'SUCCESS',
        newOrderResult: 'SUCCESS',
        cancelResponse,
        newOrderResponse: created.json,
      },
    };
  }

  #klines(p: URLSearchParams): unknown[] {
    const start = Number(p.get('startTime') ?? 0);
    const limit = Number(p.get('limit') ?? 500);
    const row = (template('fetchOHLCV') as unknown as unknown[][])[0] ?? [];
    return btcBars()
      .filter((b) => b.timestamp >= start)
      .slice(0, limit)
      .map((b) => {
        const r = [...row];
        r[0] = b.timestamp;
        r[1] = String(b.open);
        r[2] = String(b.high);
        r[3] = String(b.low);
        r[4] = String(b.close);
        r[5] = String(b.volume);
        r[6] = b.timestamp + 3_599_999;
        return r;
      });
  }
}
