import { describe, expect, it } from 'vitest';
import { fillEvent } from '../../test/support/fixtures.js';
import { parseEvent } from './event.js';
import { auditEventKindList } from './kinds.js';
import { auditPayloadSchemas } from './schemas.js';

describe('parseEvent', () => {
  it('accepts a fill built from a real trade and keeps extra payload fields', () => {
    const event = fillEvent(0);
    const parsed = parseEvent({ ...event, payload: { ...event.payload, venue: 'binance' } });
    expect(parsed).toEqual({
      id: 'fill-0',
      kind: 'order.filled',
      actor: 'paper-bot',
      tenant: null,
      payload: {
        orderId: 'o-553287559',
        quantity: '0.000263',
        price: '39432.48',
        partial: false,
        venue: 'binance',
      },
    });
  });

  it('has a payload schema for every kind', () => {
    expect(Object.keys(auditPayloadSchemas).sort()).toEqual([...auditEventKindList].sort());
  });

  it('names the field and the bad value', () => {
    const event = fillEvent(0);
    expect(() => parseEvent({ ...event, payload: { ...event.payload, price: 39432.48 } })).toThrow(
      /field "payload.price" .* \(got 39432.48\)/,
    );
    expect(() => parseEvent({ ...event, payload: { ...event.payload, quantity: 'abc' } })).toThrow(
      'field "payload.quantity" must be a decimal number written as a string, e.g. "0.015" (got "abc")',
    );
    expect(() => parseEvent({ ...event, actor: '' })).toThrow(
      'field "actor" must be a non-empty string (got "")',
    );
    expect(() => parseEvent({ ...event, kind: 'order.exploded' })).toThrow(
      /field "kind" .*\(got "order.exploded"\)/,
    );
  });

  it('records a denied order with its reason, and refuses one without a reason', () => {
    const denied = {
      kind: 'order.denied',
      actor: 'risk',
      payload: { orderId: 'o-1', code: 'max_dd', reason: 'drawdown 21% > 20%' },
    };
    expect(parseEvent(denied).payload).toEqual(denied.payload);
    expect(() => parseEvent({ ...denied, payload: { orderId: 'o-1', code: 'max_dd', reason: '' } })).toThrow(
      'field "payload.reason" must name the reason (got "")',
    );
  });

  it('accepts only a name for a secret access, never a value', () => {
    expect(
      parseEvent({ kind: 'secret.access', actor: 'bot', payload: { name: 'BINANCE_SECRET' } }).payload,
    ).toEqual({
      name: 'BINANCE_SECRET',
    });
    expect(() =>
      parseEvent({
        kind: 'secret.access',
        actor: 'bot',
        payload: { name: 'BINANCE_SECRET', value: 'hunter2' },
      }),
    ).toThrow(/field "payload" .*"value".*\(got an object\)/);
    expect(() =>
      parseEvent({
        kind: 'secret.access',
        actor: 'bot',
        payload: { name: 'BINANCE_SECRET', value: 'hunter2' },
      }),
    ).not.toThrow(/hunter2/);
  });
});
