import { readFile, stat } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { DEFAULT_ALLOWLIST_FILE, isFindingAllowed, isPathAllowed, loadAllowlist } from './allowlist.js';
import { git, listFiles } from './files.js';
import type { ScanRule } from './rules.js';
import { scanText } from './scan-text.js';
import type { Finding } from './types.js';

/** Options of {@link scanPaths}. */
export interface ScanOptions {
  /** Allowlist file; default `.rrr-secrets-allowlist` in each scanned directory, if present. */
  readonly allowlistPath?: string;
  /** Rules; default the built-in ones. */
  readonly rules?: readonly ScanRule[];
  /** Skip the generic high-entropy pass. */
  readonly noGeneric?: boolean;
  /** Files larger than this are skipped (bytes). Default 10 MiB. */
  readonly maxFileBytes?: number;
  /** Also scan every commit reachable from any ref (`git log --all -p`). */
  readonly gitHistory?: boolean;
}

/** Result of a scan. */
export interface ScanResult {
  /** Findings, ordered by file, line, column. */
  readonly findings: Finding[];
  /** Number of files read and scanned. */
  readonly filesScanned: number;
  /** Bytes scanned. */
  readonly bytesScanned: number;
  /** Files skipped (binary, too large, allowlisted or unreadable). */
  readonly filesSkipped: number;
}

const isBinary = (buf: Buffer) => buf.subarray(0, 8000).includes(0);

/**
 * Scans files and directories for plaintext secrets. Directories inside a git work tree list their files with
 * `git ls-files -co --exclude-standard`, so `.gitignore` is respected. Binary files and files over
 * `maxFileBytes` are skipped. Findings are filtered by the allowlist and inline ignore comments.
 *
 * @param paths - files or directories (default the current directory)
 * @param options - allowlist, rules, size limit, git history
 * @example
 * ```ts
 * import { scanPaths } from '@rrr/secrets';
 *
 * const result = await scanPaths(['.'], { gitHistory: false });
 * for (const f of result.findings) console.log(`${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.preview}`);
 * ```
 */
export async function scanPaths(
  paths: readonly string[] = ['.'],
  options: ScanOptions = {},
): Promise<ScanResult> {
  const maxBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
  const textOptions = {
    ...(options.rules === undefined ? {} : { rules: options.rules }),
    ...(options.noGeneric === undefined ? {} : { noGeneric: options.noGeneric }),
  };
  const findings: Finding[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;
  let filesSkipped = 0;
  for (const input of paths) {
    const root = resolve(input);
    const info = await stat(root);
    const isDir = info.isDirectory();
    const allowDir = isDir ? root : resolve(root, '..');
    const allow = await loadAllowlist(
      options.allowlistPath ?? join(allowDir, DEFAULT_ALLOWLIST_FILE),
      options.allowlistPath !== undefined,
    );
    const files = isDir ? await listFiles(root) : [''];
    for (const rel of files) {
      const display = rel === '' ? posix.normalize(input) : posix.join(input.split('\\').join('/'), rel);
      if (isPathAllowed(allow, rel === '' ? display : rel)) {
        filesSkipped += 1;
        continue;
      }
      let buf: Buffer;
      try {
        const full = rel === '' ? root : join(root, rel);
        const size = (await stat(full)).size;
        if (size > maxBytes) {
          filesSkipped += 1;
          continue;
        }
        buf = await readFile(full);
      } catch {
        filesSkipped += 1;
        continue;
      }
      if (isBinary(buf)) {
        filesSkipped += 1;
        continue;
      }
      filesScanned += 1;
      bytesScanned += buf.length;
      for (const f of scanText(buf.toString('utf8'), display, textOptions)) {
        if (!isFindingAllowed(allow, f)) findings.push(f);
      }
    }
    if (options.gitHistory === true && isDir) {
      for (const f of await scanGitHistory(root, textOptions)) {
        if (!isPathAllowed(allow, f.file) && !isFindingAllowed(allow, f)) findings.push(f);
      }
    }
  }
  return { findings, filesScanned, bytesScanned, filesSkipped };
}

/**
 * Scans the lines added by every commit reachable from any ref in the repository containing `root`. Each
 * secret is reported once per file, at the oldest commit that added it.
 *
 * @param root - a directory inside a git work tree
 * @param options - rules and generic pass toggle
 * @example
 * ```ts
 * import { scanGitHistory } from '@rrr/secrets';
 *
 * const leaked = await scanGitHistory('.');
 * for (const f of leaked) console.log(f.commit, f.file, f.ruleId);
 * ```
 */
export async function scanGitHistory(
  root: string,
  options: { readonly rules?: readonly ScanRule[]; readonly noGeneric?: boolean } = {},
): Promise<Finding[]> {
  const log = await git(root, [
    'log',
    '--all',
    '-p',
    '-U0',
    '--no-color',
    '--no-ext-diff',
    '--no-renames',
    '--format=%x00%H',
  ]);
  if (log === undefined) return [];
  const byKey = new Map<string, Finding>();
  let commit = '';
  let file = '';
  let nextLine = 0;
  let block: string[] = [];
  let lineNumbers: number[] = [];
  const flush = () => {
    if (block.length === 0 || file === '') return;
    for (const f of scanText(block.join('\n'), file, options)) {
      const line = lineNumbers[f.line - 1] ?? f.line;
      byKey.set(`${f.file}\0${f.fingerprint}`, { ...f, line, commit });
    }
    block = [];
    lineNumbers = [];
  };
  for (const raw of log.split('\n')) {
    if (raw.startsWith('\0')) {
      flush();
      commit = raw.slice(1).trim();
      file = '';
    } else if (raw.startsWith('+++ ')) {
      flush();
      file = raw.startsWith('+++ b/') ? raw.slice(6) : '';
    } else if (raw.startsWith('@@')) {
      const m = /\+(\d+)/.exec(raw);
      nextLine = Number(m?.[1] ?? 0);
    } else if (raw.startsWith('+') && file !== '') {
      block.push(raw.slice(1));
      lineNumbers.push(nextLine);
      nextLine += 1;
    }
  }
  flush();
  return [...byKey.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
