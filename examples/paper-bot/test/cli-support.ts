import { join } from 'node:path';
import { createKeyFile, FileVault } from '@rrr/secrets';
import { main } from '../src/cli.js';
import { tempDir } from './support.js';

/** What one in-process run of the command line printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** stdout and stderr interleaved, in the order they were written. */
  readonly output: string;
}

function capture(append: (s: string) => void): NodeJS.WritableStream {
  return {
    write: (s: string) => {
      append(s);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
}

/**
 * Runs the paper-bot command line in this process with `env` as its whole environment, capturing its output.
 *
 * @param args - command-line arguments
 * @param env - the environment the command line sees (nothing of `process.env`)
 * @returns the exit code and everything written to stdout and stderr
 */
export async function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  let output = '';
  const code = await main([...args], {
    out: capture((s) => {
      out += s;
      output += s;
    }),
    err: capture((s) => {
      err += s;
      output += s;
    }),
    env,
  });
  return { code, out, err, output };
}

/**
 * A real encrypted vault (in a {@link tempDir}) holding `values`.
 *
 * @param values - secret name to value
 * @returns the environment pointing the bot at the vault and its key file
 */
export async function vaultWith(values: Record<string, string>): Promise<Record<string, string>> {
  const dir = tempDir();
  const keyFile = join(dir, 'vault.key');
  await createKeyFile(keyFile);
  const path = join(dir, 'secrets.vault');
  const vault = new FileVault({ path, key: { keyFile } });
  for (const [name, value] of Object.entries(values)) await vault.set(name, value);
  return { RRR_VAULT_KEY_FILE: keyFile, RRR_VAULT_PATH: path };
}
