import { stat } from 'node:fs/promises';
import type { Clock, SecretProvider } from '../providers/provider.js';
import { systemClock } from '../providers/provider.js';
import { findStaleSecrets } from '../providers/stale.js';
import { scanPaths } from '../scanner/scan-paths.js';
import { type Severity, severityRank } from '../scanner/types.js';
import { type SecretSchema, SecretsManager } from '../schema/manager.js';

/** One readiness check. */
export interface ReadinessCheck {
  /** `resolve`, `plaintext`, `scan`, `permissions` or `stale`. */
  readonly id: 'resolve' | 'plaintext' | 'scan' | 'permissions' | 'stale';
  /** Passed? */
  readonly ok: boolean;
  /** One-line summary. */
  readonly title: string;
  /** One line per problem (names, paths, rules; never values). */
  readonly details: readonly string[];
}

/** Result of {@link checkReadiness}. */
export interface ReadinessReport {
  /** True when every check passed. */
  readonly ok: boolean;
  /** The checks, in order. */
  readonly checks: readonly ReadinessCheck[];
}

/** Options of {@link checkReadiness}. */
export interface ReadinessOptions {
  /** Declared secrets. */
  readonly schema: SecretSchema;
  /** Provider chain, in lookup order. */
  readonly providers: readonly SecretProvider[];
  /** Paths to scan for plaintext secrets; empty skips the scan. Default `['.']`. */
  readonly scanPaths?: readonly string[];
  /** Lowest severity that fails the scan check. Default `medium`. */
  readonly failOn?: Severity;
  /** Files that must not be readable by group or others (vault, key file, `.env`); missing files are ignored. */
  readonly privateFiles?: readonly string[];
  /** Maximum age since last rotation. */
  readonly maxAgeMs?: number;
  /** Time source. */
  readonly clock?: Clock;
}

/**
 * Production readiness: every required secret resolves, and from a non-plaintext source; no plaintext secret in
 * the working tree; secret files are private (mode 0600-like); nothing is stale.
 *
 * @param options - schema, providers and what to check
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { EnvProvider, checkReadiness } from '@rrr/secrets';
 *
 * const report = await checkReadiness({ schema: z.object({ API_KEY: z.string() }), providers: [new EnvProvider()] });
 * if (!report.ok) process.exitCode = 1;
 * ```
 */
export async function checkReadiness(options: ReadinessOptions): Promise<ReadinessReport> {
  const clock = options.clock ?? systemClock;
  const manager = new SecretsManager({ schema: options.schema, providers: options.providers, clock });
  const statuses = await manager.report();
  const checks: ReadinessCheck[] = [];

  const unresolved = statuses.filter(
    (s) => s.status === 'malformed' || (s.status === 'missing' && s.required),
  );
  checks.push({
    id: 'resolve',
    ok: unresolved.length === 0,
    title: `${statuses.length - unresolved.length}/${statuses.length} declared secrets resolve`,
    details: unresolved.map((s) =>
      s.status === 'missing' ? `${s.name}: missing` : `${s.name}: malformed (${(s.issues ?? []).join(', ')})`,
    ),
  });

  const plaintext = statuses.filter((s) => s.status === 'ok' && s.metadata?.plaintext === true);
  checks.push({
    id: 'plaintext',
    ok: plaintext.length === 0,
    title: 'no secret resolves from a plaintext source',
    details: plaintext.map(
      (s) => `${s.name}: from ${s.metadata?.source ?? '?'} (plaintext; run rrr-secrets migrate)`,
    ),
  });

  const paths = options.scanPaths ?? ['.'];
  if (paths.length > 0) {
    const failOn = severityRank[options.failOn ?? 'medium'];
    const result = await scanPaths(paths);
    const bad = result.findings.filter((f) => severityRank[f.severity] >= failOn);
    checks.push({
      id: 'scan',
      ok: bad.length === 0,
      title: `no plaintext secret in ${paths.join(', ')} (${result.filesScanned} files scanned)`,
      details: bad.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.preview}`),
    });
  }

  const loose: string[] = [];
  if (process.platform !== 'win32') {
    for (const file of options.privateFiles ?? []) {
      const mode = await stat(file).then(
        (s) => s.mode & 0o777,
        () => undefined,
      );
      if (mode !== undefined && (mode & 0o077) !== 0) {
        loose.push(`${file}: mode ${mode.toString(8).padStart(4, '0')} (expected 0600: chmod 600 ${file})`);
      }
    }
  }
  checks.push({
    id: 'permissions',
    ok: loose.length === 0,
    title: 'secret files are private',
    details: loose,
  });

  const metas = statuses.flatMap((s) => (s.metadata === undefined ? [] : [s.metadata]));
  const stale = findStaleSecrets(metas, clock.now(), options.maxAgeMs);
  checks.push({
    id: 'stale',
    ok: stale.length === 0,
    title: 'no secret is past its rotation date',
    details: stale.map((s) =>
      s.reason === 'rotate_by_passed'
        ? `${s.metadata.name}: rotate-by ${new Date(s.metadata.rotateBy ?? 0).toISOString().slice(0, 10)} has passed`
        : `${s.metadata.name}: last rotated ${new Date(s.metadata.rotatedAt ?? s.metadata.createdAt ?? 0).toISOString().slice(0, 10)}`,
    ),
  });

  return { ok: checks.every((c) => c.ok), checks };
}
