import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type FaultPoint, runPaperBot } from './bot/run.js';
import type { BotState } from './bot/state.js';
import { checkBotReadiness, formatReadiness } from './check/readiness.js';
import { ConfigError, loadConfig, redactedConfig } from './config/load.js';
import { statusLine, summaryText } from './report/format.js';
import { BotServer } from './server/server.js';

const USAGE = `usage: paper-bot [--config FILE] [--speed BARS_PER_SECOND] [--state-dir DIR] [--max-bars N]
                 [--from DATE] [--to DATE] [--serve] [--port N] [--fresh] [--status auto|tty|lines|off]
                 [--source replay|ccxt] [--exchange ID] [--symbols BASE/QUOTE] [--poll-ms N] [--api-url URL]
       paper-bot --print-config [--config FILE] [...]
       paper-bot check [--config FILE] [--source replay|ccxt] [--venue paper|sandbox] [...]
Replays the embedded real BTC/USDT 1h bars of the model's test period (2025-01-01 onward) through model ->
risk -> orders -> paper venue, with SQLite order store, journal and audit log in --state-dir (default
paper-bot-state). Runs resume from the stores; --fresh deletes them first. --source ccxt polls closed 1h
candles from the exchange instead (public data, no keys) and trades them at the paper venue until stopped.
check prints the readiness report of the configured mode (secrets through @rrr/secrets); exit 1 when not ready.
Environment: PAPER_BOT_SPEED, PAPER_BOT_STATE_DIR, PAPER_BOT_MAX_BARS, PAPER_BOT_FROM, PAPER_BOT_TO,
PAPER_BOT_SERVER, PAPER_BOT_PORT, PAPER_BOT_DATA_FILE, PAPER_BOT_SOURCE, PAPER_BOT_EXCHANGE, PAPER_BOT_VENUE,
PAPER_BOT_API_KEY, PAPER_BOT_API_SECRET; for check also RRR_VAULT_KEY_FILE / RRR_VAULT_PASSPHRASE, RRR_VAULT_PATH.`;

