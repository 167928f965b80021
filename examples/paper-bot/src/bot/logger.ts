import type { Redactor } from '@rrr/secrets';
import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * A pino JSON logger whose every argument (message and merged objects) passes through the redactor first.
 *
 * @param destination - where the JSON lines go
 * @param redactor - removes secret values
 * @returns the logger
 */
export function createLogger(destination: DestinationStream, redactor: Redactor): Logger {
  return pino(
    {
      base: { app: 'paper-bot' },
      hooks: {
        logMethod(args, method) {
          const safe = args.map((arg) => redactor.redactValue(arg)) as Parameters<typeof method>;
          method.apply(this, safe);
        },
      },
    },
    destination,
  );
}
