import { readFile, stat, unlink } from 'node:fs/promises';
import { MigrationError } from '../errors.js';
import { parseDotenv } from '../providers/dotenv-parse.js';
import type { Clock, SecretProvider } from '../providers/provider.js';
import { systemClock } from '../providers/provider.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Options of {@link migrateDotenv}. */
export interface MigrateOptions {
  /** The plaintext `.env` file. */
  readonly file: string;
  /** Writable destination (vault or keychain). */
  readonly target: SecretProvider;
  /** Only move these names; default every non-empty assignment. */
  readonly only?: readonly string[];
  /** Time source for the note left in the file. */
  readonly clock?: Clock;
}

/** What a migration did. */
export interface MigrationResult {
  /** Names moved into the target, in file order. */
  readonly moved: readonly string[];
  /** Names left in the file (empty values or not selected). */
  readonly kept: readonly string[];
  /** The 0600 backup of the original file; delete it with {@link confirmMigration}. */
  readonly backupPath: string | undefined;
}

/** Suffix of the backup file written next to the migrated file. */
export const BACKUP_SUFFIX = '.rrr-backup';

/**
 * Moves plaintext secrets from a `.env` file into a secure store without ever losing a value:
 * 1. each value is written to `target` and read back; any mismatch stops the migration with the file untouched;
 * 2. a 0600 backup of the original file is written atomically and verified;
 * 3. only then is the file atomically rewritten with each moved assignment replaced by a comment.
 * Interrupted at any point, every value is in the original file, or in the target and the backup.
 *
 * @param options - file, target and selection
 * @example
 * ```ts
 * import { FileVault, migrateDotenv } from '@rrr/secrets';
 *
 * const vault = new FileVault({ path: '.rrr/secrets.vault', key: { keyFile: '/home/me/.config/rrr/vault.key' } });
 * const { moved } = await migrateDotenv({ file: '.env', target: vault });
 * console.log(`moved ${moved.join(', ')}`);
 * ```
 */
export async function migrateDotenv(options: MigrateOptions): Promise<MigrationResult> {
  const { file, target } = options;
  if (!target.writable) throw new MigrationError(`target "${target.name}" is read-only`);
  const backupPath = `${file}${BACKUP_SUFFIX}`;
  if (await exists(backupPath)) {
    throw new MigrationError(
      `backup "${backupPath}" from an earlier migration still exists; confirm that migration first (rrr-secrets migrate ${file} --confirm)`,
    );
  }
  const original = await readFile(file, 'utf8');
  const mode = (await stat(file)).mode & 0o777;
  const entries = parseDotenv(original);
  const last = new Map(entries.map((e) => [e.key, e.value]));
  const selected = [...last.entries()].filter(
    ([k, v]) => v !== '' && (options.only === undefined || options.only.includes(k)),
  );
  const moved = selected.map(([k]) => k);
  const kept = [...last.keys()].filter((k) => !moved.includes(k));
  if (moved.length === 0) return { moved, kept, backupPath: undefined };

  for (const [name, value] of selected) {
    try {
      await target.set(name, value);
    } catch (error) {
      throw new MigrationError(`could not store ${name} in ${target.name}; ${file} was not modified`, {
        cause: error,
      });
    }
    const back = await target.get(name);
    if (back === undefined || !back.value.equals(value)) {
      throw new MigrationError(
        `${name} did not read back identically from ${target.name}; ${file} was not modified`,
      );
    }
  }

  await writeFileAtomic(backupPath, original, 0o600);
  if ((await readFile(backupPath, 'utf8')) !== original) {
    throw new MigrationError(
      `backup "${backupPath}" did not read back identically; ${file} was not modified`,
    );
  }

  const when = new Date((options.clock ?? systemClock).now()).toISOString();
  const movedSet = new Set(moved);
  const lines = original.split(/(?<=\n)/);
  const drop = new Set<number>();
  const notes = new Map<number, string>();
  for (const e of entries) {
    if (!movedSet.has(e.key)) continue;
    for (let l = e.line; l <= e.endLine; l += 1) drop.add(l);
    notes.set(e.line, `# ${e.key}: moved to ${target.name} by rrr-secrets on ${when}\n`);
  }
  const rewritten = lines.map((text, i) => notes.get(i + 1) ?? (drop.has(i + 1) ? '' : text)).join('');
  await writeFileAtomic(file, rewritten, mode);
  return { moved, kept, backupPath };
}

/**
 * Deletes the backup left by {@link migrateDotenv} after checking that every value in it that is not still in
 * the `.env` file resolves identically from `target`. Throws `MigrationError` (and keeps the backup) otherwise.
 *
 * @param file - the migrated `.env` file
 * @param target - the store the values were moved to
 * @example
 * ```ts
 * import { FileVault, confirmMigration } from '@rrr/secrets';
 *
 * const vault = new FileVault({ path: '.rrr/secrets.vault', key: { keyFile: '/home/me/.config/rrr/vault.key' } });
 * await confirmMigration('.env', vault);
 * ```
 */
export async function confirmMigration(file: string, target: SecretProvider): Promise<readonly string[]> {
  const backupPath = `${file}${BACKUP_SUFFIX}`;
  const backup = new Map(parseDotenv(await readFile(backupPath, 'utf8')).map((e) => [e.key, e.value]));
  const current = new Map(parseDotenv(await readFile(file, 'utf8')).map((e) => [e.key, e.value]));
  const verified: string[] = [];
  for (const [name, value] of backup) {
    if (value === '' || current.get(name) === value) continue;
    const entry = await target.get(name);
    if (entry === undefined || !entry.value.equals(value)) {
      throw new MigrationError(
        `${name} from ${backupPath} is not in ${target.name} with the same value; backup kept`,
      );
    }
    verified.push(name);
  }
  await unlink(backupPath);
  return verified;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
