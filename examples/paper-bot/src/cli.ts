import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Fill } from '@rrr/orders';
import { isSecretsError } from '@rrr/secrets';
import type { FaultPoint } from './bot/options.js';
import { runPaperBot } from './bot/run.js';
import type { BotStores, BotVenue } from './bot/seams.js';
import { SQLITE_STORE_FILES } from './bot/sqlite-stores.js';
import type { BotState } from './bot/state.js';
import { checkBotReadiness, formatReadiness } from './check/readiness.js';
import { resolveRunSecrets } from './check/run-secrets.js';
import { ConfigError, loadConfig, redactedConfig, splitSymbols } from './config/load.js';
import type { PaperBotConfig } from './config/schema.js';
import { DriftInputError, writeDriftReport } from './drift/index.js';
import { statusLine, summaryText } from './report/format.js';
import { BotServer } from './server/server.js';
import { openBotStores } from './stores/open.js';
import { openBotVenue } from './venue/open.js';

const USAGE = `usage: paper-bot [--config FILE] [--speed BARS_PER_SECOND] [--state-dir DIR] [--max-bars N]
                 [--from DATE] [--to DATE] [--serve] [--port N] [--fresh] [--status auto|tty|lines|off]
                 [--symbols BASE/QUOTE[,BASE/QUOTE...]] [--source replay|ccxt] [--exchange ID]
                 [--poll-ms N] [--api-url URL] [--venue paper|sandbox] [--store sqlite|postgres]
       paper-bot --print-config [--config FILE] [...]
       paper-bot check [--config FILE] [--source replay|ccxt] [--venue paper|sandbox] [--store sqlite|postgres] [...]
       paper-bot drift --backtest TRADES_CSV [--out FILE] [--all] [--config FILE] [--state-dir DIR] [--store ...]
Replays the embedded real BTC/USDT 1h bars of the model's test period (2025-01-01 onward) through model ->
risk -> orders -> paper venue, with order store, journal and audit log in SQLite files in --state-dir (default
paper-bot-state). Runs resume from the stores; --fresh deletes the SQLite files first.
  --symbols       markets to trade, one quote currency (default BTC/USDT)
  --source ccxt   poll closed 1h candles from --exchange instead of the replay (public data, no keys)
  --venue sandbox send orders to the exchange's test environment (ccxt sandbox mode) with the keys
                  PAPER_BOT_API_KEY / PAPER_BOT_API_SECRET from the @rrr/secrets vault or the environment;
                  config field sandbox.apiUrl re-points it (a proxy or a local test server)
  --store postgres keep orders, audit log and journal in PostgreSQL at PAPER_BOT_DATABASE_URL (vault or
                  environment, never the config file); each store migrates its schema on start
check prints the readiness report of the configured mode (secrets through @rrr/secrets, the sandbox, the
PostgreSQL connection and schema versions); exit 1 when not ready.
drift compares the bot's fills in its stores with the backtester's trades.csv of the same period, trade by trade,
and writes a Markdown report (default <state-dir>/drift.md; --all lists every trade); exit 1 when they differ.
Environment: PAPER_BOT_SPEED, PAPER_BOT_STATE_DIR, PAPER_BOT_MAX_BARS, PAPER_BOT_FROM, PAPER_BOT_TO,
PAPER_BOT_SERVER, PAPER_BOT_PORT, PAPER_BOT_DATA_FILE, PAPER_BOT_SYMBOLS, PAPER_BOT_SOURCE, PAPER_BOT_EXCHANGE,
PAPER_BOT_VENUE, PAPER_BOT_STORE, PAPER_BOT_DATABASE_URL, PAPER_BOT_API_KEY, PAPER_BOT_API_SECRET; for secrets
also RRR_VAULT_KEY_FILE / RRR_VAULT_PASSPHRASE, RRR_VAULT_PATH.`;

interface Io {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly err: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

type Values = ReturnType<typeof parse>['values'];

function numeric(value: string | undefined): string | number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return value.trim() === '' || !Number.isFinite(n) ? value : n;
}

