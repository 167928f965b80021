import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

type Json = Record<string, unknown>;
const recorded = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/ccxt/coinbase.response.json', import.meta.url)), 'utf8'),
) as { methods: Record<string, { httpResponse: { orders: Json[] } }[]> };
/** The recorded Advanced Trade order object (fetchClosedOrders fixture) used as the shape of every order. */
const orderTemplate = recorded.methods['fetchClosedOrders']?.[0]?.httpResponse.orders[0] ?? {};
/** The recorded Advanced Trade ticker body (fetchTicker fixture): the shape of every ticker answer. */
const tickerTemplate = (recorded.methods['fetchTicker']?.[0]?.httpResponse ?? {}) as unknown as Json;
/** The recorded Advanced Trade fill object (fetchMyTrades fixture) used as the shape of every fill. */
const fillTemplate =
  (recorded.methods['fetchMyTrades']?.[0]?.httpResponse as unknown as { fills: Json[] } | undefined)
    ?.fills[0] ?? {};

// Coinbase Advanced Trade's documented product shape (GET /api/v3/brokerage/market/products), one product.
const product = {
  product_id: 'BTC-USDT',
  price: '60735',
  price_percentage_change_24h: '0',
  volume_24h: '0',
  volume_percentage_change_24h: '0',
  base_increment: '0.00000001',
  quote_increment: '0.01',
  quote_min_size: '1',
  quote_max_size: '10000000',
  base_min_size: '0.00000001',
  base_max_size: '3400',
  base_name: 'Bitcoin',
  quote_name: 'Tether',
  watched: false,
  is_disabled: false,
  new: false,
  status: 'online',
  cancel_only: false,
  limit_only: false,
  post_only: false,
  trading_disabled: false,
  auction_mode: false,
  product_type: 'SPOT',
  quote_currency_id: 'USDT',
  base_currency_id: 'BTC',
  mid_market_price: '',
  alias: '',
  alias_to: [],
  base_display_symbol: 'BTC',
  quote_display_symbol: 'USDT',
  view_only: false,
  price_increment: '0.01',
  display_name: 'BTC-USDT',
  product_venue: 'CBE',
};

