import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseRiskLimitsConfig, type RiskLimitsConfig } from '@rrr/risk';
import { auditLine, recordManifest } from './audit/manifest-log.js';
import { loadData } from './data/bars.js';
import { DEFAULT_BTC_FILE, DEFAULT_DATA_DIR, DEFAULT_MODEL_FILE } from './data/default-data.js';
import { type BacktestConfig, DEFAULT_CONFIG, PAPER_BOT_PRESET } from './engine/config.js';
import { runModelFiles } from './model/run-model.js';
import { consoleSummary } from './report/console.js';
import { num, pct } from './report/format.js';
import { manifestOf, readManifest, replayManifest } from './report/manifest.js';
import { writeOutputs } from './report/write.js';
import { type Run, runFiles } from './run.js';
import { STRATEGIES } from './strategies/index.js';
import { MODEL_STRATEGY } from './strategies/model.js';

const KNOWN_STRATEGIES = [...Object.keys(STRATEGIES), MODEL_STRATEGY];

import { parseGrid } from './sweep/grid.js';
import { progressBar, runSweep } from './sweep/sweep.js';
import { walkForward } from './sweep/walk-forward.js';

const USAGE = `usage: backtest [--strategy ${KNOWN_STRATEGIES.join('|')}] [--data <csv|csv.gz|dir|all>]
                [--params k=v,...] [--out <dir>] [--cash N] [--fee RATE] [--slippage-bps N]
                [--participation F|none] [--same-bar stop_first|target_first] [--seed N]
                [--risk-limits <RiskLimitsConfig.json>] [--sizing risk|kelly] [--kelly-fraction F]
                [--rules backtester|paper-bot] [--from DATE] [--to DATE]   (--from/--to: model with paper-bot rules)
       backtest --manifest <manifest.json> [--out <dir>]
       backtest --sweep "fast=5|10|20;slow=50|100" [--threads N] [--sort sharpe] [--walk-forward FOLDS]
                [other options as above]
default data: the embedded BTC/USDT 2024 hourly file (model: BTC/USDT 2024-10 → 2026-06, trading from 2025);
--data all: all nine embedded symbols`;

