import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';
import type { SecretSchema } from '../schema/manager.js';

const fieldSchema = z.object({
  required: z.boolean().default(true),
  pattern: z.string().optional(),
  minLength: z.number().int().min(1).optional(),
  description: z.string().optional(),
});

const fileSchema = z.object({
  secrets: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'secret name'), fieldSchema),
  maxAgeDays: z.number().positive().optional(),
});

/** A declared-secrets file loaded by {@link loadSchemaFile}. */
export interface LoadedSchema {
  /** The zod schema. */
  readonly schema: SecretSchema;
  /** Maximum age since the last rotation, when declared. */
  readonly maxAgeMs?: number;
}

/**
 * Builds a secret schema from its JSON description:
 * `{ "secrets": { "NAME": { "required": true, "pattern": "^sk-", "minLength": 20 } }, "maxAgeDays": 90 }`.
 *
 * @param json - parsed JSON
 * @param source - file name for error messages
 * @example
 * ```ts
 * import { schemaFromJson } from '@rrr/secrets';
 *
 * const { schema } = schemaFromJson({ secrets: { API_KEY: { pattern: '^key_' } } });
 * ```
 */
export function schemaFromJson(json: unknown, source = 'schema'): LoadedSchema {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArgumentError(
      `${source}: field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
    );
  }
  const shape: Record<string, z.ZodType<string | undefined, string | undefined>> = {};
  for (const [name, field] of Object.entries(parsed.data.secrets)) {
    let s = z.string().min(field.minLength ?? 1);
    if (field.pattern !== undefined) s = s.regex(new RegExp(field.pattern));
    shape[name] = field.required ? s : s.optional();
  }
  const schema = z.object(shape);
  return parsed.data.maxAgeDays === undefined
    ? { schema }
    : { schema, maxAgeMs: parsed.data.maxAgeDays * 86_400_000 };
}

/**
 * Loads a declared-secrets file: JSON (see {@link schemaFromJson}) or an ES module exporting `schema` (a zod
 * object) and optionally `maxAgeDays`.
 *
 * @param path - `.json`, `.mjs` or `.js` file
 * @example
 * ```ts
 * import { loadSchemaFile } from '@rrr/secrets';
 *
 * const { schema } = await loadSchemaFile('secrets.schema.json');
 * ```
 */
export async function loadSchemaFile(path: string): Promise<LoadedSchema> {
  if (extname(path) === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new InvalidArgumentError(`schema file "${path}" is not readable JSON`, { cause: error });
    }
    return schemaFromJson(json, path);
  }
  const mod = (await import(pathToFileURL(resolve(path)).href)) as { schema?: unknown; maxAgeDays?: unknown };
  const schema = mod.schema as SecretSchema | undefined;
  if (schema === undefined || typeof schema !== 'object' || !('shape' in schema)) {
    throw new InvalidArgumentError(`schema module "${path}" must export "schema", a zod object`);
  }
  return typeof mod.maxAgeDays === 'number' ? { schema, maxAgeMs: mod.maxAgeDays * 86_400_000 } : { schema };
}
