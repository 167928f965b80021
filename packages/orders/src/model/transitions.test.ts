import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, isOrderError } from '../errors.js';
import {
  assertTransition,
  canTransition,
  isOpenStatus,
  isTerminalStatus,
  ORDER_TRANSITIONS,
} from './transitions.js';
import { OrderStatus } from './types.js';

const ALL = Object.values(OrderStatus);

// Written out by hand (not derived from the table) so that a change to the table must be deliberate.
const ALLOWED = new Set([
  'pending_new>new',
  'pending_new>partially_filled',
  'pending_new>filled',
  'pending_new>canceled',
  'pending_new>rejected',
  'pending_new>expired',
  'pending_new>denied',
  'new>partially_filled',
  'new>filled',
  'new>pending_cancel',
  'new>pending_replace',
  'new>canceled',
  'new>expired',
  'partially_filled>partially_filled',
  'partially_filled>filled',
  'partially_filled>pending_cancel',
  'partially_filled>pending_replace',
  'partially_filled>canceled',
  'partially_filled>expired',
  'pending_cancel>new',
  'pending_cancel>partially_filled',
  'pending_cancel>filled',
  'pending_cancel>canceled',
  'pending_cancel>expired',
  'pending_replace>new',
  'pending_replace>partially_filled',
  'pending_replace>filled',
  'pending_replace>pending_cancel',
  'pending_replace>canceled',
  'pending_replace>expired',
  'canceled>filled',
  'expired>filled',
]);

describe('order status transition table', () => {
  it('covers all ten statuses', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ALL].sort());
    expect(ALL).toHaveLength(10);
  });

  for (const from of ALL) {
    for (const to of ALL) {
      const key = `${from}>${to}`;
      const allowed = ALLOWED.has(key);
      it(`${allowed ? 'allows' : 'refuses'} ${from} -> ${to}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
        if (allowed) {
          expect(() => assertTransition(from, to)).not.toThrow();
        } else {
          let caught: unknown;
          try {
            assertTransition(from, to, 'c-1');
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(IllegalTransitionError);
          expect(isOrderError(caught) && caught.code).toBe('illegal_transition');
          expect((caught as IllegalTransitionError).from).toBe(from);
          expect((caught as IllegalTransitionError).to).toBe(to);
          expect((caught as Error).message).toBe(`illegal order transition ${from} -> ${to} (c-1)`);
        }
      });
    }
  }

  it('reaches denied only from pending_new (a pre-trade refusal happens before any venue call)', () => {
    expect(ALL.filter((s) => canTransition(s, 'denied'))).toEqual(['pending_new']);
  });

  it('leaves filled, rejected and denied with no way out', () => {
    for (const s of ['filled', 'rejected', 'denied'] as const) expect(ORDER_TRANSITIONS[s]).toEqual([]);
  });

  it('classifies open and terminal statuses', () => {
    expect(ALL.filter(isOpenStatus)).toEqual([
      'pending_new',
      'new',
      'partially_filled',
      'pending_cancel',
      'pending_replace',
    ]);
    expect(ALL.filter(isTerminalStatus)).toEqual(['filled', 'canceled', 'rejected', 'expired', 'denied']);
  });
});
