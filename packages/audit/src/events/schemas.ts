import { z } from 'zod';
import { jsonValueSchema } from './json.js';
import { AUDIT_EVENT_KINDS as K } from './kinds.js';

const id = z.string().min(1, 'must be a non-empty string');
const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'must be a decimal number written as a string, e.g. "0.015"');
const side = z.enum(['buy', 'sell']);
const extra = jsonValueSchema;

const order = { orderId: id, clientOrderId: id.optional() };

/** Payload schema per event kind; unknown extra fields are kept (as JSON values), required ones are typed. */
export const auditPayloadSchemas = {
  [K.orderIntent]: z.looseObject({
    ...order,
    symbol: id,
    side,
    type: z.enum(['market', 'limit', 'stop', 'stop_limit']),
    quantity: decimal,
    price: decimal.optional(),
  }),
  [K.orderSubmitted]: z.looseObject({ ...order, venue: id }),
  [K.orderAccepted]: z.looseObject({ ...order, venueOrderId: id.optional() }),
  [K.orderFilled]: z.looseObject({
    ...order,
    quantity: decimal,
    price: decimal,
    fee: decimal.optional(),
    partial: z.boolean(),
  }),
  [K.orderCanceled]: z.looseObject({ ...order, reason: z.string().optional() }),
  [K.orderRejected]: z.looseObject({ ...order, reason: z.string().min(1, 'must name the reason') }),
  [K.orderDenied]: z.looseObject({ ...order, code: id, reason: z.string().min(1, 'must name the reason') }),
  [K.positionChanged]: z.looseObject({ symbol: id, quantityBefore: decimal, quantityAfter: decimal }),
  [K.riskLimitBreach]: z.looseObject({ limit: id, value: decimal, threshold: decimal }),
  [K.riskKillSwitch]: z.looseObject({
    engaged: z.boolean(),
    reason: z.string().min(1, 'must name the reason'),
  }),
  [K.riskStateChanged]: z.looseObject({ from: id, to: id, reason: z.string().optional() }),
  [K.apiAccess]: z.looseObject({
    venue: id,
    method: id,
    outcome: z.enum(['ok', 'error', 'timeout']),
    latencyMs: z.number().nonnegative('must be >= 0'),
    error: z.string().optional(),
  }),
  [K.secretAccess]: z.strictObject({ name: id, purpose: z.string().optional() }),
  [K.configChanged]: z.looseObject({ key: id, before: extra.optional(), after: extra.optional() }),
  [K.runManifest]: z.looseObject({
    codeVersion: id,
    configHash: id,
    dataHash: id,
    seeds: z.array(z.number().int('must be an integer')),
  }),
} as const;

/** The payload type of one event kind, derived from its schema. */
export type AuditPayload<Kind extends keyof typeof auditPayloadSchemas> = z.input<
  (typeof auditPayloadSchemas)[Kind]
>;
