import { z } from 'zod';
import { AuditValidationError } from '../errors.js';
import { issueMessage } from '../events/event.js';
import { type AuditEventKind, auditEventKindList } from '../events/kinds.js';
import type { AuditRecord } from '../record/record.js';
import type { AuditQuery } from './types.js';

const querySchema = z.object({
  fromTs: z.number().int('must be an integer (ms UTC)').optional(),
  toTs: z.number().int('must be an integer (ms UTC)').optional(),
  kinds: z.array(z.enum(auditEventKindList as [AuditEventKind, ...AuditEventKind[]])).optional(),
  actor: z.string().min(1, 'must be a non-empty string').optional(),
  orderId: z.string().min(1, 'must be a non-empty string').optional(),
  tenant: z.string().min(1, 'must be a non-empty string').optional(),
  afterSeq: z.number().int('must be an integer').nonnegative('must be >= 0').optional(),
  limit: z
    .number()
    .int('must be an integer')
    .min(1, 'must be >= 1')
    .max(10_000, 'must be <= 10000')
    .optional(),
});

/** @internal A validated query with defaults applied. */
export type NormalizedQuery = Omit<AuditQuery, 'afterSeq' | 'limit'> & { afterSeq: number; limit: number };

/** @internal Validates a query (throws AuditValidationError naming the field) and applies defaults. */
export function normalizeQuery(query: AuditQuery): NormalizedQuery {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) {
    throw new AuditValidationError(issueMessage(parsed.error, { query }, ['query']), { cause: parsed.error });
  }
  return { ...(query as NormalizedQuery), afterSeq: query.afterSeq ?? 0, limit: query.limit ?? 100 };
}

/** @internal The `orderId` of a record's payload, or null. */
export function orderIdOf(record: Pick<AuditRecord, 'payload'>): string | null {
  const value = record.payload['orderId'];
  return typeof value === 'string' ? value : null;
}

/** @internal True when the record passes every filter of the query (ignores paging). */
export function matchesQuery(record: AuditRecord, query: NormalizedQuery): boolean {
  if (record.seq <= query.afterSeq) return false;
  if (query.fromTs !== undefined && record.ts < query.fromTs) return false;
  if (query.toTs !== undefined && record.ts >= query.toTs) return false;
  if (query.kinds !== undefined && !query.kinds.includes(record.kind)) return false;
  if (query.actor !== undefined && record.actor !== query.actor) return false;
  if (query.tenant !== undefined && record.tenant !== query.tenant) return false;
  if (query.orderId !== undefined && orderIdOf(record) !== query.orderId) return false;
  return true;
}
