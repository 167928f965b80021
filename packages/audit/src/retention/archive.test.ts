import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fillEvent, trades } from '../../test/support/fixtures.js';
import { JsonlSink } from '../jsonl/jsonl-sink.js';
import { AuditLog, verifySink } from '../log/audit-log.js';
import { SqliteSink } from '../sqlite/sqlite-sink.js';
import { archiveLog, readArchiveManifest, verifyWithArchive } from './archive.js';

const DAY = 86_400_000;
const t0 = trades[0]?.timestamp ?? 0;

/** Appends `n` real fills, record i stamped at t0 + i days. */
async function fill(log: AuditLog, n: number, from = 0): Promise<void> {
  for (let i = from; i < from + n; i++) await log.append(fillEvent(i));
}

describe('archiveLog (retention)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const dir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'rrr-audit-archive-'));
    dirs.push(d);
    return d;
  };

  it('moves records older than 90 days into sealed gzip segments, prunes them, and verifies archive + live log', async () => {
    const root = await dir();
    const path = join(root, 'audit.db');
    let day = 0;
    const log = new AuditLog({ sink: new SqliteSink({ path }), clock: { now: () => t0 + day++ * DAY } });
    await fill(log, 30);
    await log.close();

    const sink = new SqliteSink({ path });
    const archive = join(root, 'archive');
    // now = t0 + 110 days: records stamped before t0 + 20 days are older than 90 days.
    const report = await archiveLog({
      sink,
      directory: archive,
      clock: { now: () => t0 + 110 * DAY },
      maxRecordsPerSegment: 8,
    });
    expect(report.archived).toBe(20);
    expect(report.pruned).toBe(20);
    expect(report.segments.map((s) => [s.firstSeq, s.lastSeq, s.count])).toEqual([
      [1, 8, 8],
      [9, 16, 8],
      [17, 20, 4],
    ]);
    const manifest = await readArchiveManifest(archive);
    expect(manifest.segments).toEqual(report.segments);
    const firstSegment = manifest.segments[0];
    if (firstSegment === undefined) throw new Error('no segment');
    const lines = gunzipSync(await readFile(join(archive, firstSegment.file)))
      .toString('utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(8);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ seq: 1, id: 'fill-0', ts: t0 });

    expect((await sink.read(0, 100)).map((r) => r.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 21));
    expect(await verifySink(sink)).toMatchObject({ ok: false, code: 'sequence_gap', firstBadSeq: 1 });
    expect(await verifySink(sink, { anchor: report.anchor })).toMatchObject({ ok: true, count: 10 });
    expect(await verifyWithArchive(archive, sink)).toMatchObject({ ok: true, count: 30, head: { seq: 30 } });

    // A second run later continues the archive from its anchor.
    const again = await archiveLog({ sink, directory: archive, clock: { now: () => t0 + 115 * DAY } });
    expect([again.archived, again.anchor.seq]).toEqual([5, 25]);
    expect(await verifyWithArchive(archive, sink)).toMatchObject({ ok: true, count: 30 });
    await sink.close();

    const db = new Database(path);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 26').run()).toThrow(/DELETE is not allowed/);
    expect(db.prepare('SELECT through_seq FROM audit_prune ORDER BY through_seq').all()).toEqual([
      { through_seq: 20 },
      { through_seq: 25 },
    ]);
    db.close();
  });

  it('detects a modified archive segment by its sealed digest', async () => {
    const root = await dir();
    let day = 0;
    const sink = new SqliteSink({ path: join(root, 'audit.db') });
    const log = new AuditLog({ sink, clock: { now: () => t0 + day++ * DAY } });
    await fill(log, 12);
    const archive = join(root, 'archive');
    await archiveLog({
      sink,
      directory: archive,
      clock: { now: () => t0 + 100 * DAY },
      maxRecordsPerSegment: 5,
    });
    const manifest = await readArchiveManifest(archive);
    const second = manifest.segments[1];
    if (second === undefined) throw new Error('no second segment');
    const bytes = await readFile(join(archive, second.file));
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    await writeFile(join(archive, second.file), bytes);
    expect(await verifyWithArchive(archive, sink)).toMatchObject({
      ok: false,
      code: 'hash_mismatch',
      firstBadSeq: 6,
    });
    await log.close();
  });

  it('prunes whole JSONL segments only and still verifies across archive and live files', async () => {
    const root = await dir();
    const live = join(root, 'live');
    let day = 0;
    const sink = await JsonlSink.open({ directory: live, maxSegmentBytes: 700 });
    const log = new AuditLog({ sink, clock: { now: () => t0 + day++ * DAY } });
    await fill(log, 20);
    const before = (await readdir(live)).filter((f) => f.endsWith('.jsonl')).length;
    const archive = join(root, 'archive');
    const report = await archiveLog({ sink, directory: archive, clock: { now: () => t0 + 100 * DAY } });
    expect(report.archived).toBe(10);
    expect(report.pruned).toBeGreaterThan(0);
    expect(report.pruned).toBeLessThanOrEqual(10);
    const after = (await readdir(live)).filter((f) => f.endsWith('.jsonl')).length;
    expect(after).toBeLessThan(before);
    expect(await verifyWithArchive(archive, sink)).toMatchObject({ ok: true, count: 20 });
    await log.close();
  });

  it('refuses to archive a chain that does not verify', async () => {
    const root = await dir();
    const live = join(root, 'live');
    let day = 0;
    const log = new AuditLog({
      sink: await JsonlSink.open({ directory: live }),
      clock: { now: () => t0 + day++ * DAY },
    });
    await fill(log, 5);
    await log.close();
    const file = join(live, 'audit-000001.jsonl');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('"quantity":"0.004376"', '"quantity":"4.376"'),
    );
    const sink = await JsonlSink.open({ directory: live });
    await expect(
      archiveLog({ sink, directory: join(root, 'archive'), clock: { now: () => t0 + 100 * DAY } }),
    ).rejects.toThrow(/refusing to archive a broken chain: record 2 .* hashes to/);
    expect((await sink.read(0, 10)).length).toBe(5);
    await sink.close();
    await expect(archiveLog({ sink, directory: root, retentionDays: -1 })).rejects.toThrow(
      'field "retentionDays" must be a number >= 0 (got -1)',
    );
  });
});