/** A loopback HTTP server answering ccxt's Coinbase Advanced Trade calls with Coinbase's documented shapes. */
export class CoinbaseServer {
  readonly orders = new Map<string, Json>();
  readonly createBodies: Json[] = [];
  readonly fills: Json[] = [];
  reject = false;
  delayNextCreateMs = 0;
  /** Best bid and ask the ticker endpoint reports. */
  bestBid = 60_735;
  bestAsk = 60_735.5;
  /** Price at which market orders execute (in full, at once). */
  marketPrice = 60_735;
  /** Ticker requests received. */
  tickerRequests = 0;
  /** Bodies of the edit requests received. */
  readonly editBodies: Json[] = [];
  url = '';
  #server: Server | undefined;
  #seq = 0;

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const { status, json, delay } = this.#route(
          req.method ?? 'GET',
          url,
          body ? (JSON.parse(body) as Json) : {},
        );
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

  /**
   * Executes `size` (base) of an order at `price` (average price and fees follow). The order is FILLED once its
   * base size is reached, or when `done` (a quote-sized market order spent its quote).
   */
  fill(clientOrderId: string, size: number, price: number, done = false): void {
    const o = [...this.orders.values()].find((x) => x['client_order_id'] === clientOrderId);
    if (!o) throw new Error(`no order ${clientOrderId}`);
    const filled = Number((Number(o['filled_size']) + size).toFixed(8));
    const value = Number((Number(o['filled_value']) + size * price).toFixed(8));
    const config = Object.values(o['order_configuration'] as Record<string, Json>)[0] ?? {};
    Object.assign(o, {
      filled_size: String(filled),
      filled_value: String(value),
      average_filled_price: String(value / filled),
      total_fees: (value * 0.006).toFixed(8),
      number_of_fills: String(Number(o['number_of_fills']) + 1),
      status: done || filled >= Number(config['base_size']) ? 'FILLED' : 'OPEN',
    });
    this.fills.push({
      ...structuredClone(fillTemplate),
      entry_id: `entry-${this.fills.length + 1}`,
      trade_id: `trade-${this.fills.length + 1}`,
      order_id: o['order_id'],
      trade_time: '2024-08-04T05:00:01.000Z',
      price: String(price),
      size: String(size),
      commission: (size * price * 0.006).toFixed(8),
      product_id: o['product_id'],
      sequence_timestamp: '2024-08-04T05:00:01.000Z',
      liquidity_indicator: o['order_type'] === 'MARKET' ? 'TAKER' : 'MAKER',
      size_in_quote: o['size_in_quote'],
      side: o['side'],
    });
  }

  #route(method: string, url: URL, body: Json): { status: number; json: unknown; delay?: number } {
    const path = url.pathname;
    if (path.startsWith('/v2/')) return { status: 200, json: { data: [] } };
    if (path === '/api/v3/brokerage/market/products') {
      const futures = url.searchParams.get('product_type') === 'FUTURE';
      return { status: 200, json: { products: futures ? [] : [product], num_products: futures ? 0 : 1 } };
    }
    if (path === '/api/v3/brokerage/transaction_summary') {
      return {
        status: 200,
        json: {
          total_volume: 0,
          total_fees: 0,
          fee_tier: { pricing_tier: '', taker_fee_rate: '0.006', maker_fee_rate: '0.004' },
        },
      };
    }
    if (path === '/api/v3/brokerage/market/products/BTC-USDT/ticker') {
      this.tickerRequests += 1;
      const ticker = structuredClone(tickerTemplate);
      const trades = (ticker['trades'] as Json[] | undefined) ?? [];
      for (const t of trades) Object.assign(t, { product_id: 'BTC-USDT', price: String(this.marketPrice) });
      Object.assign(ticker, { best_bid: String(this.bestBid), best_ask: String(this.bestAsk) });
      return { status: 200, json: ticker };
    }
    if (path === '/api/v3/brokerage/orders' && method === 'POST') return this.#create(body);
    if (path === '/api/v3/brokerage/orders/edit' && method === 'POST') return this.#edit(body);
    if (path === '/api/v3/brokerage/orders/batch_cancel') {
      const ids = (body['order_ids'] as string[] | undefined) ?? [];
      return {
        status: 200,
        json: {
          results: ids.map((id) => {
            const o = this.orders.get(id);
            const ok = o?.['status'] === 'OPEN';
            if (o && ok) o['status'] = 'CANCELLED';
            return {
              success: ok,
              failure_reason: ok ? 'UNKNOWN_CANCEL_FAILURE_REASON' : 'UNKNOWN_CANCEL_ORDER',
              order_id: id,
            };
          }),
        },
      };
    }
    if (path === '/api/v3/brokerage/orders/historical/fills') {
      const orderId = url.searchParams.get('order_id');
      return {
        status: 200,
        json: { fills: this.fills.filter((f) => !orderId || f['order_id'] === orderId), cursor: '' },
      };
    }
    if (path === '/api/v3/brokerage/orders/historical/batch') {
      const productId = url.searchParams.get('product_id');
      const status = url.searchParams.getAll('order_status');
      const orders = [...this.orders.values()]
        .filter((o) => !productId || o['product_id'] === productId)
        .filter((o) => status.length === 0 || status.includes(String(o['status'])));
      return { status: 200, json: { orders, sequence: '0', has_next: false, cursor: '' } };
    }
    const single = /^\/api\/v3\/brokerage\/orders\/historical\/([^/]+)$/.exec(path);
    if (single?.[1]) {
      const o = this.orders.get(single[1]);
      return o
        ? { status: 200, json: { order: o } }
        : { status: 404, json: { error: 'NOT_FOUND', message: 'order with this orderID was not found' } };
    }
    return { status: 404, json: { error: 'NOT_FOUND', message: `unknown ${method} ${path}` } };
  }

  #create(body: Json): { status: number; json: unknown; delay?: number } {
    this.createBodies.push(body);
    const clientOrderId = String(body['client_order_id']);
    const config = body['order_configuration'] as Record<string, Json>;
    const existing = [...this.orders.values()].find((o) => o['client_order_id'] === clientOrderId);
    if (this.reject) {
      return {
        status: 200,
        json: {
          success: false,
          failure_reason: 'UNKNOWN_FAILURE_REASON',
          order_id: '',
          error_response: {
            error: 'INSUFFICIENT_FUND',
            message: 'Insufficient balance in source account',
            error_details: '',
            preview_failure_reason: 'PREVIEW_INSUFFICIENT_FUND',
          },
          order_configuration: config,
        },
      };
    }
    // Coinbase: a client_order_id that is not unique creates nothing and returns the existing order.
    const order = existing ?? this.#newOrder(clientOrderId, body, config);
    const delay = this.delayNextCreateMs;
    this.delayNextCreateMs = 0;
    return {
      status: 200,
      delay,
      json: {
        success: true,
        failure_reason: 'UNKNOWN_FAILURE_REASON',
        order_id: order['order_id'],
        success_response: {
          order_id: order['order_id'],
          product_id: order['product_id'],
          side: order['side'],
          client_order_id: clientOrderId,
        },
        order_configuration: config,
      },
    };
  }

  #newOrder(clientOrderId: string, body: Json, config: Record<string, Json>): Json {
    this.#seq += 1;
    const id = `0000000${this.#seq}-b659-432f-9490-c7cefe949564`;
    const kind = Object.keys(config)[0] ?? '';
    const order: Json = {
      ...structuredClone(orderTemplate),
      order_id: id,
      client_order_id: clientOrderId,
      product_id: body['product_id'],
      side: body['side'],
      order_configuration: config,
      status: 'OPEN',
      time_in_force: kind.endsWith('_ioc') ? 'IMMEDIATE_OR_CANCEL' : 'GOOD_UNTIL_CANCELLED',
      order_type: kind.startsWith('market')
        ? 'MARKET'
        : kind.startsWith('stop_limit')
          ? 'STOP_LIMIT'
          : 'LIMIT',
      filled_size: '0',
      filled_value: '0',
      average_filled_price: '0',
      total_fees: '0',
      number_of_fills: '0',
      created_time: '2024-08-04T05:00:00.000000Z',
    };
    this.orders.set(id, order);
    const quoteSize = config[kind]?.['quote_size'];
    if (quoteSize !== undefined) {
      // a quote-sized market buy spends its quote: the base it gets is quote / price, to the base increment
      order['size_in_quote'] = true;
      const base = Math.floor((Number(quoteSize) / this.marketPrice) * 1e8) / 1e8;
      this.fill(clientOrderId, base, this.marketPrice, true);
    } else if (kind.startsWith('market')) {
      this.fill(clientOrderId, Number(config[kind]?.['base_size']), this.marketPrice);
    }
    return order;
  }

  /**
   * Coinbase's edit: the order keeps its id; `size` is its new total base size (what filled included), which
   * must exceed what filled. Answers with the documented `{ success, errors }` body only.
   */
  #edit(body: Json): { status: number; json: unknown } {
    this.editBodies.push(body);
    const o = this.orders.get(String(body['order_id']));
    const config = o && (Object.values(o['order_configuration'] as Record<string, Json>)[0] ?? {});
    const size = Number(body['size'] ?? config?.['base_size']);
    const failure =
      !o || !config || o['status'] !== 'OPEN'
        ? 'ORDER_NOT_OPEN'
        : size <= Number(o['filled_size'])
          ? 'INVALID_EDITED_SIZE'
          : undefined;
    if (!o || !config || failure) {
      return {
        status: 200,
        json: {
          success: false,
          errors: [
            { edit_failure_reason: failure, preview_failure_reason: 'UNKNOWN_PREVIEW_FAILURE_REASON' },
          ],
        },
      };
    }
    if (body['size'] !== undefined) config['base_size'] = String(body['size']);
    if (body['price'] !== undefined) config['limit_price'] = String(body['price']);
    (o['edit_history'] as Json[]).push({
      price: config['limit_price'],
      size: config['base_size'],
      replace_accept_timestamp: '2024-08-04T05:00:02.000Z',
    });
    return {
      status: 200,
      json: {
        success: true,
        errors: [
          {
            edit_failure_reason: 'UNKNOWN_EDIT_ORDER_FAILURE_REASON',
            preview_failure_reason: 'UNKNOWN_PREVIEW_FAILURE_REASON',
          },
        ],
      },
    };
  }
}
