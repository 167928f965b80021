import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillEvent } from '../../test/support/fixtures.js';
import { JsonlSink } from '../jsonl/jsonl-sink.js';
import { AuditLog } from '../log/audit-log.js';
import { GENESIS_HASH } from '../record/record.js';
import { createCheckpoint, verifyCheckpoint } from './checkpoint.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const clock = { now: () => 1_610_064_046_355 };

describe('signed checkpoints', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('signs a head with Ed25519 and verifies it with the public key, also as PEM', () => {
    const head = { seq: 12, hash: 'ab'.repeat(32) };
    const checkpoint = createCheckpoint(head, privateKey, clock);
    expect(checkpoint).toMatchObject({ version: 1, seq: 12, hash: head.hash, ts: 1_610_064_046_355 });
    expect(Buffer.from(checkpoint.signature, 'base64')).toHaveLength(64);
    expect(verifyCheckpoint(checkpoint, publicKey)).toEqual({ ok: true, anchor: head });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyCheckpoint(JSON.parse(JSON.stringify(checkpoint)), pem).ok).toBe(true);
  });

  it('rejects a checkpoint whose fields were changed, one from another key, and a malformed one', () => {
    const checkpoint = createCheckpoint({ seq: 3, hash: GENESIS_HASH }, privateKey, clock);
    expect(verifyCheckpoint({ ...checkpoint, seq: 2 }, publicKey)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^signature does not match checkpoint seq 2/),
    });
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(verifyCheckpoint(checkpoint, other).ok).toBe(false);
    expect(verifyCheckpoint({ ...checkpoint, hash: 'xyz' }, publicKey)).toEqual({
      ok: false,
      reason: 'field "checkpoint.hash" must be 64 lowercase hex characters (got "xyz")',
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => createCheckpoint({ seq: 0, hash: GENESIS_HASH }, rsa)).toThrow(
      'field "privateKey" must be an Ed25519 key (got rsa)',
    );
  });

  it('detects a log truncated after a checkpoint, which the hash chain alone cannot', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'rrr-audit-cp-'));
    dirs.push(directory);
    const log = new AuditLog({ sink: await JsonlSink.open({ directory }), clock });
    for (let i = 0; i < 8; i++) await log.append(fillEvent(i));
    const checkpoint = createCheckpoint(await log.head(), privateKey, clock);
    await log.close();

    const file = join(directory, 'audit-000001.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, `${lines.slice(0, 5).join('\n')}\n`);

    const truncated = new AuditLog({ sink: await JsonlSink.open({ directory }), clock });
    expect((await truncated.verify()).ok, 'the remaining chain is internally consistent').toBe(true);
    const decision = verifyCheckpoint(checkpoint, publicKey);
    if (!decision.ok) throw new Error(decision.reason);
    expect(await truncated.verify({ checkpoints: [decision.anchor] })).toMatchObject({
      ok: false,
      code: 'truncated',
      firstBadSeq: 6,
      count: 5,
    });
    await truncated.close();
  });
});
