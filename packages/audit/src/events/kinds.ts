/**
 * Every kind of audit event, as a constant object; {@link AuditEventKind} is the derived union.
 *
 * @example
 * ```ts
 * import { AUDIT_EVENT_KINDS } from '@rrr/audit';
 *
 * console.log(AUDIT_EVENT_KINDS.orderDenied); // "order.denied"
 * ```
 */
export const AUDIT_EVENT_KINDS = {
  orderIntent: 'order.intent',
  orderSubmitted: 'order.submitted',
  orderAccepted: 'order.accepted',
  orderFilled: 'order.filled',
  orderCanceled: 'order.canceled',
  orderRejected: 'order.rejected',
  orderDenied: 'order.denied',
  positionChanged: 'position.changed',
  riskLimitBreach: 'risk.limit_breach',
  riskKillSwitch: 'risk.kill_switch',
  riskStateChanged: 'risk.state_changed',
  apiAccess: 'api.access',
  secretAccess: 'secret.access',
  configChanged: 'config.changed',
  runManifest: 'run.manifest',
} as const;

/** One audit event kind, e.g. `"order.filled"`. */
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[keyof typeof AUDIT_EVENT_KINDS];

/** All kinds as a readonly tuple, in declaration order. */
export const auditEventKindList = Object.values(AUDIT_EVENT_KINDS) as readonly AuditEventKind[];
