import { CUSTOMER_CONTACT_FIELDS, RECIPIENT_UPDATABLE_FIELDS } from '@rekisteri/schema';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { allows, assertReadable, assertWritable, requireRight, visibleWhere, visibleWithCustomerWhere } from '../../auth/authorize';
import { Where } from '../../db/sql';
import { badInput, conflict, forbidden, isUuid, notFound, requireId } from '../../errors';
import type { Customer } from '../customers/customer.model';
import type { CustomersService } from '../customers/customers.service';
import { lockLiveCustomer } from '../customers/merged-record';
import {
  DisclosureBasis,
  RecipientLanguage,
  type Disclosure,
  type DisclosureInstruction,
  type DisclosureResult,
  type Recipient,
  type RecipientDetails,
} from './disclosure.model';
import {
  customerStateForDisclosure,
  insertDisclosure,
  insertRecipient,
  ledgerOf,
  listRecipients,
  nameTaken,
  recipientById,
  recipientOf,
  recipientOfPartner,
  updateRecipientAt,
  type RecipientRow,
  type RecipientValues,
} from './disclosures.repository';
import { inEea } from './eea';
import { dataFieldsOf, validateProcessorTerms } from './transfers';

/** Customer fields that may be disclosed: the contact data the register keeps (P6). */
export const DISCLOSABLE_FIELDS: readonly string[] = CUSTOMER_CONTACT_FIELDS;

