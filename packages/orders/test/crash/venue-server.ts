import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PaperExchange } from '../../src/paper/paper-exchange.js';
import { btcMarket } from '../fixtures.js';
import { orderFromWire, type Wire } from './wire.js';

/** A PaperExchange behind a loopback HTTP server: the venue outlives the order process that gets killed. */
export async function startVenue(): Promise<{
  url: string;
  venue: PaperExchange;
  submits: Map<string, number>;
  server: Server;
}> {
  const venue = new PaperExchange({ markets: [btcMarket], balances: { USDT: 1e12, BTC: 1e6 } });
  const submits = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const input = (body ? JSON.parse(body) : {}) as Wire;
      const reply = async (): Promise<unknown> => {
        switch (req.url) {
          case '/market':
            return venue.market(String(input['symbol']));
          case '/submit': {
            const order = orderFromWire(input);
            submits.set(order.clientOrderId, (submits.get(order.clientOrderId) ?? 0) + 1);
            return venue.submit(order);
          }
          case '/fetchOrder':
            return (await venue.fetchOrder(String(input['clientOrderId']))) ?? null;
          case '/openOrders':
            return venue.fetchOpenOrders();
          default:
            throw new Error(`unknown route ${req.url}`);
        }
      };
      reply().then(
        (value) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        },
        (error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, venue, submits, server };
}
