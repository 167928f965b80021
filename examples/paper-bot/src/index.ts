export { paperMarket } from './bot/markets.js';
export { createPaperVenue, type PaperVenueOptions } from './bot/paper-venue.js';
export type { FaultPoint, ResumeInfo, RunOptions, RunSummary, SymbolSummary } from './bot/run.js';
export { BAR_MS, runPaperBot } from './bot/run.js';
export type { BotJournal, BotStores, BotVenue, JournalBar } from './bot/seams.js';
export { openSqliteStores } from './bot/sqlite-stores.js';
export type { BotState, FillView, OrderView, PositionView, PredictionView } from './bot/state.js';
export { inspectPostgres, type PostgresState } from './check/postgres-state.js';
export { type BotCheck, type BotReadiness, checkBotReadiness, formatReadiness } from './check/readiness.js';
export { SECRET_NAMES, type SecretRequirements, secretRequirements } from './check/requirements.js';
export { ConfigError, ENV_VARS, loadConfig, redactedConfig } from './config/load.js';
export {
  configSchema,
  DEFAULT_RISK_LIMITS,
  type PaperBotConfig,
  type PaperBotConfigInput,
} from './config/schema.js';
export { DEFAULT_DATA_FILE, embeddedDataFile, loadBars } from './data/bars.js';
export { type LiveFeedOptions, liveFeed, type MarketFeed, replayFeed, replayFiles } from './data/feed.js';
export { LiveBars, type LiveBarsOptions, type WallClock } from './data/live.js';
export { mergeTimeline, type TimeStep } from './data/timeline.js';
export {
  BACKTEST_TRADES_COLUMNS,
  type CompareOptions,
  compareTrades,
  type DriftField,
  DriftInputError,
  type DriftReport,
  type DriftTrade,
  type FormatOptions,
  formatDriftReport,
  parseBacktestTradesCsv,
  type TradeDrift,
  tradesFromFills,
  type WriteDriftReportOptions,
  writeDriftReport,
} from './drift/index.js';
export { SqliteJournal, type SqliteJournalOptions } from './journal/journal.js';
export { statusLine, summaryText } from './report/format.js';
export { type BotMetrics, createMetrics } from './server/metrics.js';
export { BotServer } from './server/server.js';
export { JOURNAL_MIGRATIONS, JOURNAL_SCHEMA_VERSION } from './stores/journal-migrations.js';
export { openBotStores, StoreConfigError } from './stores/open.js';
export { openPostgresStores, postgresLocation } from './stores/postgres.js';
export { JournalSchemaError, PostgresJournal } from './stores/postgres-journal.js';
export { openBotVenue } from './venue/open.js';
export { openSandboxVenue, type SandboxVenueOptions } from './venue/sandbox.js';
export { createSandboxClient, hasSandbox, SandboxVenueError } from './venue/sandbox-client.js';
