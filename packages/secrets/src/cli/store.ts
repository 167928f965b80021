import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError } from '../errors.js';
import type { SecretProvider } from '../providers/provider.js';
import { FileVault, type VaultKey } from '../vault/file-vault.js';

/** Store-related CLI flags. @internal */
export interface StoreFlags {
  readonly store?: string | undefined;
  readonly vault?: string | undefined;
  readonly 'key-file'?: string | undefined;
  readonly service?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** @internal */
export function vaultPath(flags: StoreFlags, env: Env): string {
  return resolve(flags.vault ?? env['RRR_VAULT_PATH'] ?? '.rrr/secrets.vault');
}

/** @internal */
export function vaultKey(flags: StoreFlags, env: Env): VaultKey | undefined {
  const keyFile = flags['key-file'] ?? env['RRR_VAULT_KEY_FILE'];
  if (keyFile !== undefined && keyFile !== '') return { keyFile: resolve(keyFile) };
  const passphrase = env['RRR_VAULT_PASSPHRASE'];
  if (passphrase !== undefined && passphrase !== '') return { passphrase };
  return undefined;
}

/** @internal Opens the store named by `--store` (default `vault`). */
export async function openStore(flags: StoreFlags, env: Env): Promise<SecretProvider> {
  const store = flags.store ?? 'vault';
  if (store === 'keychain') {
    const { KeychainProvider } = await import('../keychain/keychain-provider.js');
    return KeychainProvider.open({ service: flags.service ?? env['RRR_KEYCHAIN_SERVICE'] ?? 'rrr-secrets' });
  }
  if (store !== 'vault')
    throw new InvalidArgumentError(`--store must be "vault" or "keychain" (got "${store}")`);
  const key = vaultKey(flags, env);
  if (key === undefined) {
    throw new InvalidArgumentError(
      'no vault key: pass --key-file <path>, or set RRR_VAULT_KEY_FILE or RRR_VAULT_PASSPHRASE (create a key with "rrr-secrets keygen <path>")',
    );
  }
  const path = vaultPath(flags, env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  return new FileVault({ path, key });
}
