/** True when the times are strictly increasing. */
function increasing(time: Float64Array): boolean {
  for (let i = 1; i < time.length; i++) if (!((time[i] ?? 0) > (time[i - 1] ?? 0))) return false;
  return true;
}

/**
 * The sorted union of several series' bar times (each time once). Strictly increasing series are merged in
 * one pass; any other input is collected in a set and sorted.
 *
 * @param times - bar open times per series
 */
export function unionTimeline(times: readonly Float64Array[]): Float64Array {
  if (!times.every(increasing)) {
    const all = new Set<number>();
    for (const time of times) for (const t of time) all.add(t);
    return Float64Array.from(all).sort();
  }
  const k = times.length;
  const cursor = new Int32Array(k);
  const out = new Float64Array(times.reduce((n, t) => n + t.length, 0));
  let n = 0;
  for (;;) {
    let next = Number.POSITIVE_INFINITY;
    for (let s = 0; s < k; s++) {
      const time = times[s] as Float64Array;
      const c = cursor[s] ?? 0;
      if (c < time.length && (time[c] ?? 0) < next) next = time[c] ?? 0;
    }
    if (next === Number.POSITIVE_INFINITY) break;
    out[n++] = next;
    for (let s = 0; s < k; s++) {
      const time = times[s] as Float64Array;
      const c = cursor[s] ?? 0;
      if (c < time.length && time[c] === next) cursor[s] = c + 1;
    }
  }
  return out.slice(0, n);
}
