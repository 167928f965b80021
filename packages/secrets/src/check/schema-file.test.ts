import { describe, expect, it } from 'vitest';
import { schemaFromJson } from './schema-file.js';

describe('schemaFromJson', () => {
  it('builds required, optional and patterned fields and converts maxAgeDays to ms', () => {
    const { schema, maxAgeMs } = schemaFromJson({
      secrets: { A: { pattern: '^key_' }, B: { required: false, minLength: 5 } },
      maxAgeDays: 2,
    });
    expect(maxAgeMs).toBe(2 * 86_400_000);
    expect(schema.safeParse({ A: 'key_1' }).success).toBe(true);
    expect(schema.safeParse({ A: 'nope' }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ A: 'key_1', B: 'abc' }).success).toBe(false);
    expect(schema.safeParse({ A: 'key_1', B: 'abcdef' }).success).toBe(true);
  });

  it('names the offending field in errors', () => {
    expect(() => schemaFromJson({ secrets: { 'bad name': {} } }, 's.json')).toThrow(
      /s\.json: field "secrets\.bad name"/,
    );
    expect(() => schemaFromJson({ secrets: { A: { required: 'yes' } } }, 's.json')).toThrow(
      /secrets\.A\.required/,
    );
  });
});
