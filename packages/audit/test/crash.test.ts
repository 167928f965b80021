import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonlSink } from '../src/jsonl/jsonl-sink.js';
import { SqliteSink } from '../src/sqlite/sqlite-sink.js';
import { compileForChildren } from './support/compile.js';
import { crashRounds } from './support/crash.js';

const KILLS = 10;

describe('crash safety: a writer process SIGKILLed at random moments', () => {
  let compiled: ReturnType<typeof compileForChildren>;
  let directory = '';
  beforeAll(async () => {
    compiled = compileForChildren();
    directory = await mkdtemp(join(tmpdir(), 'rrr-audit-crash-'));
  });
  afterAll(async () => {
    compiled.cleanup();
    await rm(directory, { recursive: true, force: true });
  });

  it(`jsonl (rotating segments): every acknowledged record survives ${KILLS} kills and the chain verifies`, async () => {
    const target = join(directory, 'crash-jsonl');
    const acked = await crashRounds({
      outDir: compiled.outDir,
      kind: 'jsonl',
      target,
      kills: KILLS,
      seed: 7,
      open: () => JsonlSink.open({ directory: target, maxSegmentBytes: 4096 }),
    });
    expect(acked).toBeGreaterThan(KILLS * 10);
  }, 60_000);

  it(`sqlite: every acknowledged record survives ${KILLS} kills and the chain verifies`, async () => {
    const target = join(directory, 'crash.db');
    const acked = await crashRounds({
      outDir: compiled.outDir,
      kind: 'sqlite',
      target,
      kills: KILLS,
      seed: 11,
      open: async () => new SqliteSink({ path: target }),
    });
    expect(acked).toBeGreaterThan(KILLS * 10);
  }, 60_000);
});
