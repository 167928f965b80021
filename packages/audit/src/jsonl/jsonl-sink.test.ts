import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { compileForChildren } from '../../test/support/compile.js';
import { pendingFill } from '../../test/support/fixtures.js';
import { sinkContract } from '../../test/support/sink-contract.js';
import { verifySink } from '../log/audit-log.js';
import { verifyRecords } from '../verify/verify.js';
import { JsonlSink } from './jsonl-sink.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rrr-audit-jsonl-'));
}

sinkContract('JsonlSink', async () => {
  const directory = await tempDir();
  return {
    sink: await JsonlSink.open({ directory }),
    reopen: () => JsonlSink.open({ directory }),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describe('JsonlSink', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const dir = async () => {
    const d = await tempDir();
    dirs.push(d);
    return d;
  };

  it('truncates a torn last record at every byte offset and keeps exactly the complete records', async () => {
    const source = await dir();
    const sink = await JsonlSink.open({ directory: source });
    for (let i = 0; i < 4; i++) await sink.append([pendingFill(i)]);
    await sink.close();
    const full = await readFile(join(source, 'audit-000001.jsonl'));
    const lineEnds: number[] = [];
    full.forEach((byte, i) => {
      if (byte === 0x0a) lineEnds.push(i + 1);
    });
    expect(lineEnds).toHaveLength(4);
    const target = await dir();
    const file = join(target, 'audit-000001.jsonl');
    for (let offset = 0; offset <= full.length; offset++) {
      await writeFile(file, full.subarray(0, offset));
      const reopened = await JsonlSink.open({ directory: target });
      const complete = lineEnds.filter((end) => end <= offset);
      const keep = complete[complete.length - 1] ?? 0;
      expect(reopened.openReport.truncatedBytes, `offset ${offset}`).toBe(offset - keep);
      expect((await stat(file)).size, `offset ${offset}`).toBe(keep);
      const records = await reopened.read(0, 100);
      expect(records.length, `offset ${offset}`).toBe(complete.length);
      expect(verifyRecords(records).ok, `offset ${offset}`).toBe(true);
      const [next] = await reopened.append([pendingFill(9)]);
      expect(next?.record.seq, `offset ${offset}`).toBe(complete.length + 1);
      await reopened.close();
    }
  }, 30_000);

  it('rotates to a new segment when the current one is full and verifies across segments', async () => {
    const directory = await dir();
    const sink = await JsonlSink.open({ directory, maxSegmentBytes: 600 });
    for (let i = 0; i < 12; i++) await sink.append([pendingFill(i)]);
    const files = (await readdir(directory)).filter((f) => f.endsWith('.jsonl')).sort();
    expect(files.length).toBeGreaterThan(3);
    expect(sink.segments).toBe(files.length);
    for (const f of files.slice(0, -1))
      expect((await stat(join(directory, f))).size).toBeLessThanOrEqual(600);
    await sink.close();
    const reopened = await JsonlSink.open({ directory, maxSegmentBytes: 600 });
    const result = await verifySink(reopened);
    expect(result.ok && result.count).toBe(12);
    await reopened.close();
  });

  it('refuses a second open of a directory locked by a live process, and takes over a dead one', async () => {
    const directory = await dir();
    const sink = await JsonlSink.open({ directory });
    await expect(JsonlSink.open({ directory })).rejects.toThrow(/locked by running process/);
    await sink.close();
    await writeFile(join(directory, 'audit.lock'), '2147483646');
    const again = await JsonlSink.open({ directory });
    expect((await again.head()).seq).toBe(0);
    await again.close();
  });

  it('fails to open when a record in the middle of a file is not JSON', async () => {
    const directory = await dir();
    const sink = await JsonlSink.open({ directory });
    await sink.append([pendingFill(0), pendingFill(1)]);
    await sink.close();
    const file = join(directory, 'audit-000001.jsonl');
    const text = await readFile(file, 'utf8');
    await writeFile(file, `#${text.slice(1)}`);
    await expect(JsonlSink.open({ directory })).rejects.toThrow(
      /line 1 of ".*audit-000001.jsonl" is not valid JSON/,
    );
  });

  it('on an I/O error (file size limit, EFBIG) rolls back the partial write and reports unhealthy', async () => {
    const directory = await dir();
    const compiled = compileForChildren();
    try {
      const script = join(compiled.outDir, 'test', 'children', 'fsize.js');
      // ulimit -f counts 512-byte blocks in sh: the segment file may not grow beyond 4096 bytes.
      const { stdout } = await promisify(execFile)('sh', [
        '-c',
        `ulimit -f 8 && exec "${process.execPath}" "${script}" "${directory}"`,
      ]);
      const summary = JSON.parse(stdout) as {
        acked: number;
        error?: { code: string; message: string };
        health: { healthy: boolean; reason?: string };
        after: string;
      };
      expect(summary.acked).toBeGreaterThan(5);
      expect(summary.error?.code).toBe('sink_io');
      expect(summary.error?.message).toMatch(/EFBIG|file too large/i);
      expect(summary.health.healthy).toBe(false);
      expect(summary.after).toBe('unhealthy');
      const file = join(directory, 'audit-000001.jsonl');
      const bytes = await readFile(file);
      expect(bytes.length).toBeLessThanOrEqual(4096);
      expect(bytes[bytes.length - 1], 'the file ends with a complete record').toBe(0x0a);
      const reopened = await JsonlSink.open({ directory });
      expect(reopened.openReport.truncatedBytes, 'nothing partial was left for the open-time repair').toBe(0);
      const result = await verifySink(reopened);
      expect(result.ok && result.count).toBe(summary.acked);
      await reopened.close();
    } finally {
      compiled.cleanup();
    }
  }, 30_000);

  it('refuses appends after close without creating files', async () => {
    const directory = await dir();
    const sink = await JsonlSink.open({ directory, maxSegmentBytes: 100 });
    await sink.append([pendingFill(0)]);
    await sink.close();
    await expect(sink.append([pendingFill(1)])).rejects.toThrow(/is closed/);
    expect((await readdir(directory)).sort()).toEqual(['audit-000001.jsonl']);
  });

  it('rejects bad options naming the field', async () => {
    const directory = await dir();
    await expect(JsonlSink.open({ directory, maxSegmentBytes: 0 })).rejects.toThrow(
      'field "maxSegmentBytes" must be an integer >= 1 (got 0)',
    );
    await expect(JsonlSink.open({ directory, prefix: '../x' })).rejects.toThrow(/field "prefix"/);
  });
});
