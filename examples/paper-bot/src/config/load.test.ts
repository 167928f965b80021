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
    expect(config.symbols).toEqual(['BTC/USDT']);
    expect(config.store).toEqual({ kind: 'sqlite' });
    expect(config.venue).toBe('paper');
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
    expect(
      problems.some((p) => p.includes('btcusdt')),
      'a bad value is not echoed',
    ).toBe(false);
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

  it('reads symbols from the file, PAPER_BOT_SYMBOLS or the one-symbol alias', () => {
    expect(loadConfig({ file: configFile(JSON.stringify({ symbol: 'ETH/USDT' })) }).symbols).toEqual([
      'ETH/USDT',
    ]);
    expect(
      loadConfig({ file: configFile(JSON.stringify({ symbols: ['ETH/USDT', 'SOL/USDT'] })) }).symbols,
    ).toEqual(['ETH/USDT', 'SOL/USDT']);
    const fromEnv = loadConfig({
      file: configFile(JSON.stringify({ symbol: 'ETH/USDT' })),
      env: { PAPER_BOT_SYMBOLS: 'BTC/USDT, ETH/USDT' },
    });
    expect(fromEnv.symbols, 'the environment replaces the file alias').toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(
      loadConfig({ env: { PAPER_BOT_SYMBOLS: 'BTC/USDT' }, overrides: { symbol: 'SOL/USDT' } }).symbols,
    ).toEqual(['SOL/USDT']);
    expect('symbol' in loadConfig(), 'the alias is folded into symbols').toBe(false);
  });

  it('rejects an empty list, mixed quote currencies, duplicates, bad entries and symbol plus symbols', () => {
    expect(problemsOf(() => loadConfig({ overrides: { symbols: [] } }))).toEqual([
      'symbols: must name at least one symbol',
    ]);
    expect(problemsOf(() => loadConfig({ env: { PAPER_BOT_SYMBOLS: 'BTC/USDT,ETH/BTC' } }))).toEqual([
      'symbols (from PAPER_BOT_SYMBOLS): must all have the same quote currency (got USDT, BTC)',
    ]);
    expect(problemsOf(() => loadConfig({ overrides: { symbols: ['BTC/USDT', 'BTC/USDT'] } }))).toEqual([
      'symbols.1: duplicate symbol BTC/USDT',
    ]);
    const bad = problemsOf(() => loadConfig({ env: { PAPER_BOT_SYMBOLS: 'BTC/USDT,eth-usdt' } }));
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^symbols\.1 \(from PAPER_BOT_SYMBOLS\): must look like BASE\/QUOTE/);
    expect(problemsOf(() => loadConfig({ overrides: { symbols: 'BTC/USDT' } }))).toEqual([
      'symbols: must be a list of BASE/QUOTE symbols',
    ]);
    const both = configFile(JSON.stringify({ symbol: 'BTC/USDT', symbols: ['ETH/USDT'] }));
    expect(problemsOf(() => loadConfig({ file: both }))).toEqual([
      'symbol: give either symbol (a one-symbol alias) or symbols, not both',
    ]);
  });

  it('reads the store kind from file, env or dotted override and the database URL only from the environment', () => {
    const url = 'postgres://bot:pw-s3cret-42@db.example:5432/paper';
    const config = loadConfig({
      file: configFile(JSON.stringify({ store: { kind: 'sqlite' } })),
      env: { PAPER_BOT_STORE: 'postgres', PAPER_BOT_DATABASE_URL: url },
    });
    expect(config.store).toEqual({ kind: 'postgres', url });
    expect(
      loadConfig({ env: { PAPER_BOT_DATABASE_URL: url }, overrides: { 'store.kind': 'postgres' } }).store,
    ).toEqual({
      kind: 'postgres',
      url,
    });
    const printed = JSON.stringify(redactedConfig(config));
    expect(printed).not.toContain('pw-s3cret-42');
    expect(redactedConfig(config).store).toEqual({ kind: 'postgres', url: '[REDACTED]' });

    expect(
      problemsOf(() =>
        loadConfig({ file: configFile(JSON.stringify({ store: { kind: 'postgres', url } })) }),
      )[0],
    ).toMatch(/^store\.url: must not be written in the config file .*PAPER_BOT_DATABASE_URL/);
    expect(problemsOf(() => loadConfig({ env: { PAPER_BOT_STORE: 'mysql' } }))).toEqual([
      'store.kind (from PAPER_BOT_STORE): must be sqlite or postgres',
    ]);
    const badUrl = problemsOf(() =>
      loadConfig({ env: { PAPER_BOT_DATABASE_URL: 'mysql://u:hunter22@h/db' } }),
    );
    expect(badUrl).toEqual([
      'store.url (from PAPER_BOT_DATABASE_URL): must be a postgres:// or postgresql:// URL',
    ]);
    expect(problemsOf(() => loadConfig({ overrides: { store: { kind: 'sqlite', path: 'x' } } }))[0]).toMatch(
      /^store: .*path/,
    );
  });

  it('rejects an unknown venue by name', () => {
    expect(problemsOf(() => loadConfig({ env: { PAPER_BOT_VENUE: 'live' } }))[0]).toMatch(
      /^venue \(from PAPER_BOT_VENUE\): /,
    );
  });
});
