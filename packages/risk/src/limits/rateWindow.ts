/** @internal Sliding-window counter of event timestamps (ms). */
export class RateWindow {
  #times: number[] = [];
  #head = 0;

  /** Drops events at or before `now - windowMs` and returns how many remain. */
  count(now: number, windowMs: number): number {
    const cutoff = now - windowMs;
    while (this.#head < this.#times.length && (this.#times[this.#head] as number) <= cutoff) this.#head++;
    if (this.#head > 64 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
    return this.#times.length - this.#head;
  }

  /** Records one event. */
  add(now: number): void {
    this.#times.push(now);
  }
}
