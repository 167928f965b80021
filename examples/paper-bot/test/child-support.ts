import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The paper-bot package directory (the children's working directory). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A paper-bot process started by {@link spawnCli}. */
export interface Child {
  readonly process: ChildProcess;
  /** Everything it wrote so far, stdout and stderr interleaved. */
  readonly output: () => string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a built paper-bot CLI as a child process, in {@link PACKAGE_ROOT}, with `env` over this process's
 * environment.
 *
 * @param cliPath - the built `cli.js`
 * @param args - command-line arguments
 * @param env - variables added to the environment
 * @returns the running child
 */
export function spawnCli(cliPath: string, args: readonly string[], env: Record<string, string> = {}): Child {
  let out = '';
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    out += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, output: () => out, exit };
}

/**
 * Waits until `check` holds, polling every 20 ms.
 *
 * @param check - the condition
 * @param timeoutMs - how long to wait before failing
 * @throws Error `timed out` when the condition still fails after `timeoutMs`
 */
export async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The last bar number a status line (`bar N/total`) reported, 0 before the first.
 *
 * @param text - the process output
 * @param total - bars in the run
 * @returns the last reported bar number
 */
export function barsDone(text: string, total: number): number {
  const all = [...text.matchAll(new RegExp(`bar (\\d+)/${total}`, 'g'))];
  return Number(all[all.length - 1]?.[1] ?? 0);
}
