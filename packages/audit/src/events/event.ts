import { z } from 'zod';
import { AuditValidationError } from '../errors.js';
import type { JsonValue } from './json.js';
import { type AuditEventKind, auditEventKindList } from './kinds.js';
import { type AuditPayload, auditPayloadSchemas } from './schemas.js';

/**
 * An event as the caller hands it to `AuditLog.append`: kind, actor and a kind-specific payload.
 * `id` makes the append idempotent (the same id twice stores one record); when omitted a random UUID is used.
 * `tenant` scopes the record for row-level security (PostgreSQL) and queries.
 */
export type AuditEventInput = {
  [Kind in AuditEventKind]: {
    /** Event kind, e.g. `"order.filled"`. */
    kind: Kind;
    /** Who caused the event: a service, strategy or user name. */
    actor: string;
    /** Kind-specific payload; see {@link auditPayloadSchemas}. */
    payload: AuditPayload<Kind>;
    /** Idempotency key: appending the same id twice stores one record. */
    id?: string;
    /** Tenant that owns the record, or omitted for a single-tenant log. */
    tenant?: string;
  };
}[AuditEventKind];

/** @internal An event after validation and redaction, ready to be timestamped and chained. */
export interface ValidEvent {
  id: string | undefined;
  kind: AuditEventKind;
  actor: string;
  tenant: string | null;
  payload: { [key: string]: JsonValue };
}

const envelopeSchema = z.object({
  id: z.string().min(1, 'must be a non-empty string').max(200, 'must be at most 200 characters').optional(),
  kind: z.enum(auditEventKindList as [AuditEventKind, ...AuditEventKind[]]),
  actor: z.string().min(1, 'must be a non-empty string').max(200, 'must be at most 200 characters'),
  tenant: z
    .string()
    .min(1, 'must be a non-empty string')
    .max(200, 'must be at most 200 characters')
    .optional(),
  payload: z.unknown(),
});

function describe(value: unknown): string {
  // Objects are described by type only, so a misplaced secret inside one never reaches an error message.
  if (value === undefined) return 'undefined';
  if (typeof value === 'object')
    return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** @internal Turns the first zod issue into a message naming the field and the bad value. */
export function issueMessage(error: z.ZodError, root: unknown, prefix: readonly PropertyKey[] = []): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid event';
  const path = [...prefix, ...issue.path];
  const field = path.length === 0 ? 'event' : path.map(String).join('.');
  return `field "${field}" ${issue.message} (got ${describe(valueAt(root, path))})`;
}

/**
 * Validates an event envelope and its kind-specific payload; throws {@link AuditValidationError}
 * naming the field and the bad value.
 *
 * @param input - untrusted event
 * @returns the validated event with the payload as parsed by its schema
 * @internal
 */
export function parseEvent(input: unknown): ValidEvent {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success)
    throw new AuditValidationError(issueMessage(envelope.error, input), { cause: envelope.error });
  const { id, kind, actor, tenant, payload } = envelope.data;
  const parsed = auditPayloadSchemas[kind].safeParse(payload);
  if (!parsed.success) {
    throw new AuditValidationError(issueMessage(parsed.error, input, ['payload']), { cause: parsed.error });
  }
  return { id, kind, actor, tenant: tenant ?? null, payload: parsed.data as { [key: string]: JsonValue } };
}
