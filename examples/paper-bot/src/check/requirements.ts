import type { SecretSchema } from '@rrr/secrets';
import { z } from 'zod';
import type { PaperBotConfig } from '../config/schema.js';

/** Names under which the bot looks up its secrets (vault entries or environment variables). */
export const SECRET_NAMES = {
  apiKey: 'PAPER_BOT_API_KEY',
  apiSecret: 'PAPER_BOT_API_SECRET',
  databaseUrl: 'PAPER_BOT_DATABASE_URL',
} as const;

const credential = (field: string) =>
  z
    .string()
    .min(16, `${field}: must be at least 16 characters`)
    .regex(/^\S+$/, `${field}: must not contain whitespace`);

const databaseUrl = z
  .string()
  .regex(
    /^postgres(ql)?:\/\/\S+$/,
    `${SECRET_NAMES.databaseUrl}: must be a postgres:// or postgresql:// URL`,
  );

/** What a mode of the bot needs, for the readiness report. */
export interface SecretRequirements {
  /** One-line description of the mode (`paper replay`, `live ccxt:binance candles + paper venue`, …). */
  readonly mode: string;
  /** The `@rrr/secrets` schema of the secrets this mode requires (an empty object when none). */
  readonly schema: SecretSchema;
}

/**
 * The secrets required per mode: the replay and live public candles need none (orders go to the in-process paper
 * venue); `venue: sandbox` needs the exchange API key and secret; `store.kind: postgres` needs the database URL
 * (it carries the password).
 *
 * @param config - validated configuration
 * @returns the mode and its secret schema
 * @example
 * ```ts
 * const { mode, schema } = secretRequirements(loadConfig({ overrides: { venue: 'sandbox' } }));
 * Object.keys(schema.shape); // ['PAPER_BOT_API_KEY', 'PAPER_BOT_API_SECRET']
 * ```
 */
export function secretRequirements(config: PaperBotConfig): SecretRequirements {
  const data = config.source === 'ccxt' ? `live ${config.exchange} candles` : 'replay of the embedded bars';
  const sandbox = config.venue === 'sandbox';
  const postgres = config.store.kind === 'postgres';
  const venue = sandbox ? `orders to the ${config.exchange} sandbox` : 'orders to the paper venue';
  const store = postgres ? ', stores in PostgreSQL' : '';
  const shape: Record<string, z.ZodString> = {};
  if (sandbox) {
    shape[SECRET_NAMES.apiKey] = credential(SECRET_NAMES.apiKey);
    shape[SECRET_NAMES.apiSecret] = credential(SECRET_NAMES.apiSecret);
  }
  if (postgres) shape[SECRET_NAMES.databaseUrl] = databaseUrl;
  return { mode: `${data}, ${venue}${store}`, schema: z.object(shape) };
}
