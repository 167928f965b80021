import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillEvent, trades } from '../../test/support/fixtures.js';
import { AuditLog } from '../log/audit-log.js';
import { SqliteSink } from '../sqlite/sqlite-sink.js';
import { runCli } from './cli.js';

const DAY = 86_400_000;
const t0 = trades[0]?.timestamp ?? 0;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('rrr-audit CLI', () => {
  let root = '';
  let db = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'rrr-audit-cli-'));
    db = join(root, 'audit.db');
    let day = 0;
    const log = new AuditLog({ sink: new SqliteSink({ path: db }), clock: { now: () => t0 + day++ * DAY } });
    for (let i = 0; i < 12; i++) await log.append(fillEvent(i));
    await log.append({
      id: 'deny-1',
      kind: 'order.denied',
      actor: 'risk',
      payload: { orderId: 'o-9', code: 'max_position', reason: 'limit, "1 BTC" exceeded' },
    });
    await log.close();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('verify reports the head of an intact log with exit code 0', async () => {
    const result = await cli('verify', '--sqlite', db);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^ok: 13 records verified; head seq 13 hash [0-9a-f]{64}\n$/);
  });

  it('query filters by kind and order id and pages with --after', async () => {
    const denied = await cli('query', '--sqlite', db, '--kind', 'order.denied');
    expect(denied.code).toBe(0);
    expect(JSON.parse(denied.out)).toMatchObject({ seq: 13, id: 'deny-1', payload: { orderId: 'o-9' } });
    const page = await cli('query', '--sqlite', db, '--kind', 'order.filled', '--limit', '5');
    expect(page.out.trim().split('\n')).toHaveLength(5);
    expect(page.err).toBe('more records: repeat with --after 5\n');
    const from = new Date(t0 + 10 * DAY).toISOString();
    const late = await cli('query', '--sqlite', db, '--from', from, '--kind', 'order.filled');
    expect(
      late.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).seq),
    ).toEqual([11, 12]);
    const bad = await cli('query', '--sqlite', db, '--from', 'yesterday');
    expect([bad.code, bad.err.split('\n')[0]]).toEqual([
      2,
      '--from must be an ISO-8601 time or ms since epoch (got "yesterday")',
    ]);
  });

  it('export writes CSV with quoted fields and JSONL that round-trips', async () => {
    const csv = await cli('export', '--sqlite', db, '--format', 'csv');
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe('seq,id,ts,time_utc,actor,kind,tenant,order_id,payload,prev_hash,hash');
    expect(lines).toHaveLength(14);
    expect(lines[1]).toContain(
      `1,fill-0,${t0},2021-01-08T00:00:00.278Z,paper-bot,order.filled,,o-553287559,`,
    );
    expect(lines[13]).toContain(
      '"{""code"":""max_position"",""orderId"":""o-9"",""reason"":""limit, \\""1 BTC\\"" exceeded""}"',
    );
    const out = join(root, 'export.jsonl');
    const jsonl = await cli('export', '--sqlite', db, '--format', 'jsonl', '--out', out);
    expect(jsonl.err).toBe(`wrote 13 records to ${out}\n`);
    expect(
      (await readFile(out, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).seq),
    ).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect((await cli('export', '--sqlite', db, '--format', 'xml')).code).toBe(2);
  });

  it('archive prunes old records and verify --archive checks archive plus live log', async () => {
    const copy = join(root, 'archived.db');
    const source = new Database(db);
    await source.backup(copy);
    source.close();
    const archiveDir = join(root, 'archive');
    const days = String(Math.ceil((Date.now() - t0) / DAY) - 6);
    const archived = await cli('archive', '--sqlite', copy, '--archive', archiveDir, '--days', days);
    expect(archived.code).toBe(0);
    expect(archived.out).toMatch(
      /^archived \d+ records in 1 segments, pruned \d+; live log continues after seq \d+\n$/,
    );
    expect((await cli('verify', '--sqlite', copy)).code, 'live log alone starts after a gap').toBe(1);
    const both = await cli('verify', '--sqlite', copy, '--archive', archiveDir);
    expect([both.code, both.out.slice(0, 28)]).toEqual([0, 'ok: 13 records verified; hea']);
  });

  it('checkpoint signs the head and verify --checkpoint detects a truncated log', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const priv = join(root, 'key.pem');
    const pub = join(root, 'key.pub.pem');
    await writeFile(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(pub, publicKey.export({ type: 'spki', format: 'pem' }));
    const signed = await cli('checkpoint', '--sqlite', db, '--private-key', priv);
    expect(JSON.parse(signed.out)).toMatchObject({ version: 1, seq: 13 });
    const cp = join(root, 'checkpoint.json');
    await writeFile(cp, signed.out);
    expect((await cli('verify', '--sqlite', db, '--checkpoint', cp, '--public-key', pub)).code).toBe(0);

    const short = join(root, 'short.db');
    const log = new AuditLog({ sink: new SqliteSink({ path: short }), clock: { now: () => t0 } });
    for (let i = 0; i < 12; i++) await log.append(fillEvent(i));
    await log.close();
    const truncated = await cli('verify', '--sqlite', short, '--checkpoint', cp, '--public-key', pub);
    expect(truncated.code).toBe(1);
    expect(truncated.err).toMatch(/^TAMPERED at seq 13 \(truncated\): the log ends at seq 12/);
  });

  it('explains usage errors with exit code 2', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('verify')).err).toMatch(
      /^give exactly one of --sqlite <file>, --jsonl <dir>, --postgres <url>/,
    );
    expect((await cli('frobnicate', '--sqlite', db)).err).toMatch(/^unknown command "frobnicate"/);
    expect((await cli('--help')).code).toBe(0);
  });
});
