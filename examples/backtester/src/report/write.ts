import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Run } from '../run.js';
import { consoleSummary } from './console.js';
import { equityCsv, tradesCsv } from './csv.js';
import { htmlReport } from './html.js';
import { manifestOf, type RunManifest } from './manifest.js';

/** Paths of the files written by {@link writeOutputs}. */
export interface OutputFiles {
  /** trades.csv */
  readonly trades: string;
  /** equity.csv */
  readonly equity: string;
  /** manifest.json */
  readonly manifest: string;
  /** summary.json (metrics, benchmark, per symbol, same-bar comparison) */
  readonly summary: string;
  /** report.html */
  readonly report: string;
}

/** Writes trades CSV, equity CSV, manifest, summary JSON and the HTML report into `dir`. */
export function writeOutputs(run: Run, dir: string, manifest: RunManifest = manifestOf(run)): OutputFiles {
  mkdirSync(dir, { recursive: true });
  const files: OutputFiles = {
    trades: join(dir, 'trades.csv'),
    equity: join(dir, 'equity.csv'),
    manifest: join(dir, 'manifest.json'),
    summary: join(dir, 'summary.json'),
    report: join(dir, 'report.html'),
  };
  writeFileSync(files.trades, tradesCsv(run.result.trades));
  writeFileSync(
    files.equity,
    equityCsv(run.result.equityTime, run.result.equity, run.summary.benchmarkEquity),
  );
  writeFileSync(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  const { strategy, benchmark, perSymbol } = run.summary;
  const json = JSON.stringify(
    {
      strategy,
      benchmark,
      perSymbol,
      sameBar: run.sameBar,
      venueRefusals: run.result.venueRefusals,
      text: consoleSummary(run),
    },
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    2,
  );
  writeFileSync(files.summary, `${json}\n`);
  writeFileSync(files.report, htmlReport(run, manifest));
  return files;
}
