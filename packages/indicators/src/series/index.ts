export { barAt, seriesFromBars, seriesFromColumns } from './constructors.js';
export { parseOhlcvCsv, readOhlcvCsvFile } from './csv.js';
export { findGaps, type Gap } from './gaps.js';
export { parseTimeframe, TIMEFRAMES } from './timeframe.js';
export type { Bar, OhlcvColumns, OhlcvSeries } from './types.js';
export { validateSeries } from './validate.js';
