import { describe, expect, it } from 'vitest';
import { pendingFill } from '../../test/support/fixtures.js';
import { type AuditRecord, GENESIS_HASH, hashRecord } from '../record/record.js';
import { sealBatch } from '../sink/seal.js';
import { ChainVerifier, verifyRecords } from './verify.js';

function chain(n: number): AuditRecord[] {
  return sealBatch(
    { seq: 0, hash: GENESIS_HASH },
    Array.from({ length: n }, (_, i) => pendingFill(i)),
    () => undefined,
  ).fresh;
}

function at(records: readonly AuditRecord[], seq: number): AuditRecord {
  const record = records[seq - 1];
  if (record === undefined) throw new Error(`no record ${seq}`);
  return record;
}

describe('verifyRecords', () => {
  const records = chain(10);

  it('accepts an intact chain and reports its head', () => {
    expect(verifyRecords(records)).toEqual({
      ok: true,
      count: 10,
      head: { seq: 10, hash: at(records, 10).hash },
    });
  });

  it('detects a modified payload at the modified record', () => {
    const tampered = records.map((r) =>
      r.seq === 4 ? { ...r, payload: { ...r.payload, price: '1.00' } } : r,
    );
    expect(verifyRecords(tampered)).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      code: 'hash_mismatch',
      count: 3,
    });
  });

  it('detects a modified record whose hash was recomputed at the next link', () => {
    const forged = { ...at(records, 6), actor: 'mallory' };
    const rehashed = { ...forged, hash: hashRecord(forged) };
    const tampered = records.map((r) => (r.seq === 6 ? rehashed : r));
    expect(verifyRecords(tampered)).toMatchObject({ ok: false, firstBadSeq: 7, code: 'broken_link' });
  });

  it('detects a deleted record as a gap at the missing sequence number', () => {
    const tampered = records.filter((r) => r.seq !== 5);
    const result = verifyRecords(tampered);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 5, code: 'sequence_gap', count: 4 });
    expect(!result.ok && result.reason).toBe('record 5 is missing: seq 4 is followed by seq 6');
  });

  it('detects a deleted record when later records were renumbered, at the broken link', () => {
    const tampered = records
      .filter((r) => r.seq !== 5)
      .map((r) => (r.seq > 5 ? { ...r, seq: r.seq - 1 } : r));
    expect(verifyRecords(tampered)).toMatchObject({ ok: false, firstBadSeq: 5, code: 'hash_mismatch' });
  });

  it('detects an inserted record', () => {
    const inserted = { ...at(records, 3), id: 'extra', seq: 4 };
    const tampered = [...records.slice(0, 3), inserted, ...records.slice(3)];
    expect(verifyRecords(tampered)).toMatchObject({ ok: false, firstBadSeq: 4, code: 'hash_mismatch' });
    const duplicateSeq = [...records.slice(0, 3), at(records, 3), ...records.slice(3)];
    expect(verifyRecords(duplicateSeq)).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      code: 'sequence_out_of_order',
    });
  });

  it('detects reordered records at the first out-of-place sequence number', () => {
    const tampered = [...records.slice(0, 6), at(records, 8), at(records, 7), ...records.slice(8)];
    expect(verifyRecords(tampered)).toMatchObject({
      ok: false,
      firstBadSeq: 7,
      code: 'sequence_gap',
      count: 6,
    });
  });

  it('continues from an anchor, as for a live log after archived records', () => {
    const anchor = { seq: 4, hash: at(records, 4).hash };
    expect(verifyRecords(records.slice(4), { anchor })).toMatchObject({ ok: true, count: 6 });
    expect(verifyRecords(records.slice(5), { anchor })).toMatchObject({ ok: false, firstBadSeq: 5 });
    expect(verifyRecords(records.slice(4), { anchor: { seq: 4, hash: 'f'.repeat(64) } })).toMatchObject({
      ok: false,
      firstBadSeq: 5,
      code: 'broken_link',
    });
  });

  it('detects truncation and rewriting against checkpoints', () => {
    const checkpoint = { seq: 8, hash: at(records, 8).hash };
    expect(verifyRecords(records, { checkpoints: [checkpoint] }).ok).toBe(true);
    expect(verifyRecords(records.slice(0, 6), { checkpoints: [checkpoint] })).toMatchObject({
      ok: false,
      firstBadSeq: 7,
      code: 'truncated',
    });
    expect(verifyRecords(records, { checkpoints: [{ seq: 8, hash: at(records, 7).hash }] })).toMatchObject({
      ok: false,
      firstBadSeq: 8,
      code: 'checkpoint_mismatch',
    });
  });

  it('ignores records after the first failure when fed incrementally', () => {
    const verifier = new ChainVerifier();
    expect(verifier.push(at(records, 1))).toBe(true);
    expect(verifier.push(at(records, 3))).toBe(false);
    expect(verifier.push(at(records, 2))).toBe(false);
    expect(verifier.finish()).toMatchObject({ ok: false, firstBadSeq: 2, count: 1 });
  });
});
