import { resolve } from 'node:path';
import { checkReadiness, EnvProvider, FileVault, type SecretProvider, type VaultKey } from '@rrr/secrets';
import ccxt from 'ccxt';
import type { PaperBotConfig } from '../config/schema.js';
import { secretRequirements } from './requirements.js';

/** One check of the report: an `@rrr/secrets` readiness check or one of the bot's (`exchange`, `venue`). */
export interface BotCheck {
  /** `resolve`, `plaintext`, `scan`, `permissions`, `stale` (from `@rrr/secrets`), `exchange` or `venue`. */
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
  /** `@rrr/secrets` readiness checks, then the bot's own (`exchange`, `venue`). */
  readonly checks: readonly BotCheck[];
}

type Env = Readonly<Record<string, string | undefined>>;

function vaultKey(env: Env): VaultKey | undefined {
  const keyFile = env['RRR_VAULT_KEY_FILE'];
  if (keyFile !== undefined && keyFile !== '') return { keyFile: resolve(keyFile) };
  const passphrase = env['RRR_VAULT_PASSPHRASE'];
  if (passphrase !== undefined && passphrase !== '') return { passphrase };
  return undefined;
}

/**
 * Readiness of a configuration: the secrets its mode requires (see `secretRequirements`) are resolved through the
 * `@rrr/secrets` vault (when `RRR_VAULT_KEY_FILE` or `RRR_VAULT_PASSPHRASE` is set; file `RRR_VAULT_PATH`, default
 * `.rrr/secrets.vault`) and then the environment, and `checkReadiness` runs its checks: every required secret
 * resolves and is well-formed, none comes only from a plaintext source (the environment), the config file holds
 * no plaintext secret, the vault, key file and config file are private, nothing is past its rotation date. Then
 * the bot's own: the ccxt exchange exists (live data), and the venue is one this bot can send orders to.
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
  const providers: SecretProvider[] = [];
  const privateFiles: string[] = [];
  const key = vaultKey(options.env);
  const vaultPath = resolve(options.env['RRR_VAULT_PATH'] ?? '.rrr/secrets.vault');
  if (key !== undefined) {
    providers.push(new FileVault({ path: vaultPath, key }));
    if ('keyFile' in key) privateFiles.push(key.keyFile);
    privateFiles.push(vaultPath);
  }
  providers.push(new EnvProvider({ env: { ...options.env } }));
  if (options.configFile !== undefined) privateFiles.push(options.configFile);
  const report = await checkReadiness({
    schema,
    providers,
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
  const sandbox = config.venue === 'sandbox';
  checks.push({
    id: 'venue',
    ok: !sandbox,
    title: `orders can go to the ${sandbox ? 'exchange sandbox' : 'paper venue'}`,
    details: sandbox
      ? [
          'venue sandbox: this bot does not send orders to an exchange test environment yet (paper venue only)',
        ]
      : [],
  });
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
