import type { BotVenue } from '../bot/seams.js';
import type { PaperBotConfig } from '../config/schema.js';
import { openSandboxVenue } from './sandbox.js';
import { SandboxVenueError } from './sandbox-client.js';

/**
 * The venue the configuration names, when it is not the default: `venue: sandbox` opens the exchange's test
 * environment with the resolved credentials (see `resolveRunSecrets`); `venue: paper` returns undefined, and
 * `runPaperBot` builds its in-process paper venue from the stores.
 *
 * @param config - validated configuration, secrets resolved
 * @returns the venue for `runPaperBot(config, { venue })`, or undefined for the paper venue
 * @throws `SandboxVenueError` without credentials, for an unknown exchange or one without a test environment
 * @example
 * ```ts
 * const config = await resolveRunSecrets(loadConfig({ env: process.env }), process.env);
 * const venue = await openBotVenue(config);
 * await runPaperBot(config, venue === undefined ? {} : { venue });
 * ```
 */
export async function openBotVenue(config: PaperBotConfig): Promise<BotVenue | undefined> {
  if (config.venue === 'paper') return undefined;
  const { apiKey, apiSecret } = config.credentials;
  if (apiKey === undefined || apiSecret === undefined) {
    throw new SandboxVenueError(
      'no_credentials',
      'credentials: the sandbox venue needs PAPER_BOT_API_KEY and PAPER_BOT_API_SECRET (vault or environment)',
    );
  }
  return openSandboxVenue({
    exchange: config.exchange,
    apiKey,
    apiSecret,
    timeoutMs: config.sandbox.timeoutMs,
    apiUrl: config.sandbox.apiUrl,
    symbols: config.symbols,
    barTime: config.source === 'replay',
  });
}
