import type { InferenceSession } from 'onnxruntime-node';
import { z } from 'zod';
import { ModelInputError } from '../errors.js';

/** onnxruntime session options exposed by {@link DirectionModel.load}. */
export interface SessionOptions {
  /** Threads used inside one operator (default: onnxruntime's choice, all cores). */
  readonly intraOpThreads?: number;
  /** Threads used across operators when `executionMode` is `parallel`. */
  readonly interOpThreads?: number;
  /** Graph optimization level (default `all`). */
  readonly graphOptimization?: 'disabled' | 'basic' | 'extended' | 'all';
  /** Operator scheduling (default `sequential`). */
  readonly executionMode?: 'sequential' | 'parallel';
}

const schema = z
  .object({
    intraOpThreads: z.number().int().min(1).max(256).optional(),
    interOpThreads: z.number().int().min(1).max(256).optional(),
    graphOptimization: z.enum(['disabled', 'basic', 'extended', 'all']).optional(),
    executionMode: z.enum(['sequential', 'parallel']).optional(),
  })
  .strict();

/** Validates session options and maps them to onnxruntime's. @internal */
export function toOrtSessionOptions(options: unknown): InferenceSession.SessionOptions {
  const parsed = schema.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['session', ...(issue?.path ?? []).map(String)].join('.');
    throw new ModelInputError('invalid_argument', `${path}: ${issue?.message ?? 'invalid session options'}`);
  }
  const o = parsed.data;
  return {
    graphOptimizationLevel: o.graphOptimization ?? 'all',
    executionMode: o.executionMode ?? 'sequential',
    ...(o.intraOpThreads === undefined ? {} : { intraOpNumThreads: o.intraOpThreads }),
    ...(o.interOpThreads === undefined ? {} : { interOpNumThreads: o.interOpThreads }),
  };
}
