import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptedBySchema, intentSchema, parseOrderIntent } from './intent.js';

const field = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });

/** Intents mixing valid values with every kind of wrong one, keys sometimes absent. */
const anyIntent = fc.record(
  {
    symbol: field(['BTC/USDT', '', 5, null]),
    side: field(['buy', 'sell', 'long', 'BUY', 1]),
    type: field(['market', 'limit', 'stop', 'stop_limit', 'iceberg', '']),
    quantity: field(['0.5', 2, new Decimal('0.1'), 'abc', -1, 0, null, true, {}, Number.NaN]),
    price: field(['60000.1', 100, new Decimal(5), '', null, [], false]),
    stopPrice: field(['59000', 7, null, 'x']),
    timeInForce: field(['GTC', 'IOC', 'FOK', 'PO', 'DAY', 'gtc', 3]),
    reduceOnly: field([true, false, 'yes', 0, null]),
    clientOrderId: field(['my-id_1', 'a.b:c', '', 'x'.repeat(65), 'bad id', 'é', 12]),
    extra: field(['ignored']),
  },
  { requiredKeys: [] },
);

describe('parseOrderIntent fast path (hand-written checks before zod)', () => {
  it('accepts exactly what the zod schema accepts, with the same values', () => {
    fc.assert(
      fc.property(anyIntent, (input) => {
        const fast = acceptedBySchema(input);
        const schema = intentSchema.safeParse(input);
        expect(fast !== undefined, JSON.stringify(input)).toBe(schema.success);
        if (fast && schema.success) {
          for (const key of Object.keys(schema.data) as (keyof typeof schema.data)[])
            expect(fast[key]).toBe(schema.data[key]);
        }
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('refuses arrays and non-objects, which zod refuses, and still names the field', () => {
    expect(acceptedBySchema([])).toBeUndefined();
    expect(acceptedBySchema('BTC/USDT')).toBeUndefined();
    expect(() => parseOrderIntent({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: {} })).toThrow(
      /quantity: must be a number, a numeric string or a Decimal/,
    );
  });
});
