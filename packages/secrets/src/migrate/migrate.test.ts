import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../test/contract/provider-contract.js';
import { DotenvProvider } from '../providers/env-provider.js';
import { MemoryProvider } from '../providers/memory-provider.js';
import type { SecretEntry, SecretMetadata } from '../providers/provider.js';
import { Secret } from '../secret/secret.js';
import { BACKUP_SUFFIX, confirmMigration, migrateDotenv } from './migrate.js';

const ENV = [
  '# app config',
  'PORT=8080',
  'API_TOKEN=tok-ab12cd34ef56',
  'export DB_PASSWORD="multi',
  'line pw"',
  'EMPTY=',
  '',
].join('\n');

let dir = '';
afterEach(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});
const setup = async () => {
  dir = await mkdtemp(join(tmpdir(), 'rrr-migrate-'));
  const file = join(dir, '.env');
  await writeFile(file, ENV, { mode: 0o640 });
  return file;
};

/** A target that fails on the n-th write or returns a corrupted value on read. */
class FlakyTarget extends MemoryProvider {
  constructor(
    private readonly failOnWrite: number,
    private readonly corruptRead = false,
  ) {
    super(new TestClock(0));
  }
  private writes = 0;
  override async set(name: string, value: Secret | string): Promise<SecretMetadata> {
    this.writes += 1;
    if (this.writes === this.failOnWrite) throw new Error('disk full');
    return super.set(name, value);
  }
  override async get(name: string): Promise<SecretEntry | undefined> {
    const entry = await super.get(name);
    if (entry === undefined || !this.corruptRead) return entry;
    return { ...entry, value: new Secret(name, `${entry.value.reveal()}x`) };
  }
}

describe('migrateDotenv', () => {
  it('moves every value, verifies it, keeps a 0600 backup and rewrites the file without values', async () => {
    const file = await setup();
    const clock = new TestClock(Date.UTC(2026, 0, 2));
    const target = new MemoryProvider(clock);
    const result = await migrateDotenv({ file, target, clock });
    expect(result.moved).toEqual(['PORT', 'API_TOKEN', 'DB_PASSWORD']);
    expect(result.kept).toEqual(['EMPTY']);
    expect((await target.get('DB_PASSWORD'))?.value.reveal()).toBe('multi\nline pw');
    const rewritten = await readFile(file, 'utf8');
    expect(rewritten).not.toContain('tok-ab12cd34ef56');
    expect(rewritten).not.toContain('line pw');
    expect(rewritten).toContain('# API_TOKEN: moved to memory by rrr-secrets on 2026-01-02T00:00:00.000Z');
    expect(rewritten).toContain('# app config');
    expect(rewritten).toContain('EMPTY=');
    expect(await new DotenvProvider(file).list()).toEqual([]);
    expect((await stat(file)).mode & 0o777, 'original mode kept').toBe(0o640);
    const backup = `${file}${BACKUP_SUFFIX}`;
    expect(await readFile(backup, 'utf8')).toBe(ENV);
    expect((await stat(backup)).mode & 0o777).toBe(0o600);
  });

  it('leaves the file untouched and writes no backup when a write fails midway', async () => {
    const file = await setup();
    await expect(migrateDotenv({ file, target: new FlakyTarget(2) })).rejects.toMatchObject({
      code: 'migration_failed',
      message: expect.stringContaining('API_TOKEN'),
    });
    expect(await readFile(file, 'utf8')).toBe(ENV);
    await expect(stat(`${file}${BACKUP_SUFFIX}`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves the file untouched when a value does not read back identically', async () => {
    const file = await setup();
    await expect(migrateDotenv({ file, target: new FlakyTarget(0, true) })).rejects.toThrow(
      /did not read back/,
    );
    expect(await readFile(file, 'utf8')).toBe(ENV);
  });

  it('refuses to run again while an unconfirmed backup exists; confirm verifies the target then deletes it', async () => {
    const file = await setup();
    const target = new MemoryProvider();
    await migrateDotenv({ file, target });
    await expect(migrateDotenv({ file, target })).rejects.toThrow(/--confirm/);
    const emptyTarget = new MemoryProvider();
    await expect(confirmMigration(file, emptyTarget)).rejects.toThrow(/backup kept/);
    expect(await confirmMigration(file, target)).toEqual(['PORT', 'API_TOKEN', 'DB_PASSWORD']);
    await expect(stat(`${file}${BACKUP_SUFFIX}`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('moves only the selected names', async () => {
    const file = await setup();
    const target = new MemoryProvider();
    const result = await migrateDotenv({ file, target, only: ['API_TOKEN'] });
    expect(result.moved).toEqual(['API_TOKEN']);
    expect(await readFile(file, 'utf8')).toContain('PORT=8080');
    expect((await new DotenvProvider(file).get('API_TOKEN')) === undefined).toBe(true);
  });
});
