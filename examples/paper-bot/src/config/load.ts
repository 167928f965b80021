import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { configSchema, type PaperBotConfig } from './schema.js';

/** A configuration that failed validation: one line per bad field. */
export class ConfigError extends Error {
  /** `path: message` per problem. */
  readonly problems: readonly string[];

  /**
   * @param problems - one line per bad field
   */
  constructor(problems: readonly string[]) {
    super(`invalid paper-bot configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Environment variables read by {@link loadConfig}, and the config path each one sets. */
export const ENV_VARS = {
  PAPER_BOT_DATA_FILE: 'dataFile',
  PAPER_BOT_SPEED: 'speed',
  PAPER_BOT_STATE_DIR: 'stateDir',
  PAPER_BOT_MAX_BARS: 'maxBars',
  PAPER_BOT_FROM: 'from',
  PAPER_BOT_TO: 'to',
  PAPER_BOT_PORT: 'server.port',
  PAPER_BOT_SERVER: 'server.enabled',
  PAPER_BOT_SOURCE: 'source',
  PAPER_BOT_EXCHANGE: 'exchange',
  PAPER_BOT_VENUE: 'venue',
  PAPER_BOT_SYMBOLS: 'symbols',
  PAPER_BOT_STORE: 'store.kind',
  PAPER_BOT_DATABASE_URL: 'store.url',
  PAPER_BOT_API_KEY: 'credentials.apiKey',
  PAPER_BOT_API_SECRET: 'credentials.apiSecret',
} as const;

const NUMERIC = new Set(['speed', 'maxBars', 'server.port']);

type Json = Record<string, unknown>;

function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) node = child as Json;
    else {
      const created: Json = {};
      node[key] = created;
      node = created;
    }
  }
  const last = keys[keys.length - 1];
  if (last !== undefined) node[last] = value;
}

/**
 * Splits a comma-separated symbol list (`--symbols BTC/USDT,ETH/USDT`, `PAPER_BOT_SYMBOLS`).
 *
 * @param list - symbols separated by commas, blanks around them ignored
 * @returns the non-empty entries
 * @example
 * ```ts
 * splitSymbols('BTC/USDT, ETH/USDT'); // ['BTC/USDT', 'ETH/USDT']
 * ```
 */
export function splitSymbols(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Sets one field of a layer (a dotted key such as `store.kind` sets a nested field). A later layer naming
 * `symbols` replaces an earlier `symbol` alias and the other way round.
 */
function layer(target: Json, key: string, value: unknown): void {
  if (key === 'symbols') delete target['symbol'];
  if (key === 'symbol') delete target['symbols'];
  setPath(target, key, value);
}

function envValue(path: string, raw: string): unknown {
  if (path === 'symbols') return splitSymbols(raw);
  if (path === 'server.enabled')
    return raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : raw;
  if (NUMERIC.has(path)) {
    const n = Number(raw);
    return raw.trim() === '' || !Number.isFinite(n) ? raw : n;
  }
  return raw;
}

function describe(issue: z.core.$ZodIssue, fromEnv: ReadonlyMap<string, string>): string {
  const path = issue.path.map(String).join('.') || '(root)';
  const env = fromEnv.get(path) ?? fromEnv.get(String(issue.path[0]));
  const where = env === undefined ? path : `${path} (from ${env})`;
  return `${where}: ${issue.message}`;
}

/**
 * Reads the configuration: defaults, then the JSON file (when given), then `PAPER_BOT_*` environment variables,
 * then `overrides` (top-level keys, or dotted keys such as `store.kind` for one nested field); validates the result
 * with zod.
 *
 * @param options - file path, environment and programmatic overrides
 * @returns the validated configuration
 * @throws {@link ConfigError} listing every bad field (with the environment variable it came from)
 * @example
 * ```ts
 * const config = loadConfig({ file: 'paper-bot.json', env: process.env, overrides: { 'store.kind': 'postgres' } });
 * config.symbols; // ['BTC/USDT'] unless the file or PAPER_BOT_SYMBOLS says otherwise
 * ```
 */
export function loadConfig(
  options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Json } = {},
): PaperBotConfig {
  let raw: Json = {};
  if (options.file !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      throw new ConfigError([`config file: cannot read ${options.file} (${(error as Error).message})`]);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new ConfigError([`config file: ${options.file} must contain a JSON object`]);
      }
      raw = parsed as Json;
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError([`config file: ${options.file} is not valid JSON (${(error as Error).message})`]);
    }
    const store = raw['store'];
    if (typeof store === 'object' && store !== null && 'url' in store) {
      throw new ConfigError([
        'store.url: must not be written in the config file (it holds the database password); set ' +
          'PAPER_BOT_DATABASE_URL in the environment or the @rrr/secrets vault',
      ]);
    }
  }
  const fromEnv = new Map<string, string>();
  const env = options.env ?? {};
  for (const [name, path] of Object.entries(ENV_VARS)) {
    const value = env[name];
    if (value === undefined) continue;
    layer(raw, path, envValue(path, value));
    fromEnv.set(path, name);
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) layer(raw, key, value);
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => describe(i, fromEnv)));
  return result.data;
}

/**
 * The configuration with every credential (exchange keys, the database URL) replaced by `[REDACTED]`, for
 * `--print-config`.
 *
 * @param config - a validated configuration
 * @returns a JSON-safe copy
 * @example
 * ```ts
 * const config = loadConfig({ env: process.env });
 * console.log(JSON.stringify(redactedConfig(config), null, 2));
 * ```
 */
export function redactedConfig(config: PaperBotConfig): PaperBotConfig {
  const credentials: PaperBotConfig['credentials'] = {};
  if (config.credentials.apiKey !== undefined) credentials.apiKey = '[REDACTED]';
  if (config.credentials.apiSecret !== undefined) credentials.apiSecret = '[REDACTED]';
  const store: PaperBotConfig['store'] = { kind: config.store.kind };
  if (config.store.url !== undefined) store.url = '[REDACTED]';
  return { ...config, credentials, store };
}
