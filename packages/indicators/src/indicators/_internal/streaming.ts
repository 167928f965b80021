import { InvalidInputError } from '../../errors.js';

/**
 * Base of every streaming indicator: `update()` feeds one new input, `replace()` swaps the last input
 * (an updating, not yet closed candle), `value` is `null` until the first value.
 *
 * An input with a NaN or infinite field is rejected with an `IndicatorError` (`non_finite_input`) and leaves
 * the state as it was: the indicator continues as if that input had never been given.
 *
 * Implementation contract: `compute(input)` validates its input before anything else, then derives the value for the newest input from the state of the
 * inputs before it without changing that state; `commit()` folds the newest input into the state. The
 * commit happens lazily at the next `update()`, so `replace()` is simply another `compute()`.
 *
 * @typeParam In - input accepted by `update` / `replace` (a number or a bar-like object)
 * @typeParam Out - value produced (a number or an object of numbers)
 *
 * @example
 * ```ts
 * import { SMA } from '@rrr/indicators';
 *
 * const sma = new SMA(2);
 * sma.update(1); // null
 * sma.update(3); // 2
 * sma.replace(5); // 3, the last input is now 5
 * console.log(sma.value, sma.isStable, sma.warmup); // 3 true 1
 * ```
 */
export abstract class StreamingIndicator<In, Out> {
  /** Number of inputs before the first value: the first value comes with input number `warmup + 1`. */
  abstract readonly warmup: number;
  /** Number of inputs folded into the state (every input except the newest). */
  protected committed = 0;
  #pending = false;
  // The last value: a number is kept in a typed array (a field that may also hold null or an object would box
  // every number stored into it, one allocation per update), anything else in `#lastOther`.
  readonly #lastNumber = new Float64Array(1);
  #lastIsNumber = false;
  #lastOther: Out | null = null;

  /**
   * Feeds a new input (a newly closed bar). O(1).
   *
   * @param input - the new input
   * @returns the indicator value for this input, or `null` during the warm-up
   */
  update(input: In): Out | null {
    if (this.#pending) {
      this.commit();
      this.committed++;
      this.#pending = false;
    }
    // compute validates first: a rejected input throws here and is simply not part of the state
    const value = this.compute(input);
    this.#pending = true;
    this.#remember(value);
    return value;
  }

  /**
   * Replaces the most recent input (for example the still-updating last candle) and recomputes. O(1).
   *
   * @param input - the input that replaces the last one given to `update`
   * @returns the indicator value for the replaced input, or `null` during the warm-up
   */
  replace(input: In): Out | null {
    if (!this.#pending) {
      throw new InvalidInputError(
        'nothing_to_replace',
        'input',
        `${this.constructor.name}.replace: call update() before replace()`,
      );
    }
    const value = this.compute(input);
    this.#remember(value);
    return value;
  }

  /** The value for the most recent input, `null` until the indicator is stable. */
  get value(): Out | null {
    return this.#lastIsNumber ? (this.#lastNumber[0] as Out) : this.#lastOther;
  }

  /** True once a value has been produced (after `warmup + 1` inputs). */
  get isStable(): boolean {
    return this.#lastIsNumber || this.#lastOther !== null;
  }

  /** Number of inputs accepted so far (replacements and rejected inputs do not count). */
  get count(): number {
    return this.#pending ? this.committed + 1 : this.committed;
  }

  #remember(value: Out | null): void {
    if (typeof value === 'number') {
      this.#lastNumber[0] = value;
      this.#lastIsNumber = true;
      this.#lastOther = null;
    } else {
      this.#lastIsNumber = false;
      this.#lastOther = value;
    }
  }

  /**
   * Computes the value for `input` as the newest input, from the state of the earlier inputs. Must not
   * change that state (it may store the would-be next state for {@link StreamingIndicator.commit}).
   *
   * @param input - the newest input
   * @returns the value or `null` during the warm-up
   */
  protected abstract compute(input: In): Out | null;

  /** Folds the newest input (the one last given to `compute`) into the state. */
  protected abstract commit(): void;
}
