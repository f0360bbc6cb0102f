import { describe, expect, it } from 'vitest';
import { subject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { defineAbilityFor, type PermissionUser } from './ability';
import { CUSTOMER_CONTACT_FIELDS, CUSTOMER_FIELDS } from './fields';
import type { Role } from './roles';

const as = (roles: Role[], partnerId: string | null = null, partnerFields: readonly string[] = CUSTOMER_CONTACT_FIELDS) =>
  defineAbilityFor({ id: 'u1', roles, partnerId, partnerFields } as PermissionUser);
/** A record tagged with its subject type, as the server hands it to the ability. */
const record = (type: string, fields: Record<string, unknown>) => subject(type, fields) as Record<string, unknown>;
const customer = (partnerId: string | null = null, state: { restricted?: boolean; anonymised?: boolean } = {}) =>
  record('Customer', { id: 'c1', partnerId, restricted: false, anonymised: false, ...state });
const updatable = (roles: Role[], partnerId: string | null, record = customer()) =>
  permittedFieldsOf(as(roles, partnerId), 'update', record, { fieldsFrom: (r) => r.fields ?? [...CUSTOMER_FIELDS] });

describe('permission table', () => {
  it('[P12] denies everything to a user with no role, but their own account', () => {
    const ability = as([]);
    expect(ability.can('read', customer(), 'firstName')).toBe(false);
    expect(ability.can('read', 'AuditEvent')).toBe(false);
    expect(ability.can('read', record('User', { id: 'u1' }), 'username')).toBe(true);
    expect(ability.can('read', record('User', { id: 'u2' }), 'username')).toBe(false);
  });

  it('[P6] SALES reads every contact field and creates customers, but changes none', () => {
    const ability = as(['SALES']);
    for (const field of CUSTOMER_CONTACT_FIELDS) expect(ability.can('read', customer(), field)).toBe(true);
    expect(ability.can('create', 'Customer', 'email')).toBe(true);
    expect(ability.can('update', customer(), 'email')).toBe(false);
    expect(ability.can('read', customer(), 'partner')).toBe(false);
  });

  it('[P6] SERVICE reads and updates contact fields, not the partner', () => {
    const ability = as(['SERVICE']);
    expect(ability.can('update', customer(), 'email')).toBe(true);
    expect(ability.can('update', customer(), 'phone')).toBe(true);
    expect(ability.can('update', customer(), 'partner')).toBe(false);
    expect(updatable(['SERVICE'], null).sort()).toEqual([...CUSTOMER_CONTACT_FIELDS].sort());
  });

  it('[P3] MARKETING never sees a phone and changes nothing', () => {
    const ability = as(['MARKETING']);
    expect(ability.can('read', customer(), 'phone')).toBe(false);
    for (const field of ['firstName', 'lastName', 'organisation', 'email', 'street', 'postalCode', 'city', 'language']) {
      expect(ability.can('read', customer(), field)).toBe(true);
    }
    expect(updatable(['MARKETING'], null)).toEqual([]);
    expect(ability.can('create', 'Customer')).toBe(false);
  });

  it('[P10] PRIVACY_OFFICER reads and updates every field, and reads the audit log', () => {
    const ability = as(['PRIVACY_OFFICER']);
    for (const field of CUSTOMER_FIELDS) expect(ability.can('read', customer(), field)).toBe(true);
    expect(ability.can('update', customer(), 'partner')).toBe(true);
    expect(ability.can('read', 'AuditEvent', 'action')).toBe(true);
    expect(ability.can('create', 'User')).toBe(false);
  });

  it("[P4] PARTNER reads and updates only the customers of the user's own firm", () => {
    const ability = as(['PARTNER'], 'firm-a');
    expect(ability.can('read', customer('firm-a'), 'email')).toBe(true);
    expect(ability.can('update', customer('firm-a'), 'email')).toBe(true);
    expect(ability.can('read', customer('firm-b'), 'email')).toBe(false);
    expect(ability.can('read', customer(null), 'email')).toBe(false);
    expect(ability.can('update', customer('firm-a'), 'partner')).toBe(false);
    expect(updatable(['PARTNER'], 'firm-a', customer('firm-b'))).toEqual([]);
  });

  it("[P4] a partner firm's staff read only the customer fields its agreement names", () => {
    const ability = as(['PARTNER'], 'firm-a', ['firstName', 'lastName', 'email']);
    expect(ability.can('read', customer('firm-a'), 'email')).toBe(true);
    expect(ability.can('read', customer('firm-a'), 'phone')).toBe(false);
    expect(ability.can('update', customer('firm-a'), 'phone')).toBe(false);
    expect(as(['PARTNER'], 'firm-a', []).can('read', customer('firm-a'), 'email')).toBe(false);
    expect(defineAbilityFor({ id: 'u1', roles: ['PARTNER'], partnerId: 'firm-a' }).can('read', customer('firm-a'), 'email')).toBe(false);
  });

  it("[P4] an API token of a firm does only what it was issued for, inside the firm's field scope", () => {
    const token = (apiScopes: string[]) =>
      defineAbilityFor({ id: 't1', roles: ['PARTNER'], partnerId: 'firm-a', partnerFields: ['firstName', 'lastName', 'email'], apiScopes });
    expect(token(['READ_CUSTOMERS']).can('read', customer('firm-a'), 'email')).toBe(true);
    expect(token(['READ_CUSTOMERS']).can('update', customer('firm-a'), 'email')).toBe(false);
    expect(token(['READ_CUSTOMERS']).can('create', 'Customer')).toBe(false);
    expect(token(['WRITE_CUSTOMERS']).can('create', 'Customer', 'email')).toBe(true);
    expect(token(['WRITE_CUSTOMERS']).can('create', 'Customer', 'phone')).toBe(false);
    expect(token(['WRITE_CUSTOMERS']).can('read', customer('firm-a'), 'email')).toBe(false);
    expect(as(['PARTNER'], 'firm-a').can('create', 'Customer')).toBe(false);
  });

  it('[P4] only an admin manages partner firms and issues or revokes their tokens', () => {
    expect(as(['ADMIN']).can('create', 'Partner', 'customerFields')).toBe(true);
    expect(as(['ADMIN']).can('create', 'ApiToken')).toBe(true);
    expect(as(['ADMIN']).can('deactivate', 'ApiToken')).toBe(true);
    for (const role of ['SALES', 'SERVICE', 'MARKETING', 'PRIVACY_OFFICER', 'PARTNER'] as Role[]) {
      expect(as([role], 'firm-a').can('create', 'ApiToken')).toBe(false);
      expect(as([role], 'firm-a').can('update', 'Partner')).toBe(false);
    }
    expect(as(['PARTNER'], 'firm-a').can('read', record('Partner', { id: 'firm-a' }), 'customerFields')).toBe(false);
    expect(as(['PRIVACY_OFFICER']).can('read', 'Partner', 'customerFields')).toBe(true);
    expect(as(['PRIVACY_OFFICER']).can('read', 'Partner', 'tokens')).toBe(false);
    expect(as(['ADMIN']).can('update', 'User', 'partner')).toBe(true);
    expect(as(['ADMIN']).can('update', 'User', 'roles')).toBe(false);
  });

  it('[P4] a PARTNER with no firm sees no customer at all', () => {
    const ability = as(['PARTNER'], null);
    expect(ability.can('read', customer(null), 'email')).toBe(false);
    expect(ability.can('read', 'Customer')).toBe(false);
  });

  it('[P12] ADMIN manages users and reads the audit log, but changes no customer', () => {
    const ability = as(['ADMIN']);
    expect(ability.can('create', 'User')).toBe(true);
    expect(ability.can('assignRoles', 'User')).toBe(true);
    expect(ability.can('deactivate', 'User')).toBe(true);
    expect(ability.can('read', 'AuditEvent', 'changes')).toBe(true);
    expect(ability.can('read', customer(), 'phone')).toBe(true);
    expect(updatable(['ADMIN'], null)).toEqual([]);
  });

  it('[P12] only ADMIN may create users or assign roles', () => {
    for (const role of ['SALES', 'SERVICE', 'MARKETING', 'PRIVACY_OFFICER', 'PARTNER'] as Role[]) {
      const ability = as([role], 'firm-a');
      expect(ability.can('create', 'User')).toBe(false);
      expect(ability.can('assignRoles', 'User')).toBe(false);
    }
  });

  it('[P12] an admin sets only the listed fields of an account: name, display name, roles, partner; roles; active', () => {
    const admin = as(['ADMIN']);
    expect(admin.can('create', 'User', 'username')).toBe(true);
    expect(admin.can('create', 'User', 'mustChangePassword')).toBe(false);
    expect(admin.can('create', 'User', 'confidentialityAcceptedVersion')).toBe(false);
    expect(admin.can('assignRoles', 'User', 'roles')).toBe(true);
    expect(admin.can('assignRoles', 'User', 'partner')).toBe(false);
    expect(admin.can('deactivate', 'User', 'active')).toBe(true);
    expect(admin.can('deactivate', 'User', 'roles')).toBe(false);
  });

  it('several roles add up: MARKETING with SERVICE may read the phone', () => {
    expect(as(['MARKETING', 'SERVICE']).can('read', customer(), 'phone')).toBe(true);
  });

  it('[P1] SALES creates and updates orders and invoices; SERVICE, PRIVACY_OFFICER and ADMIN only read them', () => {
    const sales = as(['SALES']);
    expect(sales.can('create', 'Order')).toBe(true);
    expect(sales.can('update', 'Order', 'status')).toBe(true);
    expect(sales.can('update', 'Invoice', 'collectionAgency')).toBe(true);
    expect(sales.can('read', customer(), 'orders')).toBe(true);
    for (const role of ['SERVICE', 'PRIVACY_OFFICER', 'ADMIN'] as Role[]) {
      const ability = as([role]);
      expect(ability.can('read', 'Order', 'grossCents')).toBe(true);
      expect(ability.can('read', 'Invoice', 'status')).toBe(true);
      expect(ability.can('create', 'Order')).toBe(false);
      expect(ability.can('update', 'Invoice', 'status')).toBe(false);
    }
  });

  it('[P1] MARKETING and PARTNER never read orders or invoices', () => {
    for (const ability of [as(['MARKETING']), as(['PARTNER'], 'firm-a')]) {
      expect(ability.can('read', 'Order')).toBe(false);
      expect(ability.can('read', 'Invoice')).toBe(false);
      expect(ability.can('read', customer('firm-a'), 'orders')).toBe(false);
      expect(ability.can('read', customer('firm-a'), 'invoices')).toBe(false);
    }
  });

  it('[P7] provenance is for SERVICE, PRIVACY_OFFICER and ADMIN', () => {
    expect(as(['SERVICE']).can('read', customer(), 'provenance')).toBe(true);
    expect(as(['PRIVACY_OFFICER']).can('read', customer(), 'source')).toBe(true);
    expect(as(['ADMIN']).can('read', customer(), 'provenance')).toBe(true);
    expect(as(['SALES']).can('read', customer(), 'provenance')).toBe(false);
    expect(as(['MARKETING']).can('read', customer(), 'source')).toBe(false);
    expect(as(['PARTNER'], 'firm-a').can('read', customer('firm-a'), 'provenance')).toBe(false);
  });

  it('[P2] everyone but partners reads statistics', () => {
    for (const role of ['SALES', 'SERVICE', 'MARKETING', 'PRIVACY_OFFICER', 'ADMIN'] as Role[]) {
      expect(as([role]).can('read', 'Statistics')).toBe(true);
    }
    expect(as(['PARTNER'], 'firm-a').can('read', 'Statistics')).toBe(false);
  });

  it('[P17] a restricted record is changed only by a privacy officer; an anonymised one by nobody', () => {
    const restricted = customer(null, { restricted: true });
    expect(as(['SERVICE']).can('update', restricted, 'email')).toBe(false);
    expect(as(['PARTNER'], 'firm-a').can('update', customer('firm-a', { restricted: true }), 'email')).toBe(false);
    expect(as(['PRIVACY_OFFICER']).can('update', restricted, 'email')).toBe(true);
    const anonymised = customer(null, { anonymised: true });
    for (const role of ['SERVICE', 'PRIVACY_OFFICER'] as Role[]) expect(as([role]).can('update', anonymised, 'firstName')).toBe(false);
  });

  it('[P8] sales disclose for invoicing and credit decisions only; privacy officers on every basis; others never', () => {
    const disclosure = (basis: string) => record('Disclosure', { basis });
    expect(as(['SALES']).can('disclose', disclosure('INVOICING'))).toBe(true);
    expect(as(['SALES']).can('disclose', disclosure('CREDIT_DECISION'))).toBe(true);
    expect(as(['SALES']).can('disclose', disclosure('DEBT_COLLECTION'))).toBe(false);
    expect(as(['PRIVACY_OFFICER']).can('disclose', disclosure('LEGAL_OBLIGATION'))).toBe(true);
    for (const role of ['SERVICE', 'MARKETING', 'PARTNER', 'ADMIN'] as Role[]) {
      expect(as([role], 'firm-a').can('disclose', disclosure('INVOICING'))).toBe(false);
    }
    expect(as(['ADMIN']).can('create', 'Recipient')).toBe(true);
    expect(as(['PRIVACY_OFFICER']).can('create', 'Recipient')).toBe(false);
  });

  it('[P11] requests: privacy officers work them and see the paper original; service takes them in; admins read', () => {
    const officer = as(['PRIVACY_OFFICER']);
    expect(officer.can('work', 'PrivacyRequest')).toBe(true);
    expect(officer.can('read', 'PrivacyRequest', 'paperOriginalLocation')).toBe(true);
    const service = as(['SERVICE']);
    expect(service.can('create', 'PrivacyRequest')).toBe(true);
    expect(service.can('read', 'PrivacyRequest', 'status')).toBe(true);
    expect(service.can('read', 'PrivacyRequest', 'events')).toBe(false);
    expect(service.can('work', 'PrivacyRequest')).toBe(false);
    const admin = as(['ADMIN']);
    expect(admin.can('read', 'PrivacyRequest', 'events')).toBe(true);
    expect(admin.can('read', 'PrivacyRequest', 'paperOriginalLocation')).toBe(false);
    expect(admin.can('work', 'PrivacyRequest')).toBe(false);
    for (const role of ['SALES', 'MARKETING', 'PARTNER'] as Role[]) expect(as([role], 'firm-a').can('read', 'PrivacyRequest', 'status')).toBe(false);
    expect(as(['PRIVACY_OFFICER']).can('erase', 'Customer')).toBe(true);
    expect(as(['ADMIN']).can('erase', 'Customer')).toBe(false);
  });
  it('[P10] the buyers of vouchers kept after an erasure are read by privacy officers alone', () => {
    expect(as(['PRIVACY_OFFICER']).can('read', 'PrivacyRequest', 'retainedVouchers')).toBe(true);
    for (const role of ['ADMIN', 'SERVICE', 'SALES', 'MARKETING', 'PARTNER'] as Role[]) {
      expect(as([role], 'firm-a').can('read', 'PrivacyRequest', 'retainedVouchers')).toBe(false);
    }
    // Whom a document is addressed to is read with the documents.
    expect(as(['ADMIN']).can('read', 'PrivacyDocument', 'addresseeName')).toBe(true);
  });
  it('[P16] the outbox: privacy officers read it, retry and mark letters sent; admins only read it; nobody else sees it', () => {
    const officer = as(['PRIVACY_OFFICER']);
    expect(officer.can('read', 'OutboxMessage', 'addresseeEmail')).toBe(true);
    expect(officer.can('work', 'OutboxMessage', 'status')).toBe(true);
    expect(officer.can('work', 'OutboxMessage', 'sentAt')).toBe(true);
    expect(officer.can('work', 'OutboxMessage', 'addresseeEmail')).toBe(false);
    const admin = as(['ADMIN']);
    expect(admin.can('read', 'OutboxMessage', 'status')).toBe(true);
    expect(admin.can('work', 'OutboxMessage')).toBe(false);
    for (const role of ['SALES', 'SERVICE', 'MARKETING', 'PARTNER'] as Role[]) {
      const ability = as([role], 'firm-a');
      expect(ability.can('read', 'OutboxMessage', 'addresseeEmail')).toBe(false);
      expect(ability.can('work', 'OutboxMessage')).toBe(false);
    }
  });

  it('[P14] service staff see whether a request they took in has been answered', () => {
    expect(as(['SERVICE']).can('read', 'PrivacyRequest', 'answeredAt')).toBe(true);
    expect(as(['SERVICE']).can('read', 'PrivacyRequest', 'awaitingDelivery')).toBe(true);
    expect(as(['MARKETING']).can('read', 'PrivacyRequest', 'answeredAt')).toBe(false);
  });

  it('the compliance report is for privacy officers and admins only', () => {
    expect(as(['PRIVACY_OFFICER']).can('read', 'ComplianceReport')).toBe(true);
    expect(as(['ADMIN']).can('read', 'ComplianceReport')).toBe(true);
    for (const role of ['SALES', 'SERVICE', 'MARKETING', 'PARTNER'] as Role[]) expect(as([role], 'firm-a').can('read', 'ComplianceReport')).toBe(false);
    expect(as([]).can('read', 'ComplianceReport')).toBe(false);
  });
  it("[P3] only MARKETING changes a campaign's manual exclusions; privacy officers and admins read them with the campaign", () => {
    const campaign = record('Campaign', { id: 'k1' });
    expect(as(['MARKETING']).can('update', campaign, 'exclusions')).toBe(true);
    for (const role of ['SALES', 'SERVICE', 'PRIVACY_OFFICER', 'ADMIN', 'PARTNER'] as Role[]) {
      expect(as([role], 'firm-a').can('update', campaign, 'exclusions'), role).toBe(false);
    }
    for (const role of ['MARKETING', 'PRIVACY_OFFICER', 'ADMIN'] as Role[]) expect(as([role]).can('read', campaign, 'manualExclusions'), role).toBe(true);
    expect(as(['SALES']).can('read', campaign, 'manualExclusions')).toBe(false);
  });
});
