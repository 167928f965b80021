import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { openBotStores } from './open.js';

const dir = mkdtempSync(join(tmpdir(), 'paper-bot-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openBotStores', () => {
  it('opens the SQLite files of the state directory by default', async () => {
    const stores = await openBotStores(loadConfig({ overrides: { stateDir: join(dir, 'state') } }));
    expect(stores.location).toBe(`sqlite:${join(dir, 'state')}`);
    expect(await stores.journal.all()).toEqual([]);
    await Promise.all([stores.orders.close(), stores.audit.close(), stores.journal.close()]);
    for (const file of ['orders.db', 'audit.db', 'journal.db'])
      expect(existsSync(join(dir, 'state', file))).toBe(true);
  });

  it('refuses PostgreSQL mode without a database URL, naming the field and where to set it', async () => {
    await expect(
      openBotStores(loadConfig({ overrides: { 'store.kind': 'postgres' } })),
    ).rejects.toMatchObject({
      code: 'store_url_missing',
      message: expect.stringMatching(/^store\.url: .*PAPER_BOT_DATABASE_URL/),
    });
  });
});
