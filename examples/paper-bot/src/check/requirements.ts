import type { SecretSchema } from '@rrr/secrets';
import { z } from 'zod';
import type { PaperBotConfig } from '../config/schema.js';

/** Names under which the bot looks up exchange credentials (vault entries or environment variables). */
export const SECRET_NAMES = { apiKey: 'PAPER_BOT_API_KEY', apiSecret: 'PAPER_BOT_API_SECRET' } as const;

const credential = (field: string) =>
  z
    .string()
    .min(16, `${field}: must be at least 16 characters`)
    .regex(/^\S+$/, `${field}: must not contain whitespace`);

/** What a mode of the bot needs, for the readiness report. */
export interface SecretRequirements {
  /** One-line description of the mode (`paper replay`, `live ccxt:binance candles + paper venue`, …). */
  readonly mode: string;
  /** The `@rrr/secrets` schema of the secrets this mode requires (an empty object when none). */
  readonly schema: SecretSchema;
}

/**
 * The secrets required per mode: the replay and live public candles need none (orders go to the in-process paper
 * venue); `venue: sandbox` needs the exchange API key and secret.
 *
 * @param config - validated configuration
 * @returns the mode and its secret schema
 */
export function secretRequirements(config: PaperBotConfig): SecretRequirements {
  const data = config.source === 'ccxt' ? `live ${config.exchange} candles` : 'replay of the embedded bars';
  if (config.venue === 'sandbox') {
    return {
      mode: `${data}, orders to the ${config.exchange} sandbox`,
      schema: z.object({
        [SECRET_NAMES.apiKey]: credential(SECRET_NAMES.apiKey),
        [SECRET_NAMES.apiSecret]: credential(SECRET_NAMES.apiSecret),
      }),
    };
  }
  return { mode: `${data}, orders to the paper venue`, schema: z.object({}) };
}
