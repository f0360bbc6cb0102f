import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery } from '@casl/ability';
import {
  AUDIT_EVENT_FIELDS,
  CAMPAIGN_FIELDS,
  CUSTOMER_CONTACT_FIELDS,
  CUSTOMER_FIELDS,
  CUSTOMER_MARKETING_FIELDS,
  CUSTOMER_META_FIELDS,
  CUSTOMER_ORDER_FIELDS,
  CUSTOMER_PROHIBITION_FIELDS,
  CUSTOMER_PROVENANCE_FIELDS,
  CUSTOMER_STATE_FIELDS,
  DISCLOSURE_FIELDS,
  INVOICE_FIELDS,
  INVOICE_UPDATABLE_FIELDS,
  ORDER_FIELDS,
  ORDER_LINE_FIELDS,
  ORDER_UPDATABLE_FIELDS,
  OPT_OUT_LIST_FIELDS,
  ORGANISATION_FIELDS,
  OUTBOX_MESSAGE_FIELDS,
  API_TOKEN_FIELDS,
  PARTNER_FIELDS,
  PARTNER_SELF_FIELDS,
  PARTNER_UPDATABLE_FIELDS,
  PRIVACY_DOCUMENT_FIELDS,
  PRIVACY_REQUEST_FIELDS,
  PRIVACY_REQUEST_PAPER_FIELDS,
  PRIVACY_REQUEST_VOUCHER_FIELDS,
  PRIVACY_REQUEST_STATUS_FIELDS,
  PROHIBITION_FIELDS,
  RECIPIENT_FIELDS,
  REGISTER_CONFIG_FIELDS,
  REGISTER_CONFIG_UPDATABLE_FIELDS,
  RECIPIENT_UPDATABLE_FIELDS,
  TARGET_LIST_ENTRY_FIELDS,
  TARGET_LIST_FIELDS,
  USER_FIELDS,
  USER_SELF_FIELDS,
  WEB_EVENT_FIELDS,
  PAPER_RECORD_FIELDS,
  PAPER_RECORD_UPDATABLE_FIELDS,
  CUSTOMER_NOTE_FIELDS,
} from './fields';
import type { Role } from './roles';

/**
 * Actions. `manage` is deliberately never granted: every right is spelled out, so a new action
 * or subject is denied until the table names it.
 */
export type Action = 'read' | 'create' | 'update' | 'deactivate' | 'assignRoles' | 'lift' | 'build' | 'export' | 'disclose' | 'work' | 'erase' | 'merge';
export type Subject =
  | 'Customer'
  | 'Organisation'
  | 'Partner'
  | 'User'
  | 'AuditEvent'
  | 'Order'
  | 'OrderLine'
  | 'Invoice'
  | 'Statistics'
  | 'Prohibition'
  | 'OptOutList'
  | 'Campaign'
  | 'TargetList'
  | 'TargetListEntry'
  | 'Recipient'
  | 'Disclosure'
  | 'PrivacyRequest'
  | 'PrivacyDocument'
  | 'ComplianceReport'
  | 'OutboxMessage'
  | 'AddressUpdate'
  | 'RegisterConfig'
  | 'PrivacyNotice'
  | 'ApiToken'
  | 'WebEvent'
  | 'CustomerImport'
  | 'PaperRecord'
  | 'CustomerNote';
export const SUBJECTS: readonly Subject[] = [
  'Customer',
  'Organisation',
  'Partner',
  'User',
  'AuditEvent',
  'Order',
  'OrderLine',
  'Invoice',
  'Statistics',
  'Prohibition',
  'OptOutList',
  'Campaign',
  'TargetList',
  'TargetListEntry',
  'Recipient',
  'Disclosure',
  'PrivacyRequest',
  'PrivacyDocument',
  'ComplianceReport',
  'OutboxMessage',
  'AddressUpdate',
  'RegisterConfig',
  'PrivacyNotice',
  'ApiToken',
  'WebEvent',
  'CustomerImport',
  'PaperRecord',
  'CustomerNote',
];

