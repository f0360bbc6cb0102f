/**
 * Field lists of the subjects in the permission table. Field names are the GraphQL field names,
 * so the same list guards reads (field middleware), writes (permittedFieldsOf) and the web.
 * A test compares these lists with the emitted schema, so a new field cannot be forgotten.
 */

/** Bookkeeping fields of a customer record: no personal data. */
export const CUSTOMER_META_FIELDS = ['id', 'customerNumber', 'version', 'createdAt', 'updatedAt'] as const;

/** P6: the personal contact data the register keeps. */
export const CUSTOMER_CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'organisation',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'language',
] as const;

/** P4: which partner firm serves the customer. */
export const CUSTOMER_ADMIN_FIELDS = ['partner'] as const;

/** P7: where the record and each value came from. */
export const CUSTOMER_PROVENANCE_FIELDS = ['source', 'provenance'] as const;

/** P1: the customer's orders and invoices. */
export const CUSTOMER_ORDER_FIELDS = ['orders', 'invoices'] as const;

/** P5, P15, P17: the prohibitions in force; P7: the update prohibition (asiakasrekisterin päivityskielto). */
export const CUSTOMER_PROHIBITION_FIELDS = ['prohibitions', 'updateProhibition'] as const;

/** P10, P17 and restriction: where the record stands; P6: the record it was merged into (its id and number). No personal data. */
export const CUSTOMER_STATE_FIELDS = ['restricted', 'pendingErasure', 'anonymised', 'mergedInto'] as const;

