import { describe, expect, it } from 'vitest';
import { loadData } from '../data/bars.js';
import { DEFAULT_DATA_DIR } from '../data/default-data.js';
import { unionTimeline } from './timeline.js';

describe('unionTimeline', () => {
  it('merges the nine embedded series into their sorted union, each time once', () => {
    const times = loadData(DEFAULT_DATA_DIR).map((f) => f.series.time);
    const expected = Float64Array.from(new Set(times.flatMap((t) => [...t]))).sort();
    const merged = unionTimeline(times);
    expect(merged.length).toBe(6002); // 2024-01-01 00:00 .. 2024-09-07 01:00, the longest series
    expect(merged).toEqual(expected);
  });

  it('handles disjoint, interleaved and unsorted inputs', () => {
    const f = (...xs: number[]) => Float64Array.from(xs);
    expect(unionTimeline([f(1, 3, 5), f(2, 3, 6), f()])).toEqual(f(1, 2, 3, 5, 6));
    expect(unionTimeline([f(10, 20), f(1, 2)])).toEqual(f(1, 2, 10, 20));
    expect(unionTimeline([f(5, 1, 5), f(3)])).toEqual(f(1, 3, 5));
    expect(unionTimeline([])).toEqual(f());
  });
});