/** Parses `k=v,k2=v2` into numbers, naming the bad entry. */
export function parseParams(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const [key, value] = part.split('=');
    const n = Number(value);
    if (!key || value === undefined || value.trim() === '' || !Number.isFinite(n)) {
      throw new Error(`--params entry "${part}" must be name=number`);
    }
    out[key.trim()] = n;
  }
  return out;
}

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number (got "${value}")`);
  return n;
}

function timeOption(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new Error(`--${name} must be an ISO date or ms since the epoch (got "${value}")`);
  return ms;
}

/** Reads a RiskLimitsConfig JSON file, validated by @rrr/risk (its errors name the bad field). */
function readRiskLimits(path: string): RiskLimitsConfig {
  // The JSON is untrusted: parseRiskLimitsConfig validates it with zod at runtime despite the static type.
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RiskLimitsConfig;
  parseRiskLimitsConfig(raw);
  return raw;
}

/** Runs the CLI with the given arguments; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      strategy: { type: 'string' },
      data: { type: 'string' },
      params: { type: 'string' },
      out: { type: 'string' },
      cash: { type: 'string' },
      fee: { type: 'string' },
      'slippage-bps': { type: 'string' },
      participation: { type: 'string' },
      'same-bar': { type: 'string' },
      seed: { type: 'string' },
      manifest: { type: 'string' },
      sweep: { type: 'string' },
      threads: { type: 'string' },
      sort: { type: 'string' },
      'walk-forward': { type: 'string' },
      'risk-limits': { type: 'string' },
      sizing: { type: 'string' },
      'kelly-fraction': { type: 'string' },
      rules: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // npm run -w changes the working directory; paths are relative to where the user typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const out = (name: string): string => resolve(base, values.out ?? `backtest-output/${name}`);
  let run: Run;
  if (values.manifest) {
    run = await replayManifest(readManifest(resolve(base, values.manifest)));
  } else {
    const sameBar = values['same-bar'] ?? DEFAULT_CONFIG.sameBarRule;
    if (sameBar !== 'stop_first' && sameBar !== 'target_first') {
      throw new Error(`--same-bar must be stop_first or target_first (got "${sameBar}")`);
    }
    const strategy = values.strategy ?? 'sma-cross';
    if (!KNOWN_STRATEGIES.includes(strategy)) {
      throw new Error(`--strategy "${strategy}" is unknown (known: ${KNOWN_STRATEGIES.join(', ')})`);
    }
    const isModel = strategy === MODEL_STRATEGY;
    const sizing = values.sizing ?? DEFAULT_CONFIG.sizing;
    if (sizing !== 'risk' && sizing !== 'kelly')
      throw new Error(`--sizing must be risk or kelly (got "${sizing}")`);
    const rules = values.rules ?? DEFAULT_CONFIG.rules;
    if (rules !== 'backtester' && rules !== 'paper-bot')
      throw new Error(`--rules must be backtester or paper-bot (got "${rules}")`);
    // --rules paper-bot starts from the bot's settings; explicit options still override them.
    const defaults: BacktestConfig =
      rules === 'paper-bot' ? { ...DEFAULT_CONFIG, ...PAPER_BOT_PRESET } : DEFAULT_CONFIG;
    const fee = numberOption('fee', values.fee, defaults.takerFeeRate);
    const participation =
      values.participation === 'none'
        ? null
        : values.participation === undefined
          ? defaults.participation
          : numberOption('participation', values.participation, 0.1);
    const config: BacktestConfig = {
      ...defaults,
      strategy,
      params: parseParams(values.params),
      initialCash: numberOption('cash', values.cash, DEFAULT_CONFIG.initialCash),
      takerFeeRate: fee,
      makerFeeRate: fee,
      slippageBps: numberOption('slippage-bps', values['slippage-bps'], DEFAULT_CONFIG.slippageBps),
      participation,
      sameBarRule: sameBar,
      seed: numberOption('seed', values.seed, DEFAULT_CONFIG.seed),
      sizing,
      kellyFraction: numberOption('kelly-fraction', values['kelly-fraction'], defaults.kellyFraction),
      riskLimits: values['risk-limits']
        ? readRiskLimits(resolve(base, values['risk-limits']))
        : defaults.riskLimits,
      from: timeOption('from', values.from),
      to: timeOption('to', values.to),
    };
    if (!isModel && (config.from !== null || config.to !== null)) {
      throw new Error('--from / --to select the traded bars of the model strategy only');
    }
    const data =
      values.data === 'all'
        ? DEFAULT_DATA_DIR
        : values.data
          ? resolve(base, values.data)
          : isModel
            ? DEFAULT_MODEL_FILE
            : DEFAULT_BTC_FILE;
    const files = loadData(data);
    if (isModel && values.sweep) {
      throw new Error('--sweep does not support the model strategy (its inference runs before the engine)');
    }
    if (values.sweep && values['walk-forward']) {
      await walk(
        values.sweep,
        files.map((f) => f.path),
        config,
        values,
        numberOption('walk-forward', values['walk-forward'], 3),
      );
      return 0;
    }
    if (values.sweep) {
      await sweep(
        values.sweep,
        files.map((f) => f.path),
        config,
        values.threads,
        values.sort,
        out(`sweep-${strategy}`),
      );
      return 0;
    }
    run = isModel ? await runModelFiles(files, config) : runFiles(files, config);
  }
  const manifest = manifestOf(run);
  const dir = out(run.result.config.strategy);
  const written = writeOutputs(run, dir, manifest);
  process.stdout.write(consoleSummary(run));
  if (run.model) {
    const m = run.model;
    const calls = Object.entries(m.calls)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    process.stdout.write(
      `\nmodel ${m.name} ${m.version} (onnx sha256 ${m.sha256.slice(0, 12)}): trading after ${new Date(m.trainingEnd).toISOString()}, ` +
        `${m.warmUpBars} earlier bars for warm-up only; ${m.predicted} predictions, skipped ${m.skipped.warmUp} (warm-up) + ${m.skipped.gap} (gap); calls: ${calls}\n`,
    );
  }
  const brief = {
    code: manifest.code,
    data: manifest.data.map((d) => ({ symbol: d.symbol, sha256: d.sha256 })),
    seed: manifest.seed,
  };
  process.stdout.write(`\nmanifest ${JSON.stringify(brief)}\n`);
  process.stdout.write(`wrote ${Object.values(written).join(', ')}\n`);
  const audited = await recordManifest(manifest, dir);
  process.stdout.write(`${auditLine(audited)}\n`);
  return audited.verification.ok ? 0 : 1;
}

const SORTABLE = [
  'totalReturn',
  'cagr',
  'sharpe',
  'sortino',
  'calmar',
  'maxDrawdown',
  'profitFactor',
  'expectancy',
  'sqn',
] as const;

async function sweep(
  text: string,
  paths: string[],
  config: BacktestConfig,
  threadsText: string | undefined,
  sortText: string | undefined,
  dir: string,
): Promise<void> {
  const sortBy = (sortText ?? 'sharpe') as (typeof SORTABLE)[number];
  if (!SORTABLE.includes(sortBy))
    throw new Error(`--sort must be one of ${SORTABLE.join(', ')} (got "${sortText}")`);
  const threads = numberOption('threads', threadsText, Math.max(1, Math.min(2, availableParallelism())));
  const started = performance.now();
  const rows = await runSweep({
    paths,
    config,
    grid: parseGrid(text),
    threads,
    sortBy,
    onProgress: (done, total) => process.stderr.write(`\r${progressBar(done, total)}`),
  });
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');
  const names = Object.keys(rows[0]?.params ?? {});
  const header = [...names, 'return', 'sharpe', 'maxDD', 'trades', 'pf'];
  const lines = rows.map((r) => [
    ...names.map((n) => String(r.params[n])),
    pct(r.metrics.totalReturn),
    num(r.metrics.sharpe),
    pct(r.metrics.maxDrawdown),
    String(r.metrics.trades),
    num(r.metrics.profitFactor),
  ]);
  process.stdout.write(`${[header, ...lines].map((l) => l.join('\t')).join('\n')}\n`);
  process.stdout.write(
    `${rows.length} runs ${threads > 0 ? `on ${threads} worker threads` : 'in this thread'} in ${seconds.toFixed(1)} s, sorted by ${sortBy}\n`,
  );
  mkdirSync(dir, { recursive: true });
  const csv = [header.join(','), ...lines.map((l) => l.join(','))].join('\n');
  writeFileSync(join(dir, 'sweep.csv'), `${csv}\n`);
  process.stdout.write(`wrote ${join(dir, 'sweep.csv')}\n`);
}

async function walk(
  text: string,
  paths: string[],
  config: BacktestConfig,
  values: { threads?: string | undefined; sort?: string | undefined },
  folds: number,
): Promise<void> {
  const sortBy = (values.sort ?? 'sharpe') as (typeof SORTABLE)[number];
  if (!SORTABLE.includes(sortBy))
    throw new Error(`--sort must be one of ${SORTABLE.join(', ')} (got "${values.sort}")`);
  const result = await walkForward({
    paths,
    config,
    grid: parseGrid(text),
    folds,
    inSampleRatio: 3,
    sortBy,
    threads: numberOption('threads', values.threads, Math.max(1, Math.min(2, availableParallelism()))),
  });
  const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
  process.stdout.write('in sample\tout of sample\tparams\tIS return\tOOS return\tOOS sharpe\tOOS maxDD\n');
  let compounded = 1;
  for (const f of result) {
    compounded *= 1 + f.outOfSampleMetrics.totalReturn;
    process.stdout.write(
      `${day(f.inSample.from)}..${day(f.inSample.to)}\t${day(f.outOfSample.from)}..${day(f.outOfSample.to)}\t${JSON.stringify(f.params)}\t${pct(f.inSampleMetrics.totalReturn)}\t${pct(f.outOfSampleMetrics.totalReturn)}\t${num(f.outOfSampleMetrics.sharpe)}\t${pct(f.outOfSampleMetrics.maxDrawdown)}\n`,
    );
  }
  process.stdout.write(
    `out-of-sample folds chained: ${pct(compounded - 1)} (in-sample optimisation by ${sortBy})\n`,
  );
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`backtest: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
      process.exitCode = 2;
    },
  );
}
