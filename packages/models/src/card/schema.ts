import { z } from 'zod';
import { ModelCardError } from '../errors.js';

const finite = z.number().finite();
const period = z
  .object({ start: z.number().int(), end: z.number().int() })
  .refine((p) => p.end >= p.start, { message: 'end must be >= start' });
const confusion = z.array(z.array(z.number().int().min(0)).length(3)).length(3);
const scores = z.object({ accuracy: finite, macroF1: finite, confusion });

/** The three direction classes. */
export const DIRECTIONS = ['down', 'flat', 'up'] as const;

/** A predicted price direction. */
export type Direction = (typeof DIRECTIONS)[number];

/** zod schema of a {@link ModelCard}. */
export const modelCardSchema = z
  .object({
    schemaVersion: z.literal(1),
    name: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    model: z.object({
      file: z.string().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
      sizeBytes: z.number().int().positive().optional(),
      format: z.literal('onnx'),
      opset: z.number().int().min(7),
      inputName: z.string().min(1),
      outputName: z.string().min(1),
      output: z.enum(['logits_per_position', 'logits']),
      architecture: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
    features: z.object({
      source: z.string().min(1),
      spec: z.array(z.record(z.string(), z.unknown())).optional(),
      names: z.array(z.string().min(1)).min(1),
    }),
    windowLength: z.number().int().positive(),
    normalization: z.object({
      method: z.enum(['zscore', 'none']),
      mean: z.array(finite),
      std: z.array(finite.positive()),
      clip: finite.positive().nullable(),
    }),
    classes: z
      .array(z.enum(DIRECTIONS))
      .length(3)
      .refine((c) => new Set(c).size === 3, { message: 'must list down, flat and up once each' }),
    label: z.object({
      horizonBars: z.number().int().positive(),
      downThreshold: finite,
      upThreshold: finite,
      definition: z.string().min(1),
    }),
    training: z.object({
      symbol: z.string().min(1),
      timeframe: z.string().min(1),
      dataFile: z.string().min(1),
      dataSha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
      seed: z.number().int(),
      trainPeriod: period,
      validationPeriod: period.optional(),
      testPeriod: period.optional(),
      optimizer: z.string().optional(),
      loss: z.string().optional(),
      gradientClipNorm: finite.optional(),
      epochs: z.number().int().positive().optional(),
      selectedBy: z.string().optional(),
      framework: z.string().optional(),
    }),
    calibration: z.object({
      method: z.enum(['temperature', 'none']),
      temperature: finite.positive(),
      fittedOn: z.string().optional(),
    }),
    evaluation: z
      .object({
        test: scores.extend({
          samples: z.number().int().positive(),
          classCounts: z.array(z.number().int().min(0)).length(3),
          eceBeforeCalibration: finite,
          eceAfterCalibration: finite,
          accuracyAfterCalibration: finite,
          nllBeforeCalibration: finite,
          nllAfterCalibration: finite,
        }),
        validation: scores.extend({ samples: z.number().int().positive(), ece: finite }),
        baselines: z.object({
          majorityClass: scores.extend({ class: z.enum(DIRECTIONS) }),
          lastDirection: scores,
        }),
        eceBins: z.number().int().positive(),
        history: z.array(z.record(z.string(), finite)),
      })
      .optional(),
  })
  .superRefine((card, ctx) => {
    const n = card.features.names.length;
    if (new Set(card.features.names).size !== n) {
      ctx.addIssue({ code: 'custom', path: ['features', 'names'], message: 'feature names must be unique' });
    }
    if (card.normalization.method === 'zscore') {
      for (const key of ['mean', 'std'] as const) {
        if (card.normalization[key].length !== n) {
          ctx.addIssue({
            code: 'custom',
            path: ['normalization', key],
            message: `expected ${n} values (one per feature), got ${card.normalization[key].length}`,
          });
        }
      }
    }
    if (card.label.downThreshold > card.label.upThreshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['label', 'downThreshold'],
        message: 'must be <= label.upThreshold',
      });
    }
  });

/**
 * A model card: everything needed to use a model correctly, validated by {@link parseModelCard}. Feature
 * names and order, window length, normalization, class order and label definition, training periods and
 * data hash, calibration temperature, evaluation, opset and the sha256 of the model file.
 */
export type ModelCard = z.infer<typeof modelCardSchema>;

/**
 * Validates a model card (parsed JSON) and returns it typed; throws {@link ModelCardError} naming the first
 * bad field.
 *
 * @param value - the card, e.g. `JSON.parse(readFileSync('model.card.json', 'utf8'))`
 * @returns the validated card
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parseModelCard } from '@rrr/models';
 *
 * const card = parseModelCard(JSON.parse(readFileSync('direction.card.json', 'utf8')));
 * console.log(card.windowLength, card.classes);
 * ```
 */
export function parseModelCard(value: unknown): ModelCard {
  const parsed = modelCardSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['card', ...(issue?.path ?? []).map(String)].join('.');
    throw new ModelCardError(`${path}: ${issue?.message ?? 'invalid model card'}`, { cause: parsed.error });
  }
  return parsed.data;
}