export type AppAbility = MongoAbility<[Action, Subject | Record<string, unknown>], MongoQuery>;

/** What the table needs to know about the person acting. */
export interface PermissionUser {
  id: string;
  roles: readonly Role[];
  /** The partner firm a PARTNER user works for (P4). */
  partnerId?: string | null;
  /** P4: the customer fields the firm's agreement lets its staff read; none when not given (deny by default). */
  partnerFields?: readonly string[] | null;
  /** P4: set when an API token of the firm acts, not a person: what the token was issued for. */
  apiScopes?: readonly string[] | null;
}

type Builder = AbilityBuilder<AppAbility>;

const contact = [...CUSTOMER_CONTACT_FIELDS];
const customerHeader = [...CUSTOMER_META_FIELDS, ...CUSTOMER_STATE_FIELDS];
/** RESTRICTION: a restricted or anonymised record is changed by privacy officers only. */
const editable = { restricted: false, anonymised: false };

/** Bases on which a sale may disclose data (P8); the rest take a privacy officer. */
export const SALES_DISCLOSURE_BASES = ['INVOICING', 'CREDIT_DECISION'];

/** P1: reading orders and invoices, and the customer's lists of them. */
function readOrders({ can }: Builder) {
  can('read', 'Customer', [...CUSTOMER_ORDER_FIELDS]);
  can('read', 'Order', [...ORDER_FIELDS]);
  can('read', 'OrderLine', [...ORDER_LINE_FIELDS]);
  can('read', 'Invoice', [...INVOICE_FIELDS]);
}

/** P7: where the record and its values came from. */
function readProvenance({ can }: Builder) {
  can('read', 'Customer', [...CUSTOMER_PROVENANCE_FIELDS]);
}

/** P5, P15, P17: reading the prohibitions in force and their ledger. */
function readProhibitions({ can }: Builder, conditions?: Record<string, unknown>) {
  can('read', 'Customer', [...CUSTOMER_PROHIBITION_FIELDS], conditions);
  can('read', 'Prohibition', [...PROHIBITION_FIELDS]);
}

/** Recording a customer's notice, and lifting a prohibition on the customer's own notice. */
function recordProhibitions(builder: Builder) {
  readProhibitions(builder);
  builder.can('create', 'Prohibition');
  builder.can('lift', 'Prohibition');
}

/** External opt-out registers (e.g. the Finnish direct-marketing opt-out lists). */
function manageOptOutLists({ can }: Builder) {
  can('read', 'OptOutList', [...OPT_OUT_LIST_FIELDS]);
  can('create', 'OptOutList');
}

/**
 * P7: files of an address-update service (Posti's address service, fed by DVV): a dry run, then the
 * changes applied, and the kept outcome report. Whoever keeps customers' addresses may do it; the
 * changes themselves still pass the Customer update rules record by record.
 */
function importAddressUpdates({ can }: Builder) {
  can('create', 'AddressUpdate');
  can('read', 'AddressUpdate');
}

/**
 * P7: customer lists of a store or a reseller: a dry run, then the rows applied, and the possible
 * duplicates held for a person. Whoever creates customers may import them; each row still passes the
 * Customer create and update rules, record by record (a row updating a customer the importer may not
 * change is refused).
 */
function importCustomers({ can }: Builder) {
  can('create', 'CustomerImport');
  can('read', 'CustomerImport');
}

/** P6: two records of one person made one (the older customer number kept): whoever keeps customers' contact data. */
function mergeCustomers({ can }: Builder) {
  can('merge', 'Customer', editable);
}

/** P3: campaigns and their target lists, read. */
function readCampaigns({ can }: Builder) {
  can('read', 'Campaign', [...CAMPAIGN_FIELDS]);
  can('read', 'TargetList', [...TARGET_LIST_FIELDS]);
  can('read', 'TargetListEntry', [...TARGET_LIST_ENTRY_FIELDS]);
}

/** P8: the recipients registry, read (to disclose, or to answer an access request). */
function readRecipients({ can }: Builder) {
  can('read', 'Recipient', [...RECIPIENT_FIELDS]);
}

