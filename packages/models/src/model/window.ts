import type { ModelCard } from '../card/schema.js';
import { ModelInputError } from '../errors.js';

/**
 * A window of raw (unnormalized) feature rows, oldest first: `data` is row-major with `columns.length`
 * values per row and exactly the card's `windowLength` rows. A `FeatureMatrix` from `@rrr/indicators`
 * slice fits this shape; {@link DirectionModel.windowAt} cuts one out of a matrix.
 */
export interface FeatureWindow {
  /** Feature names, which must equal the card's `features.names` in order. */
  readonly columns: readonly string[];
  /** Row-major raw feature values, `windowLength * columns.length` of them. */
  readonly data: ArrayLike<number>;
}

/**
 * Checks `window` against the card and writes its normalized float32 values at `offset` of `out`.
 * Throws {@link ModelInputError}: `feature_mismatch`, `shape_mismatch`, `nan_input`. @internal
 */
export function writeNormalized(
  card: ModelCard,
  window: FeatureWindow,
  out: Float32Array,
  offset: number,
  label: string,
): void {
  const names = card.features.names;
  const cols = names.length;
  if (window.columns.length !== cols || window.columns.some((name, j) => name !== names[j])) {
    const j = names.findIndex((name, k) => window.columns[k] !== name);
    throw new ModelInputError(
      'feature_mismatch',
      `${label}.columns: expected ${cols} features in card order; column ${j} is ${String(window.columns[j])}, card says ${String(names[j])}`,
    );
  }
  const expected = card.windowLength * cols;
  if (window.data.length !== expected) {
    throw new ModelInputError(
      'shape_mismatch',
      `${label}.data: expected ${card.windowLength} rows x ${cols} features = ${expected} values, got ${window.data.length}`,
    );
  }
  const { mean, std, clip, method } = card.normalization;
  const limit = clip ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < expected; i++) {
    const raw = window.data[i] as number;
    if (!Number.isFinite(raw)) {
      const j = i % cols;
      throw new ModelInputError(
        'nan_input',
        `${label}.data: row ${Math.floor(i / cols)}, feature ${String(names[j])} is ${String(raw)} (indicator warm-up or a gap?)`,
      );
    }
    const j = i % cols;
    const z = method === 'zscore' ? (raw - (mean[j] as number)) / (std[j] as number) : raw;
    out[offset + i] = Math.min(Math.max(z, -limit), limit);
  }
}