interface Io {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly err: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Runs the command line; returns the exit code (0 ok, 1 run failure, 2 bad arguments or configuration).
 *
 * @param argv - arguments after the script name
 * @param io - output streams and environment
 * @returns the exit code
 */
export async function main(
  argv: readonly string[],
  io: Io = { out: process.stdout, err: process.stderr, env: process.env },
): Promise<number> {
  const check = argv[0] === 'check';
  let args: ReturnType<typeof parse>;
  try {
    args = parse(check ? argv.slice(1) : argv);
  } catch (error) {
    io.err.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values } = args;
  if (values.help) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  const overrides: Record<string, unknown> = {};
  const numeric = (value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    return value.trim() === '' || !Number.isFinite(n) ? value : n;
  };
  if (values.speed !== undefined) overrides['speed'] = numeric(values.speed);
  if (values['max-bars'] !== undefined) overrides['maxBars'] = numeric(values['max-bars']);
  if (values['state-dir'] !== undefined) overrides['stateDir'] = values['state-dir'];
  if (values.from !== undefined) overrides['from'] = values.from;
  if (values.to !== undefined) overrides['to'] = values.to;
  if (values.status !== undefined) overrides['status'] = values.status;
  if (values.source !== undefined) overrides['source'] = values.source;
  if (values.exchange !== undefined) overrides['exchange'] = values.exchange;
  if (values.venue !== undefined) overrides['venue'] = values.venue;
  if (values.symbols !== undefined) {
    const symbols = values.symbols
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (symbols.length !== 1) {
      io.err.write(
        `--symbols: this bot trades exactly one symbol (the model's market), got ${symbols.length}: ${values.symbols}\n`,
      );
      return 2;
    }
    overrides['symbol'] = symbols[0];
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    const base = loadConfig({
      ...(values.config === undefined ? {} : { file: values.config }),
      env: io.env,
      overrides,
    });
    const server = { ...base.server };
    if (values.serve) server.enabled = true;
    if (values.port !== undefined) server.port = Number(values.port);
    const live: Record<string, unknown> = { ...base.live };
    if (values['poll-ms'] !== undefined) live['pollMs'] = numeric(values['poll-ms']);
    if (values['api-url'] !== undefined) live['apiUrl'] = values['api-url'];
    config = loadConfig({
      ...(values.config === undefined ? {} : { file: values.config }),
      env: io.env,
      overrides: { ...overrides, server, live },
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (check) {
    const readiness = await checkBotReadiness(config, { env: io.env, configFile: values.config });
    io.out.write(formatReadiness(readiness));
    return readiness.ok ? 0 : 1;
  }
  if (values['print-config']) {
    io.out.write(`${JSON.stringify(redactedConfig(config), null, 2)}\n`);
    return 0;
  }
  if (values.fresh) {
    for (const file of ['orders.db', 'audit.db', 'journal.db']) {
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(join(config.stateDir, file + suffix), { force: true });
    }
  }

  const controller = new AbortController();
  let reason: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    reason = signal;
    io.err.write(`\n${signal}: finishing the current bar, flushing the stores (again to exit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const fault = faultInjection(io.env['PAPER_BOT_FAULT']);
  const tty = config.status === 'tty' || (config.status === 'auto' && io.out.isTTY === true);
  const lines = config.status === 'lines' || (config.status === 'auto' && io.out.isTTY !== true);
  let lastDraw = 0;
  let lastState: BotState | undefined;
  const server = config.server.enabled
    ? await BotServer.listen(config.server.host, config.server.port)
    : undefined;
  if (server) io.out.write(`dashboard ${server.url}/  metrics ${server.url}/metrics\n`);
  try {
    const summary = await runPaperBot(config, {
      signal: controller.signal,
      stopReason: () => reason,
      ...(fault === undefined ? {} : { fault }),
      onStart: ({ metrics, state }) => {
        server?.attach(metrics, state);
        const s = state();
        if (s.barsProcessed > 0)
          io.out.write(`resuming after bar ${s.barsProcessed}/${s.barsTotal} from ${config.stateDir}\n`);
        if (s.barsProcessed >= s.barsTotal)
          io.out.write(`nothing to replay: every bar is already processed (use --fresh to start over)\n`);
      },
      onBar: (state) => {
        lastState = state;
        server?.publish(state);
        if (tty) {
          const now = Date.now();
          if (now - lastDraw >= 100) {
            lastDraw = now;
            // one screen line: a wrapped line could not be redrawn in place
            io.out.write(`\r\x1b[2K${statusLine(state).slice(0, Math.max(20, (io.out.columns ?? 200) - 1))}`);
          }
        } else if (lines && state.barsProcessed % config.statusEvery === 0)
          io.out.write(`${statusLine(state)}\n`);
      },
    });
    if (tty && lastState) io.out.write(`\r\x1b[2K${statusLine(lastState)}\n`);
    else if (lines && lastState && lastState.barsProcessed % config.statusEvery !== 0)
      io.out.write(`${statusLine(lastState)}\n`);
    io.out.write(summaryText(summary));
    return summary.audit.verified ? 0 : 1;
  } catch (error) {
    io.err.write(`paper-bot failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server?.close();
  }
}

/**
 * `PAPER_BOT_FAULT=<point>:<n>` (crash tests only): the process SIGKILLs itself the n-th time it reaches that
 * point inside a bar (`venue_fills` or `order_placed`), i.e. between a store write and the bar's checkpoint.
 */
function faultInjection(spec: string | undefined): ((point: FaultPoint) => void) | undefined {
  if (spec === undefined) return undefined;
  const [point, n] = spec.split(':');
  const target = Number(n);
  let seen = 0;
  return (reached) => {
    if (reached === point && ++seen === target) process.kill(process.pid, 'SIGKILL');
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string' },
      'print-config': { type: 'boolean' },
      speed: { type: 'string' },
      'state-dir': { type: 'string' },
      'max-bars': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      serve: { type: 'boolean' },
      port: { type: 'string' },
      fresh: { type: 'boolean' },
      status: { type: 'string' },
      source: { type: 'string' },
      exchange: { type: 'string' },
      symbols: { type: 'string' },
      venue: { type: 'string' },
      'poll-ms': { type: 'string' },
      'api-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
