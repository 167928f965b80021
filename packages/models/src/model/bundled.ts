import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ModelLoadError } from '../errors.js';
import { DirectionModel, type LoadOptions } from './direction-model.js';

/** Paths of the model shipped in this package. */
export interface BundledModelPaths {
  /** The ONNX file. */
  readonly model: string;
  /** Its model card (JSON). */
  readonly card: string;
}

/**
 * Paths of the shipped BTC/USDT 1h direction model and its card inside the installed package.
 *
 * @returns absolute paths of the `.onnx` file and the `.card.json`
 * @example
 * ```ts
 * import { bundledModelPaths } from '@rrr/models';
 *
 * console.log(bundledModelPaths().card); // .../@rrr/models/model/direction-btcusdt-1h.card.json
 * ```
 */
export function bundledModelPaths(): BundledModelPaths {
  const root = dirname(createRequire(import.meta.url).resolve('@rrr/models/package.json'));
  return {
    model: join(root, 'model', 'direction-btcusdt-1h.onnx'),
    card: join(root, 'model', 'direction-btcusdt-1h.card.json'),
  };
}

/**
 * Loads the shipped BTC/USDT 1h direction model with its card (sha256 checked as in
 * {@link DirectionModel.load}).
 *
 * @param options - session options
 * @returns the loaded model
 * @throws {@link ModelLoadError} `model_unreadable` when the card cannot be read, or as {@link DirectionModel.load}
 * @example
 * ```ts
 * import { loadBundledModel } from '@rrr/models';
 *
 * const model = await loadBundledModel({ session: { intraOpThreads: 1 } });
 * console.log(model.card.evaluation?.test.accuracy);
 * await model.release();
 * ```
 */
export async function loadBundledModel(options: LoadOptions = {}): Promise<DirectionModel> {
  const paths = bundledModelPaths();
  let card: unknown;
  try {
    card = JSON.parse(await readFile(paths.card, 'utf8'));
  } catch (error) {
    throw new ModelLoadError('model_unreadable', `card: cannot read ${paths.card}`, { cause: error });
  }
  return DirectionModel.load(paths.model, card, options);
}
