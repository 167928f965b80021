import { type FileHandle, mkdir, open, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditSinkError, AuditValidationError } from '../errors.js';
import { type AuditRecord, GENESIS_HASH } from '../record/record.js';
import { matchesQuery, normalizeQuery } from '../sink/query.js';
import { sealBatch } from '../sink/seal.js';
import type { AppendResult, AuditPage, AuditQuery, PendingRecord, PrunableSink } from '../sink/types.js';
import type { ChainAnchor } from '../verify/verify.js';
import { acquireLock } from './lock.js';
import { parseSegment, recordLine, segmentName, segmentNumber } from './segments.js';

/** Options of {@link JsonlSink.open}. */
export interface JsonlSinkOptions {
  /** Directory holding the segment files (created if missing). */
  readonly directory: string;
  /** Start a new segment once the current one reaches this size, bytes; default 64 MiB. */
  readonly maxSegmentBytes?: number;
  /** Segment file name prefix; default `"audit"` (files `audit-000001.jsonl`, ...). */
  readonly prefix?: string;
}

/** What {@link JsonlSink.open} found and repaired. */
export interface JsonlOpenReport {
  /** Bytes of a partial last record that were cut off (0 when the log ended cleanly). */
  readonly truncatedBytes: number;
  /** Number of segment files. */
  readonly segments: number;
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function sinkError(action: string, file: string, error: unknown): AuditSinkError {
  return new AuditSinkError(`${action} "${file}" failed: ${(error as Error).message}`, { cause: error });
}

/**
 * Append-only JSONL file sink with rotation: one record per line, `fdatasync` after every batch, a new
 * segment file when the current one is full. On open, a partial last record left by a crash is cut off.
 * One process owns a directory at a time (lock file); use SQLite or PostgreSQL for several writers.
 *
 * @example
 * ```ts
 * import { AuditLog, JsonlSink } from '@rrr/audit';
 *
 * const sink = await JsonlSink.open({ directory: './audit', maxSegmentBytes: 16 * 1024 * 1024 });
 * console.log(sink.openReport.truncatedBytes); // 0 after a clean shutdown
 * const log = new AuditLog({ sink });
 * await log.close();
 * ```
 */
export class JsonlSink implements PrunableSink {
  readonly #directory: string;
  readonly #prefix: string;
  readonly #maxSegmentBytes: number;
  #records: AuditRecord[];
  /** Last sequence number of each segment file, by segment number (0 when empty). */
  readonly #segmentLast: Map<number, number>;
  readonly #byId: Map<string, AuditRecord>;
  readonly #release: () => Promise<void>;
  #handle: FileHandle | undefined;
  #segment: number;
  #size: number;
  #segments: number;
  #head: ChainAnchor;
  #tail: Promise<unknown> = Promise.resolve();
  #broken: Error | undefined;
  /** What opening found and repaired. */
  readonly openReport: JsonlOpenReport;

  private constructor(state: {
    directory: string;
    prefix: string;
    maxSegmentBytes: number;
    records: AuditRecord[];
    segmentLast: Map<number, number>;
    handle: FileHandle;
    segment: number;
    size: number;
    segments: number;
    release: () => Promise<void>;
    report: JsonlOpenReport;
  }) {
    this.#directory = state.directory;
    this.#prefix = state.prefix;
    this.#maxSegmentBytes = state.maxSegmentBytes;
    this.#records = state.records;
    this.#segmentLast = state.segmentLast;
    this.#byId = new Map(state.records.map((r) => [r.id, r]));
    this.#handle = state.handle;
    this.#segment = state.segment;
    this.#size = state.size;
    this.#segments = state.segments;
    this.#release = state.release;
    this.openReport = state.report;
    const last = state.records[state.records.length - 1];
    this.#head = last === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: last.seq, hash: last.hash };
  }

