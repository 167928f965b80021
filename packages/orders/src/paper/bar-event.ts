import { Decimal } from 'decimal.js';
import type { DecimalInput } from '../util/decimal.js';
import { decimalFromFloat } from '../util/float-conversion.js';
import type { PriceEvent } from './fill-model.js';

/**
 * @internal A bar as a {@link PriceEvent} whose prices and volume become Decimals when first read: a market order
 * reads the open (and the volume under a participation cap) but never the high or low, and parsing a decimal
 * string is a good part of the cost of an event. Only for inputs that `new Decimal` certainly accepts (see
 * `acceptedByDecimal`), so that parsing later, or never, cannot change what happens.
 */
export class LazyBarEvent implements PriceEvent {
  readonly symbol: string;
  readonly timestamp: number;
  readonly #inputs: readonly [DecimalInput, DecimalInput, DecimalInput, DecimalInput, DecimalInput];
  readonly #values: (Decimal | undefined)[] = [undefined, undefined, undefined, undefined, undefined];

  constructor(
    symbol: string,
    timestamp: number,
    open: DecimalInput,
    high: DecimalInput,
    low: DecimalInput,
    close: DecimalInput,
    volume: DecimalInput,
  ) {
    this.symbol = symbol;
    this.timestamp = timestamp;
    this.#inputs = [open, high, low, close, volume];
  }

  #value(i: 0 | 1 | 2 | 3 | 4): Decimal {
    let value = this.#values[i];
    if (value === undefined) {
      const input = this.#inputs[i];
      value = typeof input === 'number' ? decimalFromFloat(input) : new Decimal(input);
      this.#values[i] = value;
    }
    return value;
  }

  get open(): Decimal {
    return this.#value(0);
  }

  get high(): Decimal {
    return this.#value(1);
  }

  get low(): Decimal {
    return this.#value(2);
  }

  get close(): Decimal {
    return this.#value(3);
  }

  get volume(): Decimal {
    return this.#value(4);
  }

  /** The close as given. */
  get closeInput(): DecimalInput {
    return this.#inputs[3];
  }

  /** The close as a Decimal when something read it already, else undefined. */
  get parsedClose(): Decimal | undefined {
    return this.#values[3];
  }
}
