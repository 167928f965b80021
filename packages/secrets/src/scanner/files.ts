import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** @internal Runs git in `cwd`; undefined when git is missing or `cwd` is not in a work tree. */
export async function git(
  cwd: string,
  args: readonly string[],
  maxBuffer = 256 * 1024 * 1024,
): Promise<string | undefined> {
  try {
    const { stdout } = await execFileP('git', ['-C', cwd, ...args], { maxBuffer, encoding: 'utf8' });
    return stdout;
  } catch {
    return undefined;
  }
}

/**
 * Lists the files to scan under `root`, as `/`-separated paths relative to it. Inside a git work tree this is
 * `git ls-files -co --exclude-standard` (tracked plus untracked, `.gitignore` respected); elsewhere a recursive
 * walk that skips `.git` and `node_modules`.
 *
 * @internal
 */
export async function listFiles(root: string): Promise<string[]> {
  const inside = await git(root, ['rev-parse', '--is-inside-work-tree']);
  if (inside?.trim() === 'true') {
    const out = await git(root, ['ls-files', '-co', '--exclude-standard', '-z']);
    if (out !== undefined)
      return out
        .split('\0')
        .filter((f) => f !== '')
        .sort();
  }
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile()) files.push(relative(root, full).split(sep).join('/'));
    }
  };
  await walk(root);
  return files.sort();
}