  /**
   * Opens (or creates) a log directory, loads its records and truncates a torn last record.
   *
   * @param options - directory, segment size and file prefix
   * @returns the open sink
   */
  static async open(options: JsonlSinkOptions): Promise<JsonlSink> {
    const maxSegmentBytes = options.maxSegmentBytes ?? 64 * 1024 * 1024;
    if (!Number.isInteger(maxSegmentBytes) || maxSegmentBytes < 1) {
      throw new AuditValidationError(
        `field "maxSegmentBytes" must be an integer >= 1 (got ${maxSegmentBytes})`,
      );
    }
    const prefix = options.prefix ?? 'audit';
    if (!/^[A-Za-z0-9_.]+$/.test(prefix)) {
      throw new AuditValidationError(
        `field "prefix" must match [A-Za-z0-9_.]+ (got ${JSON.stringify(prefix)})`,
      );
    }
    const directory = options.directory;
    try {
      await mkdir(directory, { recursive: true });
    } catch (error) {
      throw sinkError('creating directory', directory, error);
    }
    const release = await acquireLock(join(directory, `${prefix}.lock`));
    try {
      const numbers = (await readdir(directory))
        .map((name) => segmentNumber(prefix, name))
        .filter((n): n is number => n !== null)
        .sort((a, b) => a - b);
      const records: AuditRecord[] = [];
      const segmentLast = new Map<number, number>();
      let truncatedBytes = 0;
      let size = 0;
      for (const [index, n] of numbers.entries()) {
        const file = join(directory, segmentName(prefix, n));
        const bytes = await readFile(file);
        const parsed = parseSegment(bytes, file);
        if (parsed.completeBytes < bytes.length) {
          if (index !== numbers.length - 1) {
            throw new AuditSinkError(
              `segment "${file}" ends with a partial record but is not the last segment`,
            );
          }
          truncatedBytes = bytes.length - parsed.completeBytes;
          await truncate(file, parsed.completeBytes);
        }
        for (const record of parsed.records) records.push(record);
        segmentLast.set(n, parsed.records[parsed.records.length - 1]?.seq ?? 0);
        size = parsed.completeBytes;
      }
      const segment = numbers[numbers.length - 1] ?? 1;
      const file = join(directory, segmentName(prefix, segment));
      const handle = await open(file, 'a');
      await handle.sync();
      if (numbers.length === 0) await syncDirectory(directory);
      return new JsonlSink({
        directory,
        prefix,
        maxSegmentBytes,
        records,
        segmentLast,
        handle,
        segment,
        size,
        segments: Math.max(numbers.length, 1),
        release,
        report: { truncatedBytes, segments: Math.max(numbers.length, 1) },
      });
    } catch (error) {
      await release();
      throw error;
    }
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Appends a batch with one write and one `fdatasync`; resolves when durable.
   *
   * @param batch - pending records
   * @returns one result per pending record
   */
  append(batch: readonly PendingRecord[]): Promise<AppendResult[]> {
    return this.#serial(() => this.#append(batch));
  }

  async #append(batch: readonly PendingRecord[]): Promise<AppendResult[]> {
    if (this.#broken !== undefined) {
      throw new AuditSinkError(`JSONL sink is unusable after a failed rollback: ${this.#broken.message}`, {
        cause: this.#broken,
      });
    }
    if (this.#handle === undefined) throw new AuditSinkError(`JSONL sink for "${this.#directory}" is closed`);
    const sealed = sealBatch(this.#head, batch, (id) => this.#byId.get(id));
    if (sealed.fresh.length === 0) return sealed.results;
    const text = sealed.fresh.map((r, i) => recordLine(r, sealed.payloadJson[i] ?? '')).join('');
    const bytes = Buffer.from(text, 'utf8');
    if (this.#size > 0 && this.#size + bytes.length > this.#maxSegmentBytes) await this.#rotate();
    const handle = this.#handle;
    const file = join(this.#directory, segmentName(this.#prefix, this.#segment));
    if (handle === undefined) throw new AuditSinkError(`JSONL sink for "${this.#directory}" is closed`);
    try {
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
        written += bytesWritten;
      }
      await handle.datasync();
    } catch (error) {
      try {
        await handle.truncate(this.#size);
        await handle.datasync();
      } catch (rollbackError) {
        this.#broken = rollbackError as Error;
      }
      throw sinkError('appending to', file, error);
    }
    this.#size += bytes.length;
    for (const record of sealed.fresh) {
      this.#records.push(record);
      this.#byId.set(record.id, record);
    }
    this.#head = sealed.head;
    this.#segmentLast.set(this.#segment, sealed.head.seq);
    return sealed.results;
  }

  async #rotate(): Promise<void> {
    const next = this.#segment + 1;
    const file = join(this.#directory, segmentName(this.#prefix, next));
    try {
      const handle = await open(file, 'a');
      await syncDirectory(this.#directory);
      await this.#handle?.close();
      this.#handle = handle;
      this.#segment = next;
      this.#size = 0;
      this.#segments++;
    } catch (error) {
      throw sinkError('starting segment', file, error);
    }
  }

  /**
   * Removes whole segment files (never the one being written) whose records all have `seq <= throughSeq`.
   *
   * @param throughSeq - last archived sequence number
   * @param _at - time of the prune (unused: the file sink keeps no prune table)
   * @returns the number of records removed
   */
  prune(throughSeq: number, _at: number): Promise<number> {
    return this.#serial(async () => {
      const doomed = [...this.#segmentLast.entries()]
        .filter(([n, last]) => n !== this.#segment && last <= throughSeq)
        .map(([n]) => n);
      if (doomed.length === 0) return 0;
      const cut = Math.max(...doomed.map((n) => this.#segmentLast.get(n) ?? 0));
      for (const n of doomed) {
        await rm(join(this.#directory, segmentName(this.#prefix, n)), { force: true });
        this.#segmentLast.delete(n);
        this.#segments--;
      }
      await syncDirectory(this.#directory);
      const before = this.#records.length;
      this.#records = this.#records.filter((r) => {
        if (r.seq > cut) return true;
        this.#byId.delete(r.id);
        return false;
      });
      return before - this.#records.length;
    });
  }

  /** Number of segment files. */
  get segments(): number {
    return this.#segments;
  }

  /** @returns the last record's sequence number and hash */
  async head(): Promise<ChainAnchor> {
    return this.#head;
  }

  /**
   * @param afterSeq - return records with a greater sequence number
   * @param limit - at most this many
   * @returns records in file order
   */
  async read(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const out: AuditRecord[] = [];
    for (const record of this.#records) {
      if (out.length >= limit) break;
      if (record.seq > afterSeq) out.push(record);
    }
    return out;
  }

  /**
   * @param query - filters and paging
   * @returns one page of matching records
   */
  async query(query: AuditQuery): Promise<AuditPage> {
    const q = normalizeQuery(query);
    const records: AuditRecord[] = [];
    let more = false;
    for (const record of this.#records) {
      if (!matchesQuery(record, q)) continue;
      if (records.length === q.limit) {
        more = true;
        break;
      }
      records.push(record);
    }
    const last = records[records.length - 1];
    return { records, nextAfterSeq: more && last !== undefined ? last.seq : null };
  }

  /** Waits for pending writes, closes the file and releases the directory lock. */
  close(): Promise<void> {
    return this.#serial(async () => {
      const handle = this.#handle;
      this.#handle = undefined;
      if (handle !== undefined) {
        await handle.close();
        await this.#release();
      }
    });
  }
}