/** P18, GDPR 30: the register's configuration, the notice's drafts and versions, and the record of processing. */
function readRegisterConfig({ can }: Builder) {
  can('read', 'RegisterConfig', [...REGISTER_CONFIG_FIELDS]);
}

/** P13: a customer's web activity (consents, page views, forms): the customer's own staff, never marketing or partners. */
function readWebEvents({ can }: Builder) {
  can('read', 'WebEvent', [...WEB_EVENT_FIELDS]);
}

/**
 * P11: manual material, locked away after first processing, handled only by designated staff: the privacy officers
 * (who, like everyone, acknowledged the confidentiality commitment first). An admin does not see where papers are,
 * as with a request's paper original. Destruction is its own action (`erase`), final once recorded.
 */
function handlePaperRecords({ can }: Builder) {
  can('read', 'PaperRecord', [...PAPER_RECORD_FIELDS]);
  can('create', 'PaperRecord', [...PAPER_RECORD_UPDATABLE_FIELDS]);
  can('update', 'PaperRecord', [...PAPER_RECORD_UPDATABLE_FIELDS], { destroyed: false });
  can('erase', 'PaperRecord', { destroyed: false });
}

/**
 * Issue 16, P3: the customer list as a file, inside the company: it carries only the fields the role may
 * read (the gate's readableFields), and every export is audited. Not partners' (only through technical
 * interfaces, P4) nor admins' (they read customers to administer, not to work them).
 */
function exportCustomers({ can }: Builder) {
  can('export', 'Customer');
}

/**
 * Issue 16, P1: notes and contacts on a customer, by those who look after the relationship. Anyone of them adds
 * one; only its author changes or deletes it. A partner's staff do so only on the customers their firm serves
 * (the gate shows a note only with its customer, as it does an order).
 */
function keepCustomerNotes({ can }: Builder, user: PermissionUser) {
  can('read', 'CustomerNote', [...CUSTOMER_NOTE_FIELDS]);
  can('create', 'CustomerNote', ['kind', 'channel', 'text']);
  can('update', 'CustomerNote', ['text', 'channel'], { authorId: user.id });
  can('erase', 'CustomerNote', { authorId: user.id });
}

/** P2: aggregate statistics, never a person. */
function readStatistics({ can }: Builder) {
  can('read', 'Statistics');
}

function sales(builder: Builder, user: PermissionUser) {
  const { can } = builder;
  can('read', 'Customer', [...customerHeader, ...contact]);
  exportCustomers(builder);
  can('create', 'Customer', contact);
  importCustomers(builder);
  can('read', 'Organisation', [...ORGANISATION_FIELDS]);
  readOrders(builder);
  can('create', 'Order');
  can('update', 'Order', [...ORDER_UPDATABLE_FIELDS]);
  can('create', 'Invoice');
  can('update', 'Invoice', [...INVOICE_UPDATABLE_FIELDS]);
  readProhibitions(builder);
  readStatistics(builder);
  readWebEvents(builder);
  readRecipients(builder);
  can('read', 'Disclosure', [...DISCLOSURE_FIELDS]);
  can('disclose', 'Disclosure', { basis: { $in: SALES_DISCLOSURE_BASES } });
  keepCustomerNotes(builder, user);
}

function service(builder: Builder, user: PermissionUser) {
  const { can } = builder;
  can('read', 'Customer', [...customerHeader, ...contact]);
  exportCustomers(builder);
  can('update', 'Customer', contact, editable);
  can('create', 'Customer', contact);
  can('read', 'Organisation', [...ORGANISATION_FIELDS]);
  readOrders(builder);
  readProvenance(builder);
  recordProhibitions(builder);
  importAddressUpdates(builder);
  importCustomers(builder);
  mergeCustomers(builder);
  readStatistics(builder);
  readWebEvents(builder);
  // Intake of data-subject requests, and where they stand.
  can('create', 'PrivacyRequest');
  can('read', 'PrivacyRequest', [...PRIVACY_REQUEST_STATUS_FIELDS]);
  keepCustomerNotes(builder, user);
}

