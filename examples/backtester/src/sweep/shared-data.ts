import type { DataFile } from '../data/bars.js';

/** A loaded data file in a form every worker thread can open without parsing the CSV again. */
export interface SharedFile {
  /** Path as loaded. */
  readonly path: string;
  /** sha256 of the file bytes. */
  readonly sha256: string;
  /** Market symbol. */
  readonly symbol: string;
  /** Bars. */
  readonly length: number;
  /** time, open, high, low, close, volume: six float64 columns of `length` values, shared (not copied). */
  readonly columns: SharedArrayBuffer;
  /** The price strings (`BarSeries.raw`): a bar's five values joined by `,`, bars joined by `\n`. */
  readonly raw: string;
}

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Packs loaded files for worker threads: the numeric columns go into one `SharedArrayBuffer` per file (the
 * workers read the same memory), the exact price strings into one string.
 *
 * @param files - files loaded in this thread
 */
export function shareFiles(files: readonly DataFile[]): SharedFile[] {
  return files.map((file) => {
    const s = file.series;
    const n = s.time.length;
    const columns = new SharedArrayBuffer(FIELDS.length * n * 8);
    FIELDS.forEach((field, k) => {
      new Float64Array(columns, k * n * 8, n).set(s[field]);
    });
    return {
      path: file.path,
      sha256: file.sha256,
      symbol: s.symbol,
      length: n,
      columns,
      raw: s.raw.map((r) => r.join(',')).join('\n'),
    };
  });
}

/**
 * Opens files packed by {@link shareFiles} (in a worker thread): the columns are views on the shared memory.
 *
 * @param shared - the packed files
 */
export function openSharedFiles(shared: readonly SharedFile[]): DataFile[] {
  return shared.map((f) => {
    const n = f.length;
    const column = (k: number): Float64Array => new Float64Array(f.columns, k * n * 8, n);
    const raw =
      f.raw === ''
        ? []
        : f.raw.split('\n').map((line) => line.split(',') as [string, string, string, string, string]);
    if (raw.length !== n)
      throw new Error(`shared data of ${f.symbol}: ${raw.length} price rows for ${n} bars`);
    return {
      path: f.path,
      sha256: f.sha256,
      series: {
        symbol: f.symbol,
        time: column(0),
        open: column(1),
        high: column(2),
        low: column(3),
        close: column(4),
        volume: column(5),
        raw,
      },
    };
  });
}
