import { resolve } from 'node:path';
import { EnvProvider, FileVault, type SecretProvider, type VaultKey } from '@rrr/secrets';

type Env = Readonly<Record<string, string | undefined>>;

/** The bot's secret provider chain and the files that must stay private. */
export interface SecretSources {
  /** The vault (when a key is configured), then the environment. */
  readonly providers: readonly SecretProvider[];
  /** Vault and key file paths. */
  readonly privateFiles: readonly string[];
}

function vaultKey(env: Env): VaultKey | undefined {
  const keyFile = env['RRR_VAULT_KEY_FILE'];
  if (keyFile !== undefined && keyFile !== '') return { keyFile: resolve(keyFile) };
  const passphrase = env['RRR_VAULT_PASSPHRASE'];
  if (passphrase !== undefined && passphrase !== '') return { passphrase };
  return undefined;
}

/**
 * Where the bot's secrets come from: the `@rrr/secrets` vault (when `RRR_VAULT_KEY_FILE` or `RRR_VAULT_PASSPHRASE`
 * is set; file `RRR_VAULT_PATH`, default `.rrr/secrets.vault`), then the environment.
 *
 * @param env - environment variables
 * @returns the provider chain and the private files
 * @example
 * ```ts
 * const { providers } = secretSources(process.env);
 * ```
 */
export function secretSources(env: Env): SecretSources {
  const providers: SecretProvider[] = [];
  const privateFiles: string[] = [];
  const key = vaultKey(env);
  if (key !== undefined) {
    const vaultPath = resolve(env['RRR_VAULT_PATH'] ?? '.rrr/secrets.vault');
    providers.push(new FileVault({ path: vaultPath, key }));
    if ('keyFile' in key) privateFiles.push(key.keyFile);
    privateFiles.push(vaultPath);
  }
  providers.push(new EnvProvider({ env: { ...env } }));
  return { providers, privateFiles };
}
