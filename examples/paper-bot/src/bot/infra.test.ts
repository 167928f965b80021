import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteSink } from '@rrr/audit/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { openServices } from './infra.js';

const PASSWORD = 'pw-4f9c2e71b8';
const URL_WITH_PASSWORD = `postgres://bot:${PASSWORD}@127.0.0.1:5432/paper`;

describe('openServices redaction', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a database URL passed programmatically, and its password, out of the log and the audit records', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'paper-bot-infra-'));
    dirs.push(stateDir);
    const config = loadConfig({
      env: {},
      overrides: { stateDir, 'store.kind': 'postgres', 'store.url': URL_WITH_PASSWORD },
    });
    const sink = new SqliteSink({ path: join(stateDir, 'audit.db') });
    const services = openServices(config, sink);
    services.log.info({ url: config.store.url, note: `connecting with ${PASSWORD}` }, 'store');
    services.logFile.flushSync();
    await services.audit.append({
      kind: 'config.changed',
      actor: 'test',
      payload: { key: 'store.url', before: 'none', after: URL_WITH_PASSWORD, reason: `pw ${PASSWORD}` },
    });
    const records = (await services.audit.query({ limit: 10 })).records;
    await services.audit.close();
    services.logFile.end();

    const log = readFileSync(join(stateDir, 'bot.log'), 'utf8');
    expect(log).toContain('connecting with');
    expect(log).not.toContain(PASSWORD);
    expect(records).toHaveLength(1);
    const stored = JSON.stringify(records[0]?.payload);
    expect(stored).toContain('store.url');
    expect(stored).not.toContain(PASSWORD);
    expect(readFileSync(join(stateDir, 'audit.db')).includes(PASSWORD)).toBe(false);
  });
});
