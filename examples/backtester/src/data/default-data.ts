import { fileURLToPath } from 'node:url';

const fromSource = import.meta.url.includes('/src/');

/** Directory of the embedded nine-asset Binance 2024 hourly set (resolved from `src/` or from `dist/`). */
export const DEFAULT_DATA_DIR = fileURLToPath(
  new URL(fromSource ? '../../data/' : '../data/', import.meta.url),
);

/** The embedded BTC/USDT file (default single-asset run). */
export const DEFAULT_BTC_FILE = `${DEFAULT_DATA_DIR}binance_BTCUSDT_1h_2024.csv.gz`;

/** BTC/USDT 1h 2024-10-01 → 2026-06-20 (default data of the `model` strategy; before 2025 only warm-up). */
export const DEFAULT_MODEL_FILE = `${DEFAULT_DATA_DIR}model/binance_BTCUSDT_1h_2024-10_2026-06.csv.gz`;