export function recipientFromRow(row: RecipientRow): Recipient {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    country: row.country,
    inEea: inEea(row.country),
    bases: row.bases,
    safeguard: row.safeguard,
    necessity: row.necessity,
    active: row.active,
    language: row.language,
    contactEmail: row.contact_email,
    postalAddress: row.postal_address,
    agreementDate: row.agreement_date,
    agreementReference: row.agreement_reference,
    subProcessors: row.sub_processors ?? [],
    dataFields: row.data_fields ?? [],
    dpfCertified: row.dpf_certified,
    sccVersion: row.scc_version,
    sccSignedOn: row.scc_signed_on,
    bcrReference: row.bcr_reference,
    partnerId: row.partner_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What the permission table's conditions may ask of a recipient. */
const recipientRecord = (row: RecipientRow) => ({ id: row.id, kind: row.kind, country: row.country, active: row.active });

/** What the permission table's conditions may ask of a customer (its rule columns). */
const customerRecord = (c: Customer) => ({ id: c.id, partnerId: c.partnerId, restricted: c.restricted, anonymised: c.anonymised });

/** The fields a recipient write sets: those of the input that are given. */
const givenFields = (input: RecipientDetails) =>
  RECIPIENT_UPDATABLE_FIELDS.filter((f) => input[f as keyof RecipientDetails] !== undefined && input[f as keyof RecipientDetails] !== null);

/** The value of a customer field as it leaves the company. */
function disclosedValue(customer: Customer, field: string): unknown {
  if (field === 'organisation') return customer.organisation ? { name: customer.organisation.name, businessId: customer.organisation.businessId } : null;
  return customer[field as keyof Customer] ?? null;
}

/** P8, P9: the recipients registry and the ledger of every disclosure to them. */
export class DisclosuresService {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  async recipients(actor: Actor, includeInactive = false): Promise<Recipient[]> {
    requireRight(actor, 'read', 'Recipient', 'You may not read recipients.');
    const where = new Where();
    where.and(visibleWhere(actor, 'Recipient', where, 'r'));
    if (!includeInactive) where.and('r.active');
    return (await listRecipients(this.db, where)).map(recipientFromRow);
  }

  /** P4, P9: the processor row of a partner firm, for whoever may read the registry. */
  async processorOfPartner(actor: Actor, partnerId: string): Promise<Recipient | null> {
    requireRight(actor, 'read', 'Recipient', 'You may not read recipients.');
    if (!isUuid(partnerId)) return null;
    const row = await recipientOfPartner(this.db, partnerId);
    return row ? recipientFromRow(row) : null;
  }

  /** Registers a recipient: every field given must be one the actor may set. */
  async createRecipient(actor: Actor, input: RecipientDetails): Promise<Recipient> {
    assertWritable(actor, 'create', 'Recipient', null, givenFields(input));
    const values = validateRecipient(input);
    return this.db.transaction(async (tx) => {
      if (await nameTaken(tx, values.name)) throw badInput('name', 'A recipient with this name is already registered.');
      const row = await insertRecipient(tx, values);
      await recordAuditEvents(tx, [
        { action: 'RECIPIENT_CREATED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { recipientId: row.id, ...values } },
      ]);
      return recipientFromRow(row);
    });
  }

  /**
   * Changes a recipient as loaded at `version`: every field given must be one the actor may change
   * on this recipient, or nothing changes. A stale version gives CONFLICT.
   */
  async updateRecipient(actor: Actor, id: string, version: number, input: RecipientDetails): Promise<Recipient> {
    requireRight(actor, 'update', 'Recipient', 'You may not change recipients.');
    if (!isUuid(id)) throw notFound('Recipient');
    return this.db.transaction(async (tx) => {
      const before = await recipientById(tx, id, true);
      if (!before) throw notFound('Recipient');
      assertWritable(actor, 'update', 'Recipient', recipientRecord(before), givenFields(input));
      const values = validateRecipient(withStoredTerms(input, before));
      const stale = () => conflict('Someone else changed this recipient after you opened it. Reload to see their changes.', { currentVersion: before.version });
      if (before.version !== version) throw stale();
      if (await nameTaken(tx, values.name, id)) throw badInput('name', 'A recipient with this name is already registered.');
      if ((await updateRecipientAt(tx, id, version, values)) === 0) throw stale();
      await recordAuditEvents(tx, [
        {
          action: 'RECIPIENT_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          detail: { recipientId: id, before: recipientFromRow(before), after: values },
        },
      ]);
      return recipientFromRow((await recipientById(tx, id)) as RecipientRow);
    });
  }

  /**
   * P8: discloses the named fields of a customer to a registered recipient on one of the bases it
   * is registered for, writes the ledger entry and the audit event, and returns exactly those fields.
   * Nobody discloses a field they may not read on that customer.
   */
  async disclose(actor: Actor, input: DisclosureInstruction): Promise<DisclosureResult> {
    requireRight(actor, 'disclose', 'Disclosure', 'You may not disclose customer data.');
    if (!allows(actor, 'disclose', 'Disclosure', { basis: input.basis })) {
      throw forbidden(`You may not disclose data on the basis ${input.basis}; ask a privacy officer.`, 'basis');
    }
    const fields = [...new Set(input.fields)];
    const unknown = fields.find((f) => !DISCLOSABLE_FIELDS.includes(f));
    if (unknown) throw badInput('fields', `${unknown} is not a customer field that can be disclosed.`);
    const customer = await this.customers.get(actor, requireId(input.customerId, 'customerId', 'customer'));
    assertReadable(actor, 'Customer', fields, 'You may not disclose what you may not read.', customerRecord(customer));
    const recipientId = requireId(input.recipientId, 'recipientId', 'recipient');
    return this.db.transaction(async (tx) => {
      // Read again under a lock: a restriction that lands meanwhile is honoured.
      const state = await customerStateForDisclosure(tx, customer.id);
      if (!state) throw notFound('Customer');
      // P6, P8: a merged record is disclosed as the customer it was merged into, whose ledger then says so.
      await lockLiveCustomer(tx, actor, customer.id, 'SHARE');
      if (state.anonymised) throw badInput('customerId', 'This customer has been anonymised: there is nothing to disclose.');
      if (state.restricted && input.basis !== DisclosureBasis.LEGAL_OBLIGATION) {
        throw badInput('basis', 'Processing of this customer is restricted: data may be disclosed only on a legal obligation.');
      }
      const recipient = await recipientById(tx, recipientId);
      if (!recipient) throw badInput('recipientId', 'No such recipient.');
      if (!recipient.active) throw badInput('recipientId', 'This recipient is no longer active.');
      if (!recipient.bases.includes(input.basis)) {
        throw badInput('basis', `${recipient.name} is not registered to receive data on the basis ${input.basis}.`);
      }
      const note = input.note?.trim() || null;
      const row = await insertDisclosure(tx, {
        customerId: customer.id,
        recipientId: recipient.id,
        basis: input.basis,
        fields,
        note,
        disclosedBy: actor.user.id,
      });
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMER_DATA_DISCLOSED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: customer.id,
          fields,
          detail: { recipientId: recipient.id, recipient: recipient.name, basis: input.basis, disclosureId: row.id },
        },
      ]);
      const disclosure: Disclosure = {
        id: row.id,
        customerId: customer.id,
        recipient: recipientFromRow(recipient),
        basis: input.basis,
        fields,
        note,
        disclosedAt: row.disclosed_at,
        disclosedBy: actor.user.username,
      };
      return { disclosure, data: Object.fromEntries(fields.map((f) => [f, disclosedValue(customer, f)])) };
    });
  }

  /** The ledger of one customer the actor may see, newest first. */
  async ledger(actor: Actor, customerId: string): Promise<Disclosure[]> {
    requireRight(actor, 'read', 'Disclosure', 'You may not read the disclosure ledger.');
    const customer = await this.customers.get(actor, requireId(customerId, 'customerId', 'customer')); // NOT_FOUND for one they may not see
    const where = new Where();
    where.and(visibleWithCustomerWhere(actor, 'Disclosure', where, 'd', 'd.customer_id'));
    const rows = await ledgerOf(this.db, customer.id, where);
    return rows.map((row) => ({
      id: row.id,
      customerId: row.customer_id,
      recipient: recipientFromRow(recipientOf(row)),
      basis: row.basis,
      fields: row.fields,
      note: row.note,
      disclosedAt: row.disclosed_at,
      disclosedBy: row.disclosed_by,
    }));
  }
}

