import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog, type AuditSink } from '@rrr/audit';
import { Redactor } from '@rrr/secrets';
import { type Logger, pino } from 'pino';
import type { PaperBotConfig } from '../config/schema.js';
import { type BotMetrics, createMetrics } from '../server/metrics.js';
import { AuditQueue } from './audit-bridge.js';
import { createLogger } from './logger.js';

/** The run's cross-cutting services: redaction, audit log, structured log, metrics. */
export interface RunServices {
  /** Removes the configured credentials (API keys, database URL and password) from everything written. */
  readonly redactor: Redactor;
  /** The audit log over the stores' sink (payloads redacted). */
  readonly audit: AuditLog;
  /** Batches a step's audit records into one commit. */
  readonly queue: AuditQueue;
  /** JSON log lines in `<stateDir>/bot.log`, redacted. */
  readonly log: Logger;
  /** The log's file (flushed at the end of the run). */
  readonly logFile: ReturnType<typeof pino.destination>;
  /** Prometheus metrics on their own registry. */
  readonly metrics: BotMetrics;
}

/** The database URL and its password: a programmatic caller may pass them in the configuration. */
function storeSecrets(config: PaperBotConfig): string[] {
  const url = config.store.url;
  if (url === undefined) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? [url] : [url, password];
  } catch {
    return [url];
  }
}

/**
 * Creates the run's services. The log is written synchronously (a line is on disk when the call returns), so the
 * log of a killed process is complete up to the kill.
 *
 * @param config - configuration (credentials to redact, state directory of the log)
 * @param sink - the audit sink of the stores
 * @returns the services
 */
export function openServices(config: PaperBotConfig, sink: AuditSink): RunServices {
  const redactor = new Redactor();
  for (const value of [config.credentials.apiKey, config.credentials.apiSecret, ...storeSecrets(config)])
    if (value !== undefined && value !== '') redactor.add(value);
  const audit = new AuditLog({ sink, redactor: (value) => redactor.redactValue(value) });
  mkdirSync(config.stateDir, { recursive: true });
  const logFile = pino.destination({ dest: join(config.stateDir, 'bot.log'), sync: true, append: true });
  return {
    redactor,
    audit,
    queue: new AuditQueue(audit),
    log: createLogger(logFile, redactor),
    logFile,
    metrics: createMetrics(),
  };
}
