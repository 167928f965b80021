import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactedConfig } from './load.js';

function configFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'paper-bot-config-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, content);
  return file;
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills every default', () => {
    const config = loadConfig();
    expect(config.symbol).toBe('BTC/USDT');
    expect(config.speed).toBe(0);
    expect(config.strategy.minConfidence).toBe(0.45);
    expect(config.riskLimits.killSwitch).toEqual({ maxDrawdown: 0.25, action: 'reduce' });
    expect(config.server.enabled).toBe(false);
  });

  it('layers file, environment and overrides in that order', () => {
    const file = configFile(JSON.stringify({ speed: 5, initialCash: 2500, strategy: { stopLoss: 0.01 } }));
    const config = loadConfig({
      file,
      env: { PAPER_BOT_SPEED: '50', PAPER_BOT_PORT: '0' },
      overrides: { maxBars: 7 },
    });
    expect(config.speed).toBe(50);
    expect(config.initialCash).toBe(2500);
    expect(config.strategy.stopLoss).toBe(0.01);
    expect(config.strategy.takeProfit).toBe(0.03);
    expect(config.server.port).toBe(0);
    expect(config.maxBars).toBe(7);
  });

  it('reports every bad field with its path and the environment variable it came from', () => {
    const file = configFile(
      JSON.stringify({
        symbol: 'btcusdt',
        strategy: { kellyFraction: 2 },
        riskLimits: { defaults: { priceCollar: 3 } },
        bogus: 1,
      }),
    );
    const problems = problemsOf(() => loadConfig({ file, env: { PAPER_BOT_SPEED: 'fast' } }));
    expect(problems).toHaveLength(5);
    expect(problems.find((p) => p.startsWith('symbol: '))).toContain('BASE/QUOTE');
    expect(problems.find((p) => p.startsWith('strategy.kellyFraction: '))).toContain('<= 1');
    expect(problems.some((p) => p.startsWith('speed (from PAPER_BOT_SPEED): '))).toBe(true);
    expect(problems.some((p) => p.startsWith('riskLimits.defaults.priceCollar: '))).toBe(true);
    expect(problems.some((p) => p.includes('bogus'))).toBe(true);
  });

  it('names unreadable and malformed files', () => {
    expect(problemsOf(() => loadConfig({ file: '/nonexistent/paper-bot.json' }))[0]).toMatch(
      /^config file: cannot read/,
    );
    expect(problemsOf(() => loadConfig({ file: configFile('{ nope') }))[0]).toMatch(/is not valid JSON/);
    expect(problemsOf(() => loadConfig({ file: configFile('[1]') }))[0]).toMatch(
      /must contain a JSON object/,
    );
  });

  it('redacts credentials for --print-config', () => {
    const config = loadConfig({
      env: { PAPER_BOT_API_KEY: 'key-abcdef123', PAPER_BOT_API_SECRET: 'sec-9876543210' },
    });
    expect(config.credentials.apiSecret).toBe('sec-9876543210');
    const printed = JSON.stringify(redactedConfig(config));
    expect(printed).not.toContain('key-abcdef123');
    expect(printed).not.toContain('sec-9876543210');
    expect(redactedConfig(config).credentials).toEqual({ apiKey: '[REDACTED]', apiSecret: '[REDACTED]' });
  });
});
