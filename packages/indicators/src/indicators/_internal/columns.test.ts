import { describe, expect, it } from 'vitest';
import { outputColumn, withColumnArena } from './columns.js';

describe('output columns', () => {
  it('are fresh zeroed arrays outside an arena', () => {
    const a = outputColumn(4);
    expect(a.buffer.byteLength).toBe(32);
    expect([...a]).toEqual([0, 0, 0, 0]);
  });

  it('are cut from one buffer inside an arena above its size threshold, then fresh again', () => {
    const [a, b, c, other] = withColumnArena(
      4,
      2,
      () => [outputColumn(4), outputColumn(4), outputColumn(4), outputColumn(3)],
      0,
    );
    expect(a?.buffer).toBe(b?.buffer);
    expect([a?.byteOffset, b?.byteOffset]).toEqual([0, 32]);
    // the third column of length 4 and one of another length do not fit the arena
    expect(c?.buffer.byteLength).toBe(32);
    expect(other?.buffer.byteLength).toBe(24);
    expect(outputColumn(4).buffer.byteLength).toBe(32);
  });

  it('are fresh below the size threshold, and the arena is gone after an error', () => {
    const small = withColumnArena(4, 2, () => [outputColumn(4), outputColumn(4)]);
    expect(small[0]?.buffer).not.toBe(small[1]?.buffer);
    expect(() =>
      withColumnArena(
        4,
        2,
        () => {
          outputColumn(4);
          throw new Error('boom');
        },
        0,
      ),
    ).toThrow('boom');
    expect(outputColumn(4).buffer.byteLength).toBe(32);
  });
});