/** Command-line flags as `loadConfig` overrides (dotted keys set one nested field). */
function overridesOf(values: Values): Record<string, unknown> {
  const flags: [string, unknown][] = [
    ['speed', numeric(values.speed)],
    ['maxBars', numeric(values['max-bars'])],
    ['stateDir', values['state-dir']],
    ['from', values.from],
    ['to', values.to],
    ['status', values.status],
    ['source', values.source],
    ['exchange', values.exchange],
    ['venue', values.venue],
    ['symbols', values.symbols === undefined ? undefined : splitSymbols(values.symbols)],
    ['store.kind', values.store],
    ['server.enabled', values.serve ? true : undefined],
    ['server.port', numeric(values.port)],
    ['live.pollMs', numeric(values['poll-ms'])],
    ['live.apiUrl', values['api-url']],
  ];
  return Object.fromEntries(flags.filter(([, value]) => value !== undefined));
}

/**
 * Runs the command line; returns the exit code (0 ok, 1 run failure, 2 bad arguments, configuration or secrets).
 *
 * @param argv - arguments after the script name
 * @param io - output streams and environment
 * @returns the exit code
 * @example
 * ```ts
 * process.exitCode = await main(['--store', 'postgres', '--max-bars', '100']);
 * ```
 */
export async function main(
  argv: readonly string[],
  io: Io = { out: process.stdout, err: process.stderr, env: process.env },
): Promise<number> {
  const command = argv[0] === 'check' || argv[0] === 'drift' ? argv[0] : 'run';
  let values: Values;
  try {
    values = parse(command === 'run' ? argv : argv.slice(1)).values;
  } catch (error) {
    io.err.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  const driftOnly = (['backtest', 'out', 'all'] as const).find((flag) => values[flag] !== undefined);
  if (command !== 'drift' && driftOnly !== undefined) {
    io.err.write(`--${driftOnly}: only for paper-bot drift\n${USAGE}\n`);
    return 2;
  }
  let config: PaperBotConfig;
  try {
    config = loadConfig({
      ...(values.config === undefined ? {} : { file: values.config }),
      env: io.env,
      overrides: overridesOf(values),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (command === 'drift') return drift(config, values, io);
  if (command === 'check') {
    const readiness = await checkBotReadiness(config, { env: io.env, configFile: values.config });
    io.out.write(formatReadiness(readiness));
    return readiness.ok ? 0 : 1;
  }
  if (values['print-config']) {
    io.out.write(`${JSON.stringify(redactedConfig(config), null, 2)}\n`);
    return 0;
  }
  if (values.fresh) {
    if (config.store.kind === 'postgres') {
      io.err.write(
        '--fresh: only deletes the SQLite files of --state-dir; PostgreSQL stores are kept (the audit log is ' +
          'append-only): start over with a new database\n',
      );
      return 2;
    }
    for (const file of SQLITE_STORE_FILES) {
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(join(config.stateDir, file + suffix), { force: true });
    }
  }
  try {
    config = await resolveRunSecrets(config, io.env);
  } catch (error) {
    if (!isSecretsError(error)) throw error;
    io.err.write(`paper-bot: ${error.message}\n(run \`paper-bot check\` for the readiness report)\n`);
    return 2;
  }
  return run(config, io);
}

/**
 * `paper-bot drift`: the bot's fills from its stores against the backtester's `trades.csv`, written as a Markdown
 * drift report; exit 0 when every trade matches, 1 when they drift, 2 for bad input.
 */
async function drift(config: PaperBotConfig, values: Values, io: Io): Promise<number> {
  if (values.backtest === undefined) {
    io.err.write("--backtest: paper-bot drift needs the backtester's trades.csv of the same period\n");
    return 2;
  }
  let csv: string;
  try {
    csv = readFileSync(values.backtest, 'utf8');
  } catch (error) {
    io.err.write(`--backtest: cannot read ${values.backtest} (${(error as Error).message})\n`);
    return 2;
  }
  if (config.store.kind === 'sqlite' && !existsSync(join(config.stateDir, 'orders.db'))) {
    io.err.write(`state-dir: no orders.db in ${config.stateDir}: run the bot first\n`);
    return 2;
  }
  let resolved: PaperBotConfig;
  try {
    // only the stores are opened: the sandbox keys are not needed
    resolved = await resolveRunSecrets({ ...config, venue: 'paper' }, io.env);
  } catch (error) {
    if (!isSecretsError(error)) throw error;
    io.err.write(`paper-bot: ${error.message}\n`);
    return 2;
  }
  const stores = await openBotStores(resolved);
  let fills: Fill[];
  try {
    fills = await stores.orders.fills();
  } finally {
    await closeStores(stores);
  }
  const out = values.out ?? join(config.stateDir, 'drift.md');
  try {
    const report = writeDriftReport({ fills, backtestTradesCsv: csv, out, all: values.all === true });
    io.out.write(
      `drift report ${out}: ${report.identical ? 'no drift' : 'DRIFT'} — bot ${report.botTrades} trades, ` +
        `backtest ${report.backtestTrades}; ${report.matched} matched (${report.differing} differing), ` +
        `${report.missingInBot} missing in the bot, ${report.extraInBot} extra; pnl drift ${report.pnlDrift.toFixed(8)}\n`,
    );
    return report.identical ? 0 : 1;
  } catch (error) {
    if (!(error instanceof DriftInputError)) throw error;
    io.err.write(`--backtest: ${error.message}\n`);
    return 2;
  }
}

/** Opens the configured stores and venue, runs the bot until the data ends or a signal, prints the summary. */
async function run(config: PaperBotConfig, io: Io): Promise<number> {
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
  const display = statusDisplay(config, io);
  let server: BotServer | undefined;
  try {
    server = config.server.enabled
      ? await BotServer.listen(config.server.host, config.server.port)
      : undefined;
    if (server) io.out.write(`dashboard ${server.url}/  metrics ${server.url}/metrics\n`);
    const stores = await openBotStores(config);
    let venue: BotVenue | undefined;
    try {
      venue = await openBotVenue(config);
    } catch (error) {
      await closeStores(stores);
      throw error;
    }
    // The database URL (it holds the password) is only needed to open the stores: the run, its audit manifest and
    // its log never see it.
    const summary = await runPaperBot(
      { ...config, store: { kind: config.store.kind } },
      {
        signal: controller.signal,
        stopReason: () => reason,
        stores,
        ...(venue === undefined ? {} : { venue }),
        ...(fault === undefined ? {} : { fault }),
        onStart: ({ metrics, state }) => {
          server?.attach(metrics, state);
          const s = state();
          if (s.barsProcessed > 0)
            io.out.write(`resuming after bar ${s.barsProcessed}/${s.barsTotal} from ${stores.location}\n`);
          if (s.barsProcessed >= s.barsTotal)
            io.out.write(
              `nothing to replay: every bar is already processed (${config.store.kind === 'sqlite' ? 'use --fresh' : 'use a new database'} to start over)\n`,
            );
        },
        onBar: (state) => {
          server?.publish(state);
          display.bar(state);
        },
      },
    );
    display.end();
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

async function closeStores(stores: BotStores): Promise<void> {
  await Promise.allSettled([stores.orders.close(), stores.audit.close(), stores.journal.close()]);
}

/** The live status: one line redrawn in place on a TTY, or a plain line every `statusEvery` bars. */
function statusDisplay(config: PaperBotConfig, io: Io): { bar(state: BotState): void; end(): void } {
  const tty = config.status === 'tty' || (config.status === 'auto' && io.out.isTTY === true);
  const lines = config.status === 'lines' || (config.status === 'auto' && io.out.isTTY !== true);
  let lastDraw = 0;
  let last: BotState | undefined;
  return {
    bar(state) {
      last = state;
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
    end() {
      if (tty && last) io.out.write(`\r\x1b[2K${statusLine(last)}\n`);
      else if (lines && last && last.barsProcessed % config.statusEvery !== 0)
        io.out.write(`${statusLine(last)}\n`);
    },
  };
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
      store: { type: 'string' },
      'poll-ms': { type: 'string' },
      'api-url': { type: 'string' },
      backtest: { type: 'string' },
      out: { type: 'string' },
      all: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
