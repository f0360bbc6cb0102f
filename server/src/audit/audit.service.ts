import type { EntityManager } from 'typeorm';

export type AuditAction =
  | 'LOGIN'
  | 'LOGIN_FAILED'
  | 'LOGIN_THROTTLED'
  | 'LOGOUT'
  | 'PASSWORD_CHANGED'
  | 'CONFIDENTIALITY_ACCEPTED'
  | 'CUSTOMER_READ'
  | 'CUSTOMER_CREATED'
  | 'CUSTOMER_UPDATED'
  | 'ORDER_CREATED'
  | 'ORDER_UPDATED'
  | 'INVOICE_CREATED'
  | 'INVOICE_UPDATED'
  | 'PROHIBITION_SET'
  | 'PROHIBITION_LIFTED'
  | 'PROHIBITION_REINSTATED'
  | 'OPT_OUT_LIST_IMPORTED'
  | 'CAMPAIGN_CREATED'
  | 'CAMPAIGN_ARCHIVED'
  | 'TARGET_LIST_REQUESTED'
  | 'TARGET_LIST_BUILT'
  | 'TARGET_LIST_EXPORTED'
  | 'EXPORT_DOWNLOADED'
  | 'USER_CREATED'
  | 'USER_ROLES_CHANGED'
  | 'USER_DEACTIVATED'
  | 'RECIPIENT_CREATED'
  | 'RECIPIENT_UPDATED'
  | 'CUSTOMER_DATA_DISCLOSED'
  | 'PRIVACY_REQUEST_CREATED'
  | 'PRIVACY_REQUEST_ASSIGNED'
  | 'PRIVACY_REQUEST_IDENTITY_VERIFIED'
  | 'PRIVACY_REQUEST_EXTENDED'
  | 'PRIVACY_REQUEST_REFUSED'
  | 'PRIVACY_REQUEST_WITHDRAWN'
  | 'ACCESS_PACKAGE_CREATED'
  | 'PRIVACY_DOCUMENT_DOWNLOADED'
  | 'RECTIFICATION_DECIDED'
  | 'RECTIFICATION_NOTICE_UPDATED'
  | 'ERASURE_PLANNED'
  | 'ERASURE_EXECUTED'
  | 'ERASURE_HOLD_LAPSED'
  | 'CUSTOMER_RESTRICTED'
  | 'CUSTOMER_RESTRICTION_LIFTED';

export interface AuditEventInput {
  action: AuditAction;
  actorId?: string | null;
  actorUsername?: string | null;
  customerId?: string | null;
  targetUserId?: string | null;
  fields?: string[] | null;
  changes?: Record<string, { before?: unknown; after?: unknown }> | null;
  purpose?: string | null;
  detail?: Record<string, unknown> | null;
}

const COLUMNS = [
  'action',
  'actor_id',
  'actor_username',
  'customer_id',
  'target_user_id',
  'fields',
  'changes',
  'purpose',
  'detail',
] as const;

function values(e: AuditEventInput): unknown[] {
  return [
    e.action,
    e.actorId ?? null,
    e.actorUsername ?? null,
    e.customerId ?? null,
    e.targetUserId ?? null,
    e.fields ?? null,
    e.changes ? JSON.stringify(e.changes) : null,
    e.purpose ?? null,
    e.detail ? JSON.stringify(e.detail) : null,
  ];
}

/**
 * Writes audit events in one INSERT. Pass the transaction's manager so an event is written
 * together with the change it describes, or not at all.
 */
export async function recordAuditEvents(manager: EntityManager, events: AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const params: unknown[] = [];
  const rows = events.map((event) => {
    const placeholders = values(event).map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(statement_timestamp(), ${placeholders.join(', ')})`;
  });
  // One time for the whole statement: the rows of one write are one moment (clock_timestamp() moves per row).
  await manager.query(`INSERT INTO audit_events (at, ${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params);
}

/**
 * The consultation log of one request (CJEU C-579/21): which customer's personal fields the
 * user was shown. The field guard notes each read; it is written once, when the response goes out.
 */
export class ReadLog {
  private readonly reads = new Map<string, Set<string>>();

  note(customerId: string, field: string): void {
    let fields = this.reads.get(customerId);
    if (!fields) this.reads.set(customerId, (fields = new Set()));
    fields.add(field);
  }

  get size(): number {
    return this.reads.size;
  }

  toEvents(actor: { id: string; username: string }, purpose: string | null): AuditEventInput[] {
    return [...this.reads].map(([customerId, fields]) => ({
      action: 'CUSTOMER_READ' as const,
      actorId: actor.id,
      actorUsername: actor.username,
      customerId,
      fields: [...fields].sort(),
      purpose,
    }));
  }
}
