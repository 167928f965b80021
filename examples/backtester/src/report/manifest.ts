import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DataFile, loadFile, sliceSeries } from '../data/bars.js';
import type { BacktestConfig } from '../engine/config.js';
import { runModelFiles } from '../model/run-model.js';
import { type Run, runFiles } from '../run.js';
import { MODEL_STRATEGY } from '../strategies/model.js';

/** Everything needed to reproduce a run. */
export interface RunManifest {
  /** Manifest format version. */
  readonly manifestVersion: 1;
  /** Code version: git commit (null outside a checkout) and whether the tree had local changes. */
  readonly code: {
    readonly gitCommit: string | null;
    readonly gitDirty: boolean | null;
    readonly node: string;
  };
  /** Data files in run order with their sha256. */
  readonly data: readonly {
    readonly path: string;
    readonly symbol: string;
    readonly sha256: string;
    /** Bars used (after the time-range cut). */
    readonly bars: number;
    /** Open time of the first bar used (ms). */
    readonly from: number;
    /** Open time of the last bar used (ms). */
    readonly to: number;
  }[];
  /** Full configuration (strategy parameters merged over defaults). */
  readonly config: BacktestConfig;
  /** PaperExchange seed (also in `config`). */
  readonly seed: number;
  /** The model of a `model` run: card name and version, ONNX sha256, end of its training/validation period. */
  readonly model?: {
    readonly name: string;
    readonly version: string;
    readonly sha256: string;
    readonly trainingEnd: number;
  };
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Builds the manifest of a run. */
export function manifestOf(run: Run): RunManifest {
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain']);
  return {
    manifestVersion: 1,
    code: { gitCommit: commit, gitDirty: status === null ? null : status.length > 0, node: process.version },
    data: run.files.map((f) => ({
      path: resolve(f.path),
      symbol: f.series.symbol,
      sha256: f.sha256,
      bars: f.series.time.length,
      from: f.series.time[0] ?? 0,
      to: f.series.time[f.series.time.length - 1] ?? 0,
    })),
    config: run.result.config,
    seed: run.result.config.seed,
    ...(run.model
      ? {
          model: {
            name: run.model.name,
            version: run.model.version,
            sha256: run.model.sha256,
            trainingEnd: run.model.trainingEnd,
          },
        }
      : {}),
  };
}

function manifestFiles(manifest: RunManifest): DataFile[] {
  return manifest.data.map((d) => {
    const file = loadFile(d.path, d.symbol);
    if (file.sha256 !== d.sha256) {
      throw new Error(`data file "${d.path}" has sha256 ${file.sha256}, the manifest recorded ${d.sha256}`);
    }
    return { ...file, series: sliceSeries(file.series, d.from, d.to) };
  });
}

/**
 * Re-runs a manifest of a rule-based strategy; throws when a data file's hash differs from the recorded one
 * (use {@link replayManifest} for any strategy, the model included).
 */
export function runManifest(manifest: RunManifest): Run {
  return runFiles(manifestFiles(manifest), { ...manifest.config, seed: manifest.seed });
}

/**
 * Re-runs any manifest, the `model` strategy included (which needs asynchronous inference); for a model run it
 * also refuses a model file whose sha256 differs from the recorded one.
 */
export async function replayManifest(manifest: RunManifest): Promise<Run> {
  if (manifest.config.strategy !== MODEL_STRATEGY) return runManifest(manifest);
  const run = await runModelFiles(manifestFiles(manifest), { ...manifest.config, seed: manifest.seed });
  if (manifest.model && run.model && run.model.sha256 !== manifest.model.sha256) {
    throw new Error(
      `the installed model has sha256 ${run.model.sha256}, the manifest recorded ${manifest.model.sha256}`,
    );
  }
  return run;
}

/** Reads a manifest JSON file. */
export function readManifest(path: string): RunManifest {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { manifestVersion?: unknown }).manifestVersion !== 1
  ) {
    throw new Error(`"${path}" is not a version-1 run manifest`);
  }
  return parsed as RunManifest;
}
