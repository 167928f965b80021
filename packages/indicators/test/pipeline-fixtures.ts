import { fileURLToPath } from 'node:url';
import type { OhlcvSeries } from '../src/series/index.js';
import { readOhlcvCsvFile } from '../src/series/index.js';

/** Absolute path of a file in test/fixtures/pipeline. */
export function pipelineFixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/pipeline/${name}`, import.meta.url));
}

/** Real BTC/USDT 1m bars, 2024-08-04 22:00 → 2024-08-06 02:02 UTC (1,683 bars). */
export function btc1m(): OhlcvSeries {
  return readOhlcvCsvFile(pipelineFixturePath('binance_BTCUSDT_1m_2024-08-04T22_2024-08-06T02.csv.gz'));
}

/** Real BTC/USDT 5m bars downloaded independently, 2024-08-04 22:00 → 2024-08-06 01:55 UTC (336 bars). */
export function btc5m(): OhlcvSeries {
  return readOhlcvCsvFile(pipelineFixturePath('binance_BTCUSDT_5m_2024-08-04T22_2024-08-06T02.csv'));
}

/** Real BTC/USDT 1h bars with exchange gaps, 2018-01-01 → 2018-02-28 UTC (1,382 bars). */
export function btc1h(): OhlcvSeries {
  return readOhlcvCsvFile(pipelineFixturePath('binance_BTCUSDT_1h_2018-01_2018-02.csv.gz'));
}

/** Daily bars derived from the 1h source file, 2018-01-01 → 2018-02-28 UTC (59 bars). */
export function btc1d(): OhlcvSeries {
  return readOhlcvCsvFile(pipelineFixturePath('binance_BTCUSDT_1d_2018-01_2018-02.csv'));
}
