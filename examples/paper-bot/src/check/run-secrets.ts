import { MemoryProvider, type SecretProvider, SecretsManager } from '@rrr/secrets';
import type { PaperBotConfig } from '../config/schema.js';
import { secretSources } from './providers.js';
import { SECRET_NAMES, secretRequirements } from './requirements.js';

/**
 * The configuration with the secrets its mode requires filled in: `credentials` (sandbox venue) and `store.url`
 * (PostgreSQL stores). Values already in the configuration win; the others are resolved through the `@rrr/secrets`
 * schema of the mode (see `secretRequirements`) from the vault, then the environment. Filling them into the
 * configuration is what makes the bot's redactor know them, wherever they came from.
 *
 * @param config - validated configuration
 * @param env - environment (vault settings, `PAPER_BOT_*` secrets)
 * @returns the configuration to run with
 * @throws `SecretsResolutionError` (from `@rrr/secrets`) naming every missing or malformed secret, never a value
 * @example
 * ```ts
 * const ready = await resolveRunSecrets(loadConfig({ env: process.env }), process.env);
 * ready.store.url; // the PostgreSQL URL, from PAPER_BOT_DATABASE_URL or the vault
 * ```
 */
export async function resolveRunSecrets(
  config: PaperBotConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PaperBotConfig> {
  const { schema } = secretRequirements(config);
  if (Object.keys(schema.shape).length === 0) return config;
  const given = new MemoryProvider();
  const known: [string, string | undefined][] = [
    [SECRET_NAMES.apiKey, config.credentials.apiKey],
    [SECRET_NAMES.apiSecret, config.credentials.apiSecret],
    [SECRET_NAMES.databaseUrl, config.store.url],
  ];
  for (const [name, value] of known) if (value !== undefined) await given.set(name, value);
  const providers: SecretProvider[] = [given, ...secretSources(env).providers];
  const secrets = await new SecretsManager({ schema, providers }).resolve();
  const value = (name: string): string | undefined =>
    (secrets as Record<string, { reveal(): string } | undefined>)[name]?.reveal();
  const apiKey = value(SECRET_NAMES.apiKey);
  const apiSecret = value(SECRET_NAMES.apiSecret);
  const url = value(SECRET_NAMES.databaseUrl);
  return {
    ...config,
    credentials: {
      ...config.credentials,
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(apiSecret === undefined ? {} : { apiSecret }),
    },
    store: { ...config.store, ...(url === undefined ? {} : { url }) },
  };
}
