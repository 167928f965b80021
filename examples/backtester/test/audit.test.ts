import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '@rrr/audit';
import { describe, expect, it } from 'vitest';
import { auditLine, manifestPayload, recordManifest, verifyAuditLog } from '../src/audit/manifest-log.js';
import { headSeries, loadFile } from '../src/data/bars.js';
import { DEFAULT_BTC_FILE } from '../src/data/default-data.js';
import { manifestOf, type RunManifest } from '../src/report/manifest.js';
import { runFiles } from '../src/run.js';

const file = loadFile(DEFAULT_BTC_FILE);
const run = runFiles([{ ...file, series: headSeries(file.series, 400) }], { strategy: 'sma-cross' });
const manifest = manifestOf(run);
const T0 = Date.UTC(2026, 0, 2, 3, 4, 5);
const clock = (start: number) => {
  let now = start;
  return { now: () => now++ };
};
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const readLog = (dir: string): Record<string, unknown>[] => {
  const audit = join(dir, 'audit');
  const files = readdirSync(audit).filter((f) => f.endsWith('.jsonl'));
  expect(files).toEqual(['audit-000001.jsonl']);
  return readFileSync(join(audit, files[0] ?? ''), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
};

describe('run manifest in the @rrr/audit log', () => {
  it('appends a run.manifest event with the hashes computed from the manifest, and verifies the chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtester-audit-'));
    const first = await recordManifest(manifest, dir, clock(T0));
    expect(first.seq).toBe(1);
    expect(first.duplicate).toBe(false);
    expect(first.verification).toEqual({ ok: true, count: 1, head: { seq: 1, hash: first.hash } });
    const [record] = readLog(dir);
    expect(record?.kind).toBe('run.manifest');
    expect(record?.ts).toBe(T0);
    expect(record?.actor).toBe('backtester/sma-cross');
    const payload = record?.payload as Record<string, unknown>;
    const commit = manifest.code.gitCommit ?? 'unknown';
    expect(payload.codeVersion).toBe(manifest.code.gitDirty ? `${commit}+dirty` : commit);
    expect(payload.seeds).toEqual([1]);
    const d = manifest.data[0];
    expect(d?.sha256).toBe(file.sha256);
    expect(payload.dataHash).toBe(sha256(`BTC/USDT ${file.sha256} ${d?.from} ${d?.to} 400`));
    expect(payload.configHash).toBe(sha256(canonicalJson(JSON.parse(JSON.stringify(manifest.config)))));
    expect(payload.manifest).toEqual(JSON.parse(JSON.stringify(manifest)));
    expect(auditLine(first)).toMatch(
      /^audit run\.manifest #1 [0-9a-f]{12} in .*; chain verified: 1 records, head #1 /,
    );
  });

  it('chains later runs, stores an identical manifest once, and reports tampering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtester-audit-'));
    const first = await recordManifest(manifest, dir, clock(T0));
    const other: RunManifest = { ...manifest, seed: 7, config: { ...manifest.config, seed: 7 } };
    const second = await recordManifest(other, dir, clock(T0 + 1000));
    expect(second.seq).toBe(2);
    expect(second.verification.ok && second.verification.count).toBe(2);
    const again = await recordManifest(manifest, dir, clock(T0 + 2000));
    expect(again).toMatchObject({ seq: 1, hash: first.hash, duplicate: true });
    expect(again.verification.ok && again.verification.count).toBe(2);
    const records = readLog(dir);
    expect(records.map((r) => r.seq)).toEqual([1, 2]);
    expect(records[1]?.prevHash).toBe(first.hash);
    expect(records[1]?.payload).toMatchObject({ seeds: [7] });

    // Change the seed recorded in the first run: the chain breaks at #1.
    const path = join(dir, 'audit', 'audit-000001.jsonl');
    const text = readFileSync(path, 'utf8');
    expect(text.split('"seeds":[1]').length).toBe(2);
    writeFileSync(path, text.replace('"seeds":[1]', '"seeds":[3]'));
    const verdict = await verifyAuditLog(dir);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.firstBadSeq).toBe(1);
    const third = await recordManifest({ ...other, seed: 9, config: { ...other.config, seed: 9 } }, dir);
    expect(third.verification.ok).toBe(false);
    expect(auditLine(third)).toMatch(/chain verification FAILED at #1 \(/);
  });

  it('refuses a manifest whose seed is not an integer, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtester-audit-'));
    expect(manifestPayload({ ...manifest, seed: 1.5 }).seeds).toEqual([1.5]);
    await expect(recordManifest({ ...manifest, seed: 1.5 }, dir)).rejects.toThrow(/payload\.seeds/);
  });
});