function marketing(builder: Builder) {
  const { can } = builder;
  // Never the phone, never orders or invoices, and no updates.
  can('read', 'Customer', [...customerHeader, ...CUSTOMER_MARKETING_FIELDS]);
  exportCustomers(builder);
  can('read', 'Organisation', [...ORGANISATION_FIELDS]);
  readProhibitions(builder);
  manageOptOutLists(builder);
  readStatistics(builder);
  // P3: target lists inside the company; the export carries the channel's contact point by its own right.
  readCampaigns(builder);
  can('create', 'Campaign');
  // Issue 16: 'exclusions' is the campaign's manual exclusions (customers kept off its list by hand).
  can('update', 'Campaign', ['name', 'purpose', 'channel', 'segment', 'status', 'exclusions']);
  can('build', 'TargetList');
  can('export', 'TargetList');
}

function privacyOfficer(builder: Builder) {
  const { can } = builder;
  can('read', 'Customer', [...CUSTOMER_FIELDS]);
  exportCustomers(builder);
  readOrders(builder);
  recordProhibitions(builder);
  manageOptOutLists(builder);
  importAddressUpdates(builder);
  readStatistics(builder);
  readWebEvents(builder);
  readCampaigns(builder);
  can('update', 'Customer', [...contact, 'partner'], { anonymised: false });
  mergeCustomers(builder);
  can('read', 'Organisation', [...ORGANISATION_FIELDS]);
  // P4: the firms and their scope, not their systems' tokens (an admin's).
  can(
    'read',
    'Partner',
    PARTNER_FIELDS.filter((f) => f !== 'tokens'),
  );
  can('read', 'AuditEvent', [...AUDIT_EVENT_FIELDS]);
  // The request queues (P8, P10, P14, P16, P17) and the disclosure ledger.
  can('read', 'PrivacyRequest', [...PRIVACY_REQUEST_FIELDS]);
  can('create', 'PrivacyRequest');
  can('work', 'PrivacyRequest');
  can('read', 'PrivacyDocument', [...PRIVACY_DOCUMENT_FIELDS]);
  // The compliance report of the running build: each promise of the notice and the tests that prove it.
  can('read', 'ComplianceReport');
  // The outbox: letters and notices of requests, sent by e-mail or printed and marked sent by hand.
  can('read', 'OutboxMessage', [...OUTBOX_MESSAGE_FIELDS]);
  can('work', 'OutboxMessage', ['status', 'sentAt', 'note']);
  can('erase', 'Customer');
  // Issue 16: notes are personal data: read to answer access requests, never written.
  can('read', 'CustomerNote', [...CUSTOMER_NOTE_FIELDS]);
  handlePaperRecords(builder);
  readRegisterConfig(builder);
  readRecipients(builder);
  can('read', 'Disclosure', [...DISCLOSURE_FIELDS]);
  can('disclose', 'Disclosure');
}

/** P4: staff of a partner firm see only the customers their firm serves; others do not exist for them. */
function partner(builder: Builder, user: PermissionUser) {
  const { can } = builder;
  if (!user.partnerId) return; // a PARTNER without a firm sees nothing
  const own = { partnerId: user.partnerId };
  // The firm's agreement names the personal fields its staff may read: a field it does not name is denied.
  const scoped = contact.filter((f) => user.partnerFields?.includes(f));
  // A person of the firm reads and writes; a token (only through technical interfaces) only what it was issued for.
  const reads = !user.apiScopes || user.apiScopes.includes('READ_CUSTOMERS');
  const writes = !user.apiScopes || user.apiScopes.includes('WRITE_CUSTOMERS');
  if (reads) {
    can('read', 'Customer', [...customerHeader, ...scoped], own);
    readProhibitions(builder, own);
    can('read', 'Organisation', [...ORGANISATION_FIELDS]);
  }
  if (writes && scoped.length > 0) can('update', 'Customer', scoped, { ...own, ...editable });
  // P7: a subcontractor's system delivers customers of its firm through a token.
  if (user.apiScopes?.includes('WRITE_CUSTOMERS') && scoped.length > 0) can('create', 'Customer', scoped);
  can('read', 'Partner', [...PARTNER_SELF_FIELDS], { id: user.partnerId });
  // Issue 16: a person of the firm keeps notes on its own customers (the gate shows a note only with its customer).
  if (!user.apiScopes) keepCustomerNotes(builder, user);
}

