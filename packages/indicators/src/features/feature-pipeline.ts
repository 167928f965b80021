import { InvalidSeriesError } from '../errors.js';
import type { Bar } from '../series/index.js';
import type { BlockStep } from './block.js';
import { buildBlocks } from './blocks.js';
import { DEFAULT_FEATURE_SPEC, type FeatureSpec, featureColumns, parseFeatureSpec } from './spec.js';

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Streaming feature computation: feed closed bars in time order, get each bar's feature row, identical bit
 * for bit to the corresponding row of {@link computeFeatures} over the same bars (NaN warm-up included).
 * O(1) amortized per bar and per feature, except `volatility` which is O(period).
 *
 * @example
 * ```ts
 * import { FeaturePipeline } from '@rrr/indicators';
 *
 * const pipeline = new FeaturePipeline([{ kind: 'logReturn', horizon: 1 }]);
 * pipeline.update({ timestamp: 0, open: 100, high: 101, low: 99, close: 100, volume: 5 }); // Float64Array [NaN]
 * pipeline.update({ timestamp: 60_000, open: 100, high: 111, low: 99, close: 110, volume: 5 });
 * // Float64Array [0.09531017980432493] = ln(110 / 100)
 * console.log(pipeline.columns); // ['logret_1']
 * ```
 */
export class FeaturePipeline {
  /** Column names of the rows, in order. */
  readonly columns: readonly string[];
  private readonly steps: BlockStep[];
  private readonly offsets: number[];
  private lastTime = Number.NEGATIVE_INFINITY;
  private bars = 0;

  /**
   * @param spec - feature groups (default {@link DEFAULT_FEATURE_SPEC})
   */
  constructor(spec: FeatureSpec = DEFAULT_FEATURE_SPEC) {
    const parsed = parseFeatureSpec(spec);
    this.columns = featureColumns(parsed);
    const blocks = buildBlocks(parsed);
    this.steps = blocks.map((block) => block.stream());
    const offsets: number[] = [];
    let offset = 0;
    for (const block of blocks) {
      offsets.push(offset);
      offset += block.width;
    }
    this.offsets = offsets;
  }

  /** Number of bars consumed so far. */
  get count(): number {
    return this.bars;
  }

  /**
   * Consumes the next closed bar and returns its feature row (a new array of `columns.length` values).
   *
   * @param bar - the bar that just closed; its timestamp must be after the previous bar's, its values
   *   finite, `high >= max(open, close)`, `low <= min(open, close)` and `volume >= 0`, as in a validated
   *   series; a bad bar throws `InvalidSeriesError` before any state changes
   */
  update(bar: Bar): Float64Array {
    if (!(bar.timestamp > this.lastTime)) {
      throw new InvalidSeriesError(
        'invalid_series',
        this.bars,
        'timestamp',
        `bar ${this.bars}: timestamp ${bar.timestamp} must be after the previous bar's ${this.lastTime}`,
      );
    }
    for (const field of FIELDS) {
      const value = bar[field];
      if (!Number.isFinite(value) || (field === 'volume' && value < 0)) {
        throw new InvalidSeriesError(
          'invalid_series',
          this.bars,
          field,
          `bar ${this.bars}: ${field} must be a finite number${field === 'volume' ? ' >= 0' : ''} (got ${String(value)})`,
        );
      }
    }
    if (bar.high < Math.max(bar.open, bar.close) || bar.low > Math.min(bar.open, bar.close)) {
      throw new InvalidSeriesError(
        'invalid_series',
        this.bars,
        bar.high < Math.max(bar.open, bar.close) ? 'high' : 'low',
        `bar ${this.bars}: high ${bar.high} and low ${bar.low} must enclose open ${bar.open} and close ${bar.close}`,
      );
    }
    const row = new Float64Array(this.columns.length);
    for (let k = 0; k < this.steps.length; k++) {
      (this.steps[k] as BlockStep)(bar, row, this.offsets[k] as number);
    }
    this.lastTime = bar.timestamp;
    this.bars += 1;
    return row;
  }
}
