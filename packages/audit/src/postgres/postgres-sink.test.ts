import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgresServer,
} from '../../../../test-support/postgres-server.js';
import { startWriter } from '../../test/support/children.js';
import { compileForChildren } from '../../test/support/compile.js';
import { crashRounds } from '../../test/support/crash.js';
import { fillEvent, pendingFill, trades } from '../../test/support/fixtures.js';
import { sinkContract } from '../../test/support/sink-contract.js';
import { AuditLog, verifySink } from '../log/audit-log.js';
import { archiveLog, verifyWithArchive } from '../retention/archive.js';
import { PostgresSink } from './postgres-sink.js';

const skipReason = postgresSkipReason();
if (skipReason !== null) console.warn(`skipping PostgreSQL sink tests: ${skipReason}`);

let server: PostgresServer | undefined;
let databases = 0;

async function admin<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  if (server === undefined) throw new Error('server not started');
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Resolves once no other session is connected to the database behind `url` (the killed writer's backend has ended). */
async function writerSessionsGone(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const { rows } = await client.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      if (rows[0]?.n === '0') return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the killed writer still has a session after 10 s');
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<string> {
  const name = `audit_${++databases}`;
  await admin('postgres', (c) => c.query(`CREATE DATABASE ${name}`));
  return name;
}

describe.skipIf(skipReason !== null)('PostgresSink (real server started by the test)', () => {
  beforeAll(async () => {
    server = await startPostgresServer();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  sinkContract('PostgresSink', async () => {
    if (server === undefined) throw new Error('server not started');
    const url = server.url(await freshDatabase());
    return {
      sink: await PostgresSink.open({ connectionString: url }),
      reopen: () => PostgresSink.open({ connectionString: url }),
      cleanup: async () => undefined,
    };
  });

  describe('append-only schema, privileges and row-level security', () => {
    let database = '';
    beforeAll(async () => {
      database = await freshDatabase();
      if (server === undefined) throw new Error('server not started');
      const sink = await PostgresSink.open({ connectionString: server.url(database) });
      await sink.close();
      await admin(database, async (c) => {
        await c.query(`DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'svc') THEN CREATE ROLE svc LOGIN IN ROLE rrr_audit_writer; END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'auditor') THEN CREATE ROLE auditor LOGIN IN ROLE rrr_audit_auditor; END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tenant_user') THEN CREATE ROLE tenant_user LOGIN IN ROLE rrr_audit_tenant; END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bypasser') THEN CREATE ROLE bypasser LOGIN BYPASSRLS; END IF;
        END $$`);
        await c.query('GRANT USAGE ON SCHEMA rrr_audit TO bypasser');
        await c.query('GRANT ALL PRIVILEGES ON rrr_audit.audit_log TO bypasser');
      });
      const writer = await PostgresSink.open({
        connectionString: server.url(database, 'svc'),
        migrate: false,
      });
      await writer.append(Array.from({ length: 6 }, (_, i) => pendingFill(i)));
      await writer.close();
    });

    const as = async <T>(user: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
      if (server === undefined) throw new Error('server not started');
      const client = new pg.Client({ connectionString: server.url(database, user) });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    };

    it('lets the writer role insert and read but not update, delete or truncate', async () => {
      await as('svc', async (c) => {
        expect((await c.query('SELECT count(*)::int AS n FROM rrr_audit.audit_log')).rows).toEqual([
          { n: 6 },
        ]);
        await expect(c.query("UPDATE rrr_audit.audit_log SET actor = 'x'")).rejects.toThrow(
          /permission denied/,
        );
        await expect(c.query('DELETE FROM rrr_audit.audit_log')).rejects.toThrow(/permission denied/);
        await expect(c.query('TRUNCATE rrr_audit.audit_log')).rejects.toThrow(/permission denied/);
        await expect(
          c.query("INSERT INTO rrr_audit.audit_prune VALUES (6, repeat('0', 64), 0)"),
        ).rejects.toThrow(/permission denied/);
      });
    });

    it('rejects UPDATE, DELETE and TRUNCATE by trigger even for a superuser and a BYPASSRLS role', async () => {
      for (const user of ['postgres', 'bypasser']) {
        await as(user, async (c) => {
          await expect(c.query("UPDATE rrr_audit.audit_log SET actor = 'x' WHERE seq = 1")).rejects.toThrow(
            'rrr_audit.audit_log is append-only: UPDATE is not allowed',
          );
          await expect(c.query('DELETE FROM rrr_audit.audit_log WHERE seq = 6')).rejects.toThrow(
            'rrr_audit.audit_log is append-only: DELETE is not allowed',
          );
          await expect(c.query('TRUNCATE rrr_audit.audit_log')).rejects.toThrow(
            'rrr_audit.audit_log is append-only: TRUNCATE is not allowed',
          );
        });
      }
      const sink = await PostgresSink.open({ connectionString: server?.url(database) ?? '', migrate: false });
      const result = await verifySink(sink);
      expect(result.ok && result.count).toBe(6);
      await sink.close();
    });

    it('lets the auditor read every row and write none', async () => {
      await as('auditor', async (c) => {
        expect((await c.query('SELECT count(*)::int AS n FROM rrr_audit.audit_log')).rows).toEqual([
          { n: 6 },
        ]);
        await expect(
          c.query(
            "INSERT INTO rrr_audit.audit_log (seq, id, ts, actor, kind, payload, prev_hash, hash) VALUES (7, 'x', 0, 'a', 'order.filled', '{}', repeat('0', 64), repeat('0', 64))",
          ),
        ).rejects.toThrow(/permission denied/);
      });
    });

    it('shows a tenant only its own rows, by session setting or Supabase JWT claim', async () => {
      await as('tenant_user', async (c) => {
        expect((await c.query('SELECT count(*)::int AS n FROM rrr_audit.audit_log')).rows).toEqual([
          { n: 0 },
        ]);
        await c.query("SET rrr_audit.tenant = 'tenant-a'");
        const a = await c.query<{ id: string; tenant: string }>(
          'SELECT id, tenant FROM rrr_audit.audit_log ORDER BY seq',
        );
        expect(a.rows).toEqual([
          { id: 'fill-0', tenant: 'tenant-a' },
          { id: 'fill-3', tenant: 'tenant-a' },
        ]);
        await c.query('RESET rrr_audit.tenant');
        await c.query(`SET request.jwt.claims = '{"tenant_id":"tenant-b"}'`);
        const b = await c.query<{ id: string }>('SELECT id FROM rrr_audit.audit_log ORDER BY seq');
        expect(b.rows.map((r) => r.id)).toEqual(['fill-1', 'fill-2', 'fill-4', 'fill-5']);
      });
    });
  });

  it('archives and prunes old records as owner; deletes beyond the prune stay forbidden', async () => {
    if (server === undefined) throw new Error('server not started');
    const database = await freshDatabase();
    const url = server.url(database);
    const t0 = trades[0]?.timestamp ?? 0;
    let day = 0;
    const sink = await PostgresSink.open({ connectionString: url });
    const log = new AuditLog({ sink, clock: { now: () => t0 + day++ * 86_400_000 } });
    for (let i = 0; i < 12; i++) await log.append(fillEvent(i));
    const archive = await mkdtemp(join(tmpdir(), 'rrr-audit-pg-archive-'));
    try {
      const report = await archiveLog({
        sink,
        directory: archive,
        clock: { now: () => t0 + 97 * 86_400_000 },
      });
      expect([report.archived, report.pruned, report.anchor.seq]).toEqual([7, 7, 7]);
      expect((await sink.read(0, 100)).map((r) => r.seq)).toEqual([8, 9, 10, 11, 12]);
      expect(await verifyWithArchive(archive, sink)).toMatchObject({ ok: true, count: 12 });
      await admin(database, async (c) => {
        await expect(c.query('DELETE FROM rrr_audit.audit_log WHERE seq = 8')).rejects.toThrow(
          'rrr_audit.audit_log is append-only: DELETE is not allowed',
        );
        await expect(c.query('DELETE FROM rrr_audit.audit_prune')).rejects.toThrow(/append-only: DELETE/);
        expect((await c.query('SELECT through_seq::int AS s FROM rrr_audit.audit_prune')).rows).toEqual([
          { s: 7 },
        ]);
      });
    } finally {
      await log.close();
      await rm(archive, { recursive: true, force: true });
    }
  });

  describe('across processes', () => {
    let compiled: ReturnType<typeof compileForChildren>;
    beforeAll(() => {
      compiled = compileForChildren();
    });
    afterAll(() => compiled.cleanup());

    it('three writer processes produce one gapless chain without duplicates', async () => {
      if (server === undefined) throw new Error('server not started');
      const url = server.url(await freshDatabase());
      await (await PostgresSink.open({ connectionString: url })).close();
      const writers = ['p1', 'p2', 'p3'].map((prefix) =>
        startWriter(compiled.outDir, ['postgres', url, '100', prefix]),
      );
      const exits = await Promise.all(writers.map((w) => w.exited));
      expect(exits.map((e) => [e.code, e.stderr])).toEqual([
        [0, ''],
        [0, ''],
        [0, ''],
      ]);
      const sink = await PostgresSink.open({ connectionString: url, migrate: false });
      const records = await sink.read(0, 10_000);
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(new Set(records.map((r) => r.id)).size).toBe(300);
      const result = await verifySink(sink);
      expect(result.ok && result.count).toBe(300);
      await sink.close();
    }, 30_000);

    it('every acknowledged record survives 6 SIGKILLs of the writer at random moments', async () => {
      if (server === undefined) throw new Error('server not started');
      const url = server.url(await freshDatabase());
      await (await PostgresSink.open({ connectionString: url })).close();
      const acked = await crashRounds({
        outDir: compiled.outDir,
        kind: 'postgres',
        target: url,
        kills: 6,
        seed: 3,
        open: () => PostgresSink.open({ connectionString: url, migrate: false }),
        settle: () => writerSessionsGone(url),
      });
      expect(acked).toBeGreaterThan(6 * 5);
    }, 60_000);
  });
});