function admin(builder: Builder) {
  const { can } = builder;
  can('read', 'Customer', [...CUSTOMER_FIELDS]);
  readOrders(builder);
  readProhibitions(builder);
  can('read', 'OptOutList', [...OPT_OUT_LIST_FIELDS]);
  readCampaigns(builder);
  readStatistics(builder);
  can('read', 'Organisation', [...ORGANISATION_FIELDS]);
  can('read', 'Partner', [...PARTNER_FIELDS]);
  // P4: partner firms, their processor terms and field scope, and the API tokens of their systems.
  can('create', 'Partner', [...PARTNER_UPDATABLE_FIELDS]);
  can('update', 'Partner', [...PARTNER_UPDATABLE_FIELDS]);
  can('read', 'ApiToken', [...API_TOKEN_FIELDS]);
  can('create', 'ApiToken');
  can('deactivate', 'ApiToken');
  can('read', 'User', [...USER_FIELDS]);
  // Every right over accounts names the fields it may set: a new input field is refused until it is listed.
  can('create', 'User', ['username', 'displayName', 'roles', 'partner']);
  can('assignRoles', 'User', ['roles']);
  can('deactivate', 'User', ['active']);
  // P4: a PARTNER account's firm.
  can('update', 'User', ['partner']);
  can('read', 'AuditEvent', [...AUDIT_EVENT_FIELDS]);
  // Requests are read, never worked; the paper original's place (P11) and the buyers of retained vouchers (P10)
  // are the privacy officers' alone.
  const officersOnly: readonly string[] = [...PRIVACY_REQUEST_PAPER_FIELDS, ...PRIVACY_REQUEST_VOUCHER_FIELDS];
  can(
    'read',
    'PrivacyRequest',
    PRIVACY_REQUEST_FIELDS.filter((f) => !officersOnly.includes(f)),
  );
  can('read', 'PrivacyDocument', [...PRIVACY_DOCUMENT_FIELDS]);
  // The compliance report of the running build: each promise of the notice and the tests that prove it.
  can('read', 'ComplianceReport');
  can('read', 'OutboxMessage', [...OUTBOX_MESSAGE_FIELDS]);
  readRegisterConfig(builder);
  // P18: the controller, contact, signer and retention periods; a new version of the notice is published by an admin.
  can('update', 'RegisterConfig', [...REGISTER_CONFIG_UPDATABLE_FIELDS]);
  can('create', 'PrivacyNotice');
  readRecipients(builder);
  can('create', 'Recipient');
  can('update', 'Recipient', [...RECIPIENT_UPDATABLE_FIELDS]);
  can('read', 'Disclosure', [...DISCLOSURE_FIELDS]);
}

const ROLE_RULES: Record<Role, (builder: Builder, user: PermissionUser) => void> = {
  SALES: sales,
  SERVICE: service,
  MARKETING: marketing,
  PRIVACY_OFFICER: privacyOfficer,
  PARTNER: partner,
  ADMIN: admin,
};

/** The rules of a user: the union of their roles' rules, plus what anyone may see of their own account. */
export function defineRulesFor(user: PermissionUser): AppAbility['rules'] {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  builder.can('read', 'User', [...USER_SELF_FIELDS], { id: user.id });
  // P18: the published privacy notice is public (its pages need no login); over the API anyone with a role reads it.
  if (user.roles.length > 0) builder.can('read', 'PrivacyNotice');
  for (const role of user.roles) ROLE_RULES[role](builder, user);
  return builder.rules;
}

export function buildAbility(rules: AppAbility['rules']): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}

export function defineAbilityFor(user: PermissionUser): AppAbility {
  return buildAbility(defineRulesFor(user));
}
