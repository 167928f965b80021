import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from '../errors.js';
import { globToRegExp } from './glob.js';
import type { Finding } from './types.js';

/** Parsed allowlist: findings matching any entry are suppressed. */
export interface Allowlist {
  /** Path globs whose files are skipped entirely. */
  readonly paths: readonly RegExp[];
  /** Allowed secret fingerprints (see `Finding.fingerprint`). */
  readonly fingerprints: ReadonlySet<string>;
  /** Rules disabled everywhere or, with a glob, under some paths. */
  readonly rules: ReadonlyArray<{ readonly ruleId: string; readonly path?: RegExp }>;
}

/** File name looked up at the scan root when no allowlist is given. */
export const DEFAULT_ALLOWLIST_FILE = '.rrr-secrets-allowlist';

/**
 * Parses an allowlist. One entry per line, `#` starts a comment:
 * `path <glob>`, `fingerprint <16 hex>`, `rule <rule-id> [glob]`.
 *
 * @param text - allowlist file content
 * @param source - file name for error messages
 * @example
 * ```ts
 * import { parseAllowlist } from '@rrr/secrets';
 *
 * const allow = parseAllowlist('path test/fixtures/**\nrule generic-high-entropy docs/**\n');
 * allow.paths.length; // 1
 * ```
 */
export function parseAllowlist(text: string, source = DEFAULT_ALLOWLIST_FILE): Allowlist {
  const paths: RegExp[] = [];
  const fingerprints = new Set<string>();
  const rules: Array<{ ruleId: string; path?: RegExp }> = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const [kind, arg, extra] = line.split(/\s+/);
    if (kind === 'path' && arg !== undefined) paths.push(globToRegExp(arg));
    else if (kind === 'fingerprint' && arg !== undefined && /^[0-9a-f]{16}$/.test(arg)) fingerprints.add(arg);
    else if (kind === 'rule' && arg !== undefined) {
      rules.push(extra === undefined ? { ruleId: arg } : { ruleId: arg, path: globToRegExp(extra) });
    } else {
      throw new InvalidArgumentError(
        `${source} line ${i + 1}: expected "path <glob>", "fingerprint <16 hex>" or "rule <id> [glob]" (got ${JSON.stringify(line.slice(0, 60))})`,
      );
    }
  });
  return { paths, fingerprints, rules };
}

/** @internal */
export async function loadAllowlist(path: string, required: boolean): Promise<Allowlist | undefined> {
  try {
    return parseAllowlist(await readFile(path, 'utf8'), path);
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** @internal */
export function isPathAllowed(allow: Allowlist | undefined, file: string): boolean {
  return allow?.paths.some((p) => p.test(file)) ?? false;
}

/** @internal */
export function isFindingAllowed(allow: Allowlist | undefined, finding: Finding): boolean {
  if (allow === undefined) return false;
  if (allow.fingerprints.has(finding.fingerprint)) return true;
  return allow.rules.some(
    (r) => r.ruleId === finding.ruleId && (r.path === undefined || r.path.test(finding.file)),
  );
}
