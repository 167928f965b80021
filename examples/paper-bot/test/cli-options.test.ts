import { describe, expect, it } from 'vitest';
import { runCli as cli } from './cli-support.js';

async function printed(args: string[], env: Record<string, string> = {}) {
  const { code, out, err } = await cli([...args, '--print-config'], env);
  expect(code, err).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

describe('paper-bot command-line options', () => {
  it('documents --symbols, --venue and --store and their environment variables in --help', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('[--symbols BASE/QUOTE[,BASE/QUOTE...]]');
    expect(out).toContain('[--venue paper|sandbox] [--store sqlite|postgres]');
    expect(out).toMatch(/--venue sandbox send orders to the exchange's test environment/);
    expect(out).toMatch(
      /--store postgres keep orders, audit log and journal in PostgreSQL at PAPER_BOT_DATABASE_URL/,
    );
    for (const name of ['PAPER_BOT_SYMBOLS', 'PAPER_BOT_STORE', 'PAPER_BOT_DATABASE_URL', 'PAPER_BOT_VENUE'])
      expect(out).toContain(name);
  });

  it('maps the flags onto the configuration, over the environment', async () => {
    const config = await printed(
      [
        '--symbols',
        'ETH/USDT, BTC/USDT',
        '--venue',
        'sandbox',
        '--store',
        'postgres',
        '--serve',
        '--port',
        '0',
      ],
      {
        PAPER_BOT_SYMBOLS: 'SOL/USDT',
        PAPER_BOT_STORE: 'sqlite',
        PAPER_BOT_DATABASE_URL: 'postgres://u:p4ss-word@h/db',
      },
    );
    expect(config['symbols']).toEqual(['ETH/USDT', 'BTC/USDT']);
    expect(config['venue']).toBe('sandbox');
    expect(config['store']).toEqual({ kind: 'postgres', url: '[REDACTED]' });
    expect(config['server']).toEqual({ enabled: true, host: '127.0.0.1', port: 0 });
    const defaults = await printed([]);
    expect(defaults['symbols']).toEqual(['BTC/USDT']);
    expect(defaults['store']).toEqual({ kind: 'sqlite' });
    expect(defaults['venue']).toBe('paper');
  });

  it('never prints the database URL or the exchange keys', async () => {
    const env = {
      PAPER_BOT_DATABASE_URL: 'postgresql://bot:pw-never-shown-1@db:5432/paper',
      PAPER_BOT_API_KEY: 'key-never-shown-2',
      PAPER_BOT_API_SECRET: 'secret-never-shown-3',
    };
    const { out } = await cli(['--store', 'postgres', '--print-config'], env);
    for (const value of ['pw-never-shown-1', 'key-never-shown-2', 'secret-never-shown-3'])
      expect(out).not.toContain(value);
  });

  it('rejects bad values with exit code 2 and the field they set', async () => {
    const symbols = await cli(['--symbols', 'BTC/USDT,ETH/BTC', '--print-config']);
    expect(symbols.code).toBe(2);
    expect(symbols.err).toContain('symbols: must all have the same quote currency (got USDT, BTC)');
    const store = await cli(['--store', 'mongo', '--print-config']);
    expect(store.code).toBe(2);
    expect(store.err).toContain('store.kind: must be sqlite or postgres');
    const venue = await cli(['--venue', 'live', '--print-config']);
    expect(venue.code).toBe(2);
    expect(venue.err).toMatch(/venue: /);
    const empty = await cli(['--symbols', ' , ', '--print-config']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('symbols: must name at least one symbol');
    const unknown = await cli(['--stores', 'postgres']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown option '--stores'");
  });
});
