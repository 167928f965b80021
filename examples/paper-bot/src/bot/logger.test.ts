import { Writable } from 'node:stream';
import { Redactor } from '@rrr/secrets';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('writes JSON lines with every secret removed from message and fields', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const redactor = new Redactor().add('sk-live-abcdef123456');
    const log = createLogger(sink, redactor);
    log.warn(
      { headers: { authorization: 'Bearer sk-live-abcdef123456' }, attempt: 2 },
      'login with sk-live-abcdef123456 failed',
    );
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(record['msg']).toBe('login with [REDACTED] failed');
    expect(record['headers']).toEqual({ authorization: 'Bearer [REDACTED]' });
    expect(record['attempt']).toBe(2);
    expect(record['level']).toBe(40);
    expect(record['app']).toBe('paper-bot');
    expect(lines[0]).not.toContain('sk-live-abcdef123456');
  });
});
