// Crash-test child: reconciles, then submits market orders forever, printing "ack <id>" once create() resolved.
import { OrderManager } from '../../src/manager/order-manager.js';
import { SqliteOrderStore } from '../../src/sqlite/sqlite-store.js';
import { HttpExchange } from './http-exchange.js';

const [dbPath, url, round] = process.argv.slice(2);
if (!dbPath || !url || !round) throw new Error('usage: child <db> <venue url> <round>');
const store = SqliteOrderStore.open(dbPath);
const manager = new OrderManager({
  exchange: new HttpExchange(url),
  store,
  clock: { now: () => Date.now() },
});
const report = await manager.start();
process.stdout.write(
  `report ${JSON.stringify({ ...report, untracked: report.untracked.length, resubmitted: report.resubmitted.length })}\n`,
);
for (let i = 0; ; i++) {
  const id = `r${round}-${i}`;
  await manager.create({
    clientOrderId: id,
    symbol: 'BTC/USDT',
    side: i % 2 ? 'sell' : 'buy',
    type: 'market',
    quantity: '0.001',
  });
  process.stdout.write(`ack ${id}\n`);
}
