export type { FaultPoint, ResumeInfo, RunOptions, RunSummary } from './bot/run.js';
export { BAR_MS, runPaperBot } from './bot/run.js';
export type { BotState, FillView, OrderView, PredictionView } from './bot/state.js';
export { type BotCheck, type BotReadiness, checkBotReadiness, formatReadiness } from './check/readiness.js';
export { SECRET_NAMES, type SecretRequirements, secretRequirements } from './check/requirements.js';
export { ConfigError, ENV_VARS, loadConfig, redactedConfig } from './config/load.js';
export {
  configSchema,
  DEFAULT_RISK_LIMITS,
  type PaperBotConfig,
  type PaperBotConfigInput,
} from './config/schema.js';
export { DEFAULT_DATA_FILE, loadBars } from './data/bars.js';
export { LiveBars, type LiveBarsOptions, type WallClock } from './data/live.js';
export { statusLine, summaryText } from './report/format.js';
export { type BotMetrics, createMetrics } from './server/metrics.js';
export { BotServer } from './server/server.js';
