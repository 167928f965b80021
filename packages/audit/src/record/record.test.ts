import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditEventKindList } from '../events/kinds.js';
import { GENESIS_HASH, hashRecord, jsonItem, RECORD_FORMAT_VERSION, recordHeadJson } from './record.js';

describe('recordHeadJson', () => {
  const field = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom(...auditEventKindList, GENESIS_HASH, 'A'.repeat(64), null, undefined),
    fc.double(),
    fc.integer(),
    fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY),
    fc.jsonValue(),
  );

  it('writes exactly what JSON.stringify writes for the header array, for any field values', () => {
    fc.assert(
      fc.property(
        field,
        field,
        field,
        field,
        field,
        field,
        field,
        (seq, id, ts, actor, kind, tenant, prev) => {
          expect(recordHeadJson(seq, id, ts, actor, kind, tenant, jsonItem(prev))).toBe(
            JSON.stringify([RECORD_FORMAT_VERSION, seq, id, ts, actor, kind, tenant, prev]),
          );
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('hashRecord', () => {
  it('hashes the header JSON, a newline and the canonical payload (value fixed by the format)', () => {
    const record = {
      seq: 1,
      id: 'e1',
      ts: 0,
      actor: 'bot',
      kind: 'secret.access' as const,
      tenant: null,
      payload: { purpose: 'sign', name: 'BINANCE_KEY' },
      prevHash: GENESIS_HASH,
    };
    // The digest of `[1,1,"e1",0,"bot","secret.access",null,"000…0"]\n{"name":"BINANCE_KEY","purpose":"sign"}`,
    // computed once with `createHash('sha256')`: a change of the hashing rule breaks every stored chain.
    expect(hashRecord(record)).toBe('69dd51737856692d56f83cee39b8eedf3bdb5c5f9180f4d7b0d1428f1a0089b1');
    expect(hashRecord(record, '{"name":"BINANCE_KEY","purpose":"sign"}')).toBe(hashRecord(record));
  });
});