export const CUSTOMER_FIELDS = [
  ...CUSTOMER_META_FIELDS,
  ...CUSTOMER_STATE_FIELDS,
  ...CUSTOMER_CONTACT_FIELDS,
  ...CUSTOMER_ADMIN_FIELDS,
  ...CUSTOMER_PROVENANCE_FIELDS,
  ...CUSTOMER_ORDER_FIELDS,
  ...CUSTOMER_PROHIBITION_FIELDS,
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** Marketing never sees a phone number. */
export const CUSTOMER_MARKETING_FIELDS = CUSTOMER_CONTACT_FIELDS.filter((f) => f !== 'phone');

/** Fields of a customer that carry personal data: reading one is written to the audit trail. */
export const CUSTOMER_PERSONAL_FIELDS: readonly string[] = CUSTOMER_CONTACT_FIELDS;

/** Fields an update may carry at all (who may change which one is the table's business). */
export const CUSTOMER_UPDATABLE_FIELDS: readonly string[] = [...CUSTOMER_CONTACT_FIELDS, 'partner'];

export const ORDER_FIELDS = [
  'id',
  'orderNumber',
  'customer',
  'channel',
  'channelDetail',
  'orderedAt',
  'status',
  'closedAt',
  'archived',
  'lines',
  'netCents',
  'vatCents',
  'grossCents',
  'invoices',
  'version',
  'createdAt',
  'updatedAt',
] as const;
/** What a sale may change on an order that is not archived. */
export const ORDER_UPDATABLE_FIELDS = ['status', 'channelDetail', 'lines'] as const;
export const ORDER_LINE_FIELDS = ['position', 'sku', 'name', 'quantity', 'unitPriceCents', 'vatRateBasisPoints', 'netCents', 'vatCents', 'grossCents'] as const;
export const INVOICE_FIELDS = [
  'id',
  'invoiceNumber',
  'order',
  'customer',
  'issuedAt',
  'dueAt',
  'amountCents',
  'status',
  'paidAt',
  'collectionAgency',
  'version',
  'createdAt',
  'updatedAt',
] as const;
export const INVOICE_UPDATABLE_FIELDS = ['status', 'dueAt', 'paidAt', 'collectionAgency'] as const;

export const PROHIBITION_FIELDS = ['kind', 'channel', 'action', 'via', 'note', 'recordedAt', 'recordedBy'] as const;
export const OPT_OUT_LIST_FIELDS = ['id', 'name', 'channel', 'validFrom', 'validUntil', 'rowCount', 'importedAt'] as const;

export const CAMPAIGN_FIELDS = [
  'id',
  'name',
  'purpose',
  'channel',
  'segment',
  'owner',
  'status',
  'targetList',
  'honouredProhibitions',
  'manualExclusions',
  'version',
  'createdAt',
  'updatedAt',
] as const;
export const TARGET_LIST_FIELDS = [
  'id',
  'campaign',
  'status',
  'progress',
  'error',
  'includedCount',
  'excludedCount',
  'exclusionsByReason',
  'members',
  'exclusions',
  'builtAt',
  'exports',
] as const;
/** A member or an exclusion shows the customer through the Customer rules, field by field. */
export const TARGET_LIST_ENTRY_FIELDS = ['customerId', 'customerNumber', 'customer', 'reasons', 'prohibitedKinds', 'optOutLists'] as const;

export const ORGANISATION_FIELDS = ['id', 'name', 'businessId'] as const;
/** P4: a partner firm, with its processor row (P9), its field scope and its API tokens. */
export const PARTNER_FIELDS = ['id', 'name', 'businessId', 'active', 'processor', 'customerFields', 'tokens', 'version', 'createdAt', 'updatedAt'] as const;
/** What a partner firm's own staff read of their firm. */
export const PARTNER_SELF_FIELDS = ['id', 'name'] as const;
/** P4, P9: what an admin sets on a partner firm; the processor's terms are those of its row in the recipients registry. */
export const PARTNER_UPDATABLE_FIELDS = [
  'name',
  'businessId',
  'active',
  'customerFields',
  'country',
  'agreementDate',
  'agreementReference',
  'subProcessors',
  'necessity',
  'safeguard',
  'dpfCertified',
  'sccVersion',
  'sccSignedOn',
  'bcrReference',
] as const;
/** P4: the customer fields a partner firm's staff may read at most; each firm's agreement names a subset. */
export const PARTNER_SCOPABLE_CUSTOMER_FIELDS: readonly string[] = CUSTOMER_CONTACT_FIELDS;
/** P4: what an API token of a partner firm may do. */
export const API_TOKEN_SCOPES = ['READ_CUSTOMERS', 'WRITE_CUSTOMERS'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
/** P4: an API token as an admin sees it: never its secret. */
export const API_TOKEN_FIELDS = ['id', 'name', 'prefix', 'scopes', 'expiresAt', 'createdAt', 'createdBy', 'lastUsedAt', 'revokedAt', 'active'] as const;
export const USER_FIELDS = [
  'id',
  'username',
  'displayName',
  'roles',
  'active',
  'partner',
  'mustChangePassword',
  'confidentialityAcceptedVersion',
  'createdAt',
] as const;
/** What every user may read of their own account. */
export const USER_SELF_FIELDS = USER_FIELDS;
export const AUDIT_EVENT_FIELDS = [
  'id',
  'at',
  'action',
  'actorId',
  'actorUsername',
  'customerId',
  // The customer it is about, through the Customer rules; how many a page read showed.
  'customer',
  'customerCount',
  'targetUserId',
  'fields',
  'changes',
  'purpose',
  'detail',
] as const;

/** P8, P9: who may receive customer data, and on which bases. */
export const RECIPIENT_FIELDS = [
  'id',
  'name',
  'kind',
  'country',
  'inEea',
  'bases',
  'safeguard',
  'necessity',
  'active',
  'language',
  'contactEmail',
  'postalAddress',
  'agreementDate',
  'agreementReference',
  'subProcessors',
  'dataFields',
  'dpfCertified',
  'sccVersion',
  'sccSignedOn',
  'bcrReference',
  'partnerId',
  'version',
  'createdAt',
  'updatedAt',
] as const;
export const RECIPIENT_UPDATABLE_FIELDS = [
  'name',
  'kind',
  'country',
  'bases',
  'safeguard',
  'necessity',
  'active',
  'language',
  'contactEmail',
  'postalAddress',
  'agreementDate',
  'agreementReference',
  'subProcessors',
  'dataFields',
  'dpfCertified',
  'sccVersion',
  'sccSignedOn',
  'bcrReference',
] as const;
/** P8: the disclosure ledger. Names fields, never their values. */
export const DISCLOSURE_FIELDS = ['id', 'customer', 'recipient', 'basis', 'fields', 'note', 'disclosedAt', 'disclosedBy'] as const;

/** What service staff see of a request they took in: where it stands, not how it is worked. */
export const PRIVACY_REQUEST_STATUS_FIELDS = [
  'id',
  'requestNumber',
  'type',
  'status',
  'customer',
  'requesterName',
  'requesterContact',
  'receivedAt',
  'receivedVia',
  'language',
  'signed',
  'dueAt',
  'extended',
  'daysLeft',
  'overdue',
  'duplicateOf',
  'requestedProhibitions',
  'identityVerified',
  'assignee',
  'createdAt',
  'updatedAt',
  'closedAt',
  'answeredAt',
  'awaitingDelivery',
] as const;
/** How a request is worked: readable by privacy officers and admins. */
export const PRIVACY_REQUEST_WORK_FIELDS = ['items', 'notices', 'erasurePlan', 'documents', 'events', 'version'] as const;
/** P11: where a signed paper original is kept, and the paper still kept about the customer. Privacy officers only. */
export const PRIVACY_REQUEST_PAPER_FIELDS = ['paperOriginalLocation', 'paperRecords'] as const;
/** P10: the buyers of vouchers kept for the Accounting Act after an erasure. Privacy officers only. */
export const PRIVACY_REQUEST_VOUCHER_FIELDS = ['retainedVouchers'] as const;
export const PRIVACY_REQUEST_FIELDS = [
  ...PRIVACY_REQUEST_STATUS_FIELDS,
  ...PRIVACY_REQUEST_WORK_FIELDS,
  ...PRIVACY_REQUEST_PAPER_FIELDS,
  ...PRIVACY_REQUEST_VOUCHER_FIELDS,
] as const;
export const PRIVACY_DOCUMENT_FIELDS = ['id', 'kind', 'language', 'filename', 'sha256', 'byteSize', 'createdAt', 'addresseeKind', 'addresseeName'] as const;
/** P14, P16, P17: letters and notices on their way to their addressees (the outbox). */
export const OUTBOX_MESSAGE_FIELDS = [
  'id',
  'requestId',
  'requestNumber',
  'documentId',
  'documentKind',
  'answer',
  'subject',
  'language',
  'addresseeKind',
  'addresseeName',
  'addresseeEmail',
  'addresseeAddress',
  'attachments',
  'status',
  'holdReason',
  'channel',
  'attempts',
  'lastError',
  'lastAttemptAt',
  'sentAt',
  'sentTo',
  'messageId',
  'sentBy',
  'note',
  'version',
  'createdAt',
  'updatedAt',
  'writtenOn',
  'latestSentOn',
] as const;

/** P18: the register's configuration the privacy notice, the record of processing and every letter are made of. */
export const REGISTER_CONFIG_UPDATABLE_FIELDS = [
  'controllerName',
  'controllerBusinessId',
  'controllerAddress',
  'controllerPhone',
  'controllerEmail',
  'contactName',
  'contactAddress',
  'contactPhone',
  'contactEmail',
  'signerName',
  'signerTitle',
  'inactiveCustomerMonths',
  'auditLogMonths',
  'consultationLogMonths',
  'webEventDays',
] as const;
export const REGISTER_CONFIG_FIELDS = [...REGISTER_CONFIG_UPDATABLE_FIELDS, 'version', 'updatedAt', 'updatedBy'] as const;

/** P13: a page view of the company's own site, linked to a customer by a form fill: what the notice says the cookies collect. */
export const WEB_EVENT_FIELDS = ['id', 'occurredAt', 'page', 'durationSeconds', 'ipAddress', 'userAgent'] as const;

/**
 * P11: the register of paper material (signed requests, contracts, order forms): where each piece is locked away,
 * its custodian, and its destruction. Designated staff only: the privacy officers.
 */
export const PAPER_RECORD_UPDATABLE_FIELDS = ['kind', 'description', 'location', 'custodian', 'customer', 'request', 'receivedOn', 'destroyBy'] as const;
export const PAPER_RECORD_FIELDS = [
  'id',
  ...PAPER_RECORD_UPDATABLE_FIELDS,
  'overdue',
  'destroyed',
  'destroyedAt',
  'destroyedBy',
  'destructionMethod',
  'destructionNote',
  'recordedAt',
  'recordedBy',
  'updatedAt',
  'version',
] as const;

/** Issue 16: a note or a contact (phone call, e-mail, visit) on a customer, by the staff who work with them. Personal data (P14, P17). */
export const CUSTOMER_NOTE_FIELDS = ['id', 'customerId', 'kind', 'channel', 'text', 'authorName', 'mine', 'createdAt', 'updatedAt', 'version'] as const;