/**
 * The processor terms an update leaves out keep their stored values (an older client that does not know them
 * does not wipe a firm's field scope or a recorded agreement); null clears one.
 */
function withStoredTerms(input: RecipientDetails, before: RecipientRow): RecipientDetails {
  const keep = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);
  return {
    ...input,
    agreementDate: keep(input.agreementDate, before.agreement_date),
    agreementReference: keep(input.agreementReference, before.agreement_reference),
    subProcessors: keep(input.subProcessors, before.sub_processors),
    dataFields: keep(input.dataFields, before.data_fields),
    dpfCertified: keep(input.dpfCertified, before.dpf_certified),
    sccVersion: keep(input.sccVersion, before.scc_version),
    sccSignedOn: keep(input.sccSignedOn, before.scc_signed_on),
    bcrReference: keep(input.bcrReference, before.bcr_reference),
  };
}

/** P9: a recipient outside the EU/EEA needs a recorded necessity and a safeguard that fits its country, else it is refused. */
export function validateRecipient(input: RecipientDetails): RecipientValues {
  const name = input.name?.trim();
  if (!name) throw badInput('name', 'Give the recipient a name.');
  const terms = validateProcessorTerms(input);
  const bases = [...new Set(input.bases)];
  if (bases.length === 0) throw badInput('bases', 'Name at least one basis the recipient may receive data on.');
  return { name, kind: input.kind, bases, active: input.active ?? true, ...terms, data_fields: dataFieldsOf(input.dataFields), ...noticeAddress(input) };
}

/** The longest postal address kept: a few lines of an address, not a letter. */
export const POSTAL_ADDRESS_MAX = 500;
const POSTAL_ADDRESS_MAX_LINES = 8;

/** GDPR 19: where and in which language a recipient's notices go; the e-mail lower-cased, the address trimmed line by line. */
function noticeAddress(input: RecipientDetails): Pick<RecipientValues, 'language' | 'contact_email' | 'postal_address'> {
  const language = input.language ?? null;
  if (language !== null && !Object.values(RecipientLanguage).includes(language)) throw badInput('language', 'Give the language as FI or EN.');
  const email = input.contactEmail?.trim().toLowerCase() || null;
  if (email !== null && (email.length > 254 || !z.email().safeParse(email).success)) {
    throw badInput('contactEmail', 'Give the contact e-mail as an address, e.g. privacy@example.com.');
  }
  const lines = (input.postalAddress ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const postalAddress = lines.length > 0 ? lines.join('\n') : null;
  if (postalAddress !== null && (postalAddress.length > POSTAL_ADDRESS_MAX || lines.length > POSTAL_ADDRESS_MAX_LINES)) {
    throw badInput('postalAddress', `Keep the postal address to ${POSTAL_ADDRESS_MAX_LINES} lines and ${POSTAL_ADDRESS_MAX} characters.`);
  }
  return { language, contact_email: email, postal_address: postalAddress };
}
