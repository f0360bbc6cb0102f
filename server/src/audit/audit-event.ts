/**
 * What the audit trail records: the actions, one event as a write hands it in, and one entry as the
 * trail is read back. No GraphQL: `audit.type.ts` gives the entry and the filter their GraphQL shape.
 */
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
  /** P6: two records of one person made one (on the kept record, and on the merged one). */
  | 'CUSTOMER_MERGED'
  | 'CUSTOMER_MERGED_INTO'
  | 'CUSTOMERS_EXPORTED'
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
  /** Issue 16: customers kept off a campaign's list by hand, and taken off those exclusions. */
  | 'CAMPAIGN_EXCLUSIONS_ADDED'
  | 'CAMPAIGN_EXCLUSION_REMOVED'
  | 'TARGET_LIST_REQUESTED'
  | 'TARGET_LIST_BUILT'
  | 'TARGET_LIST_EXPORTED'
  | 'EXPORT_DOWNLOADED'
  | 'USER_CREATED'
  | 'USER_ROLES_CHANGED'
  | 'USER_DEACTIVATED'
  | 'USER_PARTNER_CHANGED'
  | 'RECIPIENT_CREATED'
  | 'RECIPIENT_UPDATED'
  | 'PARTNER_CREATED'
  | 'PARTNER_UPDATED'
  | 'PARTNER_DEACTIVATED'
  | 'API_TOKEN_ISSUED'
  | 'API_TOKEN_REVOKED'
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
  | 'CUSTOMER_RESTRICTION_LIFTED'
  | 'WEB_FORM_RECEIVED'
  | 'OUTBOX_SENT'
  | 'OUTBOX_RETRIED'
  | 'OUTBOX_MARKED_SENT'
  | 'REGISTER_CONFIG_UPDATED'
  | 'PRIVACY_NOTICE_PUBLISHED'
  | 'UPDATE_PROHIBITION_SET'
  | 'UPDATE_PROHIBITION_LIFTED'
  | 'AUDIT_LOG_PURGED'
  | 'RETENTION_PROPOSAL_KEPT'
  | 'RETENTION_PROPOSAL_ACCEPTED'
  | 'PAPER_RECORD_RECORDED'
  | 'PAPER_RECORD_UPDATED'
  | 'PAPER_RECORD_DESTROYED'
  | 'CUSTOMER_NOTE_ADDED'
  | 'CUSTOMER_NOTE_UPDATED'
  | 'CUSTOMER_NOTE_DELETED';

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

/** A filter of the audit trail, as the API takes it. */
export interface AuditFilter {
  action?: string | null;
  actorUsername?: string | null;
  customerId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** One entry of the trail, in the API's shape. */
export interface AuditEntry {
  id: string;
  at: Date;
  action: string;
  actorId: string | null;
  actorUsername: string | null;
  customerId: string | null;
  targetUserId: string | null;
  fields: string[] | null;
  changes: unknown;
  purpose: string | null;
  detail: unknown;
}
