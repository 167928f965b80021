import { checkReadiness } from '@rrr/secrets';
import ccxt from 'ccxt';
import type { PaperBotConfig } from '../config/schema.js';
import { hasSandbox } from '../venue/sandbox-client.js';
import { inspectPostgres, type SchemaState } from './postgres-state.js';
import { secretSources } from './providers.js';
import { SECRET_NAMES, secretRequirements } from './requirements.js';

/** One check of the report: an `@rrr/secrets` readiness check or one of the bot's (`exchange`, `venue`, `postgres`). */
export interface BotCheck {
  /**
   * `resolve`, `plaintext`, `scan`, `permissions`, `stale` (from `@rrr/secrets`), `exchange`, `venue` or
   * `postgres`.
   */
  readonly id: string;
  /** Passed? */
  readonly ok: boolean;
  /** One-line summary. */
  readonly title: string;
  /** One line per problem (names and paths, never secret values). */
  readonly details: readonly string[];
}

/** Result of {@link checkBotReadiness}. */
export interface BotReadiness {
  /** True when the configured mode can run: every check passed. */
  readonly ok: boolean;
  /** The mode checked. */
  readonly mode: string;
  /** Secret names the mode requires. */
  readonly required: readonly string[];
  /** `@rrr/secrets` readiness checks, then the bot's own (`exchange`, `venue`, `postgres`). */
  readonly checks: readonly BotCheck[];
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Readiness of a configuration: the secrets its mode requires (see `secretRequirements`) are resolved through the
 * `@rrr/secrets` vault (when `RRR_VAULT_KEY_FILE` or `RRR_VAULT_PASSPHRASE` is set; file `RRR_VAULT_PATH`, default
 * `.rrr/secrets.vault`) and then the environment, and `checkReadiness` runs its checks: every required secret
 * resolves and is well-formed, none comes only from a plaintext source (the environment), the config file holds
 * no plaintext secret, the vault, key file and config file are private, nothing is past its rotation date. Then
 * the bot's own: the ccxt exchange exists (live data), the venue is one this bot can send orders to (the sandbox:
 * ccxt has a test environment for the exchange), and in PostgreSQL mode the database answers and the migration
 * state of the order store, audit log and journal (the bot applies missing migrations when it starts).
 *
 * @param config - validated configuration
 * @param options - environment and the config file path (scanned and permission-checked)
 * @returns the report
 */
export async function checkBotReadiness(
  config: PaperBotConfig,
  options: { env: Env; configFile?: string | undefined },
): Promise<BotReadiness> {
  const { mode, schema } = secretRequirements(config);
  const sources = secretSources(options.env);
  const privateFiles = [...sources.privateFiles];
  if (options.configFile !== undefined) privateFiles.push(options.configFile);
  const report = await checkReadiness({
    schema,
    providers: sources.providers,
    scanPaths: options.configFile === undefined ? [] : [options.configFile],
    privateFiles,
  });
  const checks: BotCheck[] = [...report.checks];
  if (config.source === 'ccxt' || config.venue === 'sandbox') {
    const known = ccxt.exchanges.includes(config.exchange);
    checks.push({
      id: 'exchange',
      ok: known,
      title: `ccxt knows the exchange "${config.exchange}"`,
      details: known ? [] : [`exchange: "${config.exchange}" is not a ccxt exchange id`],
    });
  }
  checks.push(venueCheck(config));
  if (config.store.kind === 'postgres') checks.push(await postgresCheck(config, options.env));
  return {
    ok: checks.every((c) => c.ok),
    mode,
    required: Object.keys(schema.shape),
    checks,
  };
}

/**
 * The report as text: the mode, the required secrets, one `PASS`/`FAIL` line per check with its details, and
 * `ready` or `not ready`.
 *
 * @param readiness - a report from {@link checkBotReadiness}
 * @returns printable text ending in a newline
 */
export function formatReadiness(readiness: BotReadiness): string {
  const lines = [
    `paper-bot readiness: ${readiness.mode}`,
    `required secrets: ${readiness.required.length === 0 ? 'none' : readiness.required.join(', ')}`,
  ];
  for (const check of readiness.checks) {
    lines.push(`${check.ok ? 'PASS' : 'FAIL'}  ${check.title}`);
    for (const detail of check.details) lines.push(`      ${detail}`);
  }
  lines.push(readiness.ok ? 'ready' : 'not ready');
  return `${lines.join('\n')}\n`;
}

function venueCheck(config: PaperBotConfig): BotCheck {
  if (config.venue === 'paper') {
    return { id: 'venue', ok: true, title: 'orders can go to the paper venue', details: [] };
  }
  const ok = hasSandbox(config.exchange);
  return {
    id: 'venue',
    ok,
    title: `orders can go to the ${config.exchange} sandbox`,
    details: ok ? [] : [`venue sandbox: ccxt has no test environment for "${config.exchange}" (exchange)`],
  };
}

async function postgresCheck(config: PaperBotConfig, env: Env): Promise<BotCheck> {
  let url = config.store.url;
  for (const provider of secretSources(env).providers) {
    if (url !== undefined) break;
    url = (await provider.get(SECRET_NAMES.databaseUrl))?.value.reveal();
  }
  if (url === undefined) {
    return {
      id: 'postgres',
      ok: false,
      title: 'the PostgreSQL database answers',
      details: ['store.url: no database URL (set PAPER_BOT_DATABASE_URL or store it in the vault)'],
    };
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    return {
      id: 'postgres',
      ok: false,
      title: 'the PostgreSQL database answers',
      details: ['store.url: not a postgres:// or postgresql:// URL'],
    };
  }
  const state = await inspectPostgres(url);
  if (!state.connected) {
    return {
      id: 'postgres',
      ok: false,
      title: `the PostgreSQL database ${state.location} answers`,
      details: [`cannot connect: ${state.error ?? 'unknown error'}`],
    };
  }
  const tooNew = state.schemas.filter((s) => s.expected !== undefined && s.version > s.expected);
  const details = state.schemas.map(
    (s) =>
      `${s.store} schema: v${s.version}${s.expected === undefined ? '' : ` of v${s.expected}`}, ${schemaStatus(s)}`,
  );
  return {
    id: 'postgres',
    ok: tooNew.length === 0,
    title: `the PostgreSQL database ${state.location} answers (server ${state.serverVersion ?? '?'})`,
    details,
  };
}

function schemaStatus(schema: SchemaState): string {
  if (schema.version === 0) return 'not created yet (migrated when the bot starts)';
  if (schema.expected === undefined) return 'applied (migrated by @rrr/orders when the bot starts)';
  if (schema.version < schema.expected) return 'older (migrated when the bot starts)';
  if (schema.version > schema.expected) return 'newer than this bot: upgrade paper-bot';
  return 'current';
}
