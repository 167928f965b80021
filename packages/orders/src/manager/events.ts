import type { Fill, Order, OrderStatus } from '../model/types.js';
import type { Position } from '../position/position.js';

/** Every change the OrderManager makes, as a typed event. */
export type OrderManagerEvent =
  | { readonly type: 'order_created'; readonly order: Order }
  | { readonly type: 'order_denied'; readonly order: Order }
  | { readonly type: 'order_status'; readonly order: Order; readonly from: OrderStatus }
  | { readonly type: 'order_modified'; readonly order: Order }
  | { readonly type: 'fill'; readonly fill: Fill; readonly order: Order; readonly position: Position }
  | { readonly type: 'error'; readonly error: unknown };

/** The event type names. */
export type OrderManagerEventType = OrderManagerEvent['type'];

/** The event of one type. */
export type OrderManagerEventOf<T extends OrderManagerEventType> = Extract<OrderManagerEvent, { type: T }>;

/** @internal Listener registry plus async-iterator fan-out. */
export class EventHub {
  readonly #listeners = new Map<string, Set<(event: OrderManagerEvent) => void>>();
  readonly #any = new Set<(event: OrderManagerEvent) => void>();

  on(type: string, listener: (event: OrderManagerEvent) => void): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  onAny(listener: (event: OrderManagerEvent) => void): () => void {
    this.#any.add(listener);
    return () => this.#any.delete(listener);
  }

  get active(): boolean {
    return this.#any.size > 0 || this.#listeners.size > 0;
  }

  emit(event: OrderManagerEvent): void {
    const set = this.#listeners.get(event.type);
    if (set) for (const l of set) l(event);
    for (const l of this.#any) l(event);
  }

  iterate(signal?: AbortSignal): AsyncIterableIterator<OrderManagerEvent> {
    const queue: OrderManagerEvent[] = [];
    let wake: ((r: IteratorResult<OrderManagerEvent>) => void) | undefined;
    let done = false;
    const finish = (): IteratorResult<OrderManagerEvent> => {
      done = true;
      off();
      signal?.removeEventListener('abort', onAbort);
      if (wake) {
        const w = wake;
        wake = undefined;
        w({ done: true, value: undefined });
      }
      return { done: true, value: undefined };
    };
    const onAbort = () => finish();
    const off = this.onAny((event) => {
      if (wake) {
        const w = wake;
        wake = undefined;
        w({ done: false, value: event });
      } else queue.push(event);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) finish();
    const iterator: AsyncIterableIterator<OrderManagerEvent> = {
      next: () => {
        const head = queue.shift();
        if (head) return Promise.resolve({ done: false, value: head });
        if (done) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => {
          wake = resolve;
        });
      },
      return: () => Promise.resolve(finish()),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
