import { CUSTOMER_CONTACT_FIELDS, subject } from '@rekisteri/schema';
import countries from 'i18n-iso-countries';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { badInput, conflict, forbidden, isUuid, notFound, requireId } from '../../errors';
import type { CustomersService } from '../customers/customers.service';
import type { Customer } from '../customers/customer.type';
import {
  DisclosureBasis,
  type DiscloseInput,
  type Disclosure,
  type DisclosureResult,
  type Recipient,
  type RecipientInput,
} from './disclosure.type';
import { inEea } from './eea';

/** Customer fields that may be disclosed: the contact data the register keeps (P6). */
export const DISCLOSABLE_FIELDS: readonly string[] = CUSTOMER_CONTACT_FIELDS;

const RECIPIENT_COLUMNS = `r.id, r.name, r.kind, r.country, r.bases, r.safeguard, r.necessity, r.active, r.version, r.created_at, r.updated_at`;

export function recipientFromRow(row: Record<string, any>, prefix = ''): Recipient {
  const col = (name: string) => row[`${prefix}${name}`];
  return {
    id: col('id'),
    name: col('name'),
    kind: col('kind'),
    country: col('country'),
    inEea: inEea(col('country')),
    bases: col('bases'),
    safeguard: col('safeguard'),
    necessity: col('necessity'),
    active: col('active'),
    version: col('version'),
    createdAt: col('created_at'),
    updatedAt: col('updated_at'),
  };
}

function disclosureFromRow(row: Record<string, any>): Disclosure {
  return {
    id: String(row.id),
    customerId: row.customer_id,
    recipient: recipientFromRow(row, 'r_'),
    basis: row.basis,
    fields: row.fields,
    note: row.note,
    disclosedAt: row.disclosed_at,
    disclosedBy: row.disclosed_by,
  };
}

/** The value of a customer field as it leaves the company. */
function disclosedValue(customer: Customer, field: string): unknown {
  if (field === 'organisation') return customer.organisation ? { name: customer.organisation.name, businessId: customer.organisation.businessId } : null;
  return (customer as unknown as Record<string, unknown>)[field] ?? null;
}

/** P8, P9: the recipients registry and the ledger of every disclosure to them. */
export class DisclosuresService {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  async recipients(actor: Actor, includeInactive = false): Promise<Recipient[]> {
    if (!actor.ability.can('read', 'Recipient')) throw forbidden('You may not read recipients.');
    const rows = await this.db.query(
      `SELECT ${RECIPIENT_COLUMNS} FROM recipients r ${includeInactive ? '' : 'WHERE r.active'} ORDER BY lower(r.name)`,
    );
    return rows.map((row: Record<string, unknown>) => recipientFromRow(row));
  }

  async createRecipient(actor: Actor, input: RecipientInput): Promise<Recipient> {
    if (!actor.ability.can('create', 'Recipient')) throw forbidden('You may not register recipients.');
    const values = validateRecipient(input);
    return this.db.transaction(async (tx) => {
      const [duplicate] = await tx.query(`SELECT 1 FROM recipients WHERE lower(name) = lower($1)`, [values.name]);
      if (duplicate) throw badInput('name', 'A recipient with this name is already registered.');
      const [row] = await tx.query(
        `INSERT INTO recipients AS r (name, kind, country, bases, safeguard, necessity, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${RECIPIENT_COLUMNS}`,
        [values.name, values.kind, values.country, values.bases, values.safeguard, values.necessity, values.active],
      );
      await recordAuditEvents(tx, [
        { action: 'RECIPIENT_CREATED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { recipientId: row.id, ...values } },
      ]);
      return recipientFromRow(row);
    });
  }

  async updateRecipient(actor: Actor, id: string, version: number, input: RecipientInput): Promise<Recipient> {
    if (!actor.ability.can('update', 'Recipient')) throw forbidden('You may not change recipients.');
    const values = validateRecipient(input);
    if (!isUuid(id)) throw notFound('Recipient');
    return this.db.transaction(async (tx) => {
      const [duplicate] = await tx.query(`SELECT 1 FROM recipients WHERE lower(name) = lower($1) AND id <> $2`, [values.name, id]);
      if (duplicate) throw badInput('name', 'A recipient with this name is already registered.');
      const [before] = await tx.query(`SELECT ${RECIPIENT_COLUMNS} FROM recipients r WHERE id = $1 FOR UPDATE`, [id]);
      if (!before) throw notFound('Recipient');
      if (before.version !== version) {
        throw conflict('Someone else changed this recipient after you opened it. Reload to see their changes.', { currentVersion: before.version });
      }
      // An UPDATE answers [rows, affected count].
      const [[row]] = await tx.query(
        `UPDATE recipients r SET name = $2, kind = $3, country = $4, bases = $5, safeguard = $6, necessity = $7, active = $8,
                version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING ${RECIPIENT_COLUMNS}`,
        [id, values.name, values.kind, values.country, values.bases, values.safeguard, values.necessity, values.active],
      );
      await recordAuditEvents(tx, [
        {
          action: 'RECIPIENT_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          detail: { recipientId: id, before: recipientFromRow(before), after: values },
        },
      ]);
      return recipientFromRow(row);
    });
  }

  /**
   * P8: discloses the named fields of a customer to a registered recipient on one of the bases it
   * is registered for, writes the ledger entry and the audit event, and returns exactly those fields.
   */
  async disclose(actor: Actor, input: DiscloseInput): Promise<DisclosureResult> {
    if (!actor.ability.can('disclose', 'Disclosure')) throw forbidden('You may not disclose customer data.');
    if (!actor.ability.can('disclose', subject('Disclosure', { basis: input.basis } as Record<string, unknown>))) {
      throw forbidden(`You may not disclose data on the basis ${input.basis}; ask a privacy officer.`, 'basis');
    }
    const fields = [...new Set(input.fields)];
    const unknown = fields.find((f) => !DISCLOSABLE_FIELDS.includes(f));
    if (unknown) throw badInput('fields', `${unknown} is not a customer field that can be disclosed.`);
    const customer = await this.customers.get(actor, input.customerId);
    const unreadable = fields.find((f) => !actor.ability.can('read', subject('Customer', { ...customer } as Record<string, unknown>), f));
    if (unreadable) throw forbidden(`You may not read, and so not disclose, the field ${unreadable}.`, 'fields');
    requireId(input.recipientId, 'recipientId', 'recipient');
    return this.db.transaction(async (tx) => {
      // Read again under a lock: a restriction that lands meanwhile is honoured.
      const [state] = await tx.query(`SELECT restricted, anonymised_at FROM customers WHERE id = $1 FOR SHARE`, [customer.id]);
      if (state.anonymised_at) throw badInput('customerId', 'This customer has been anonymised: there is nothing to disclose.');
      if (state.restricted && input.basis !== DisclosureBasis.LEGAL_OBLIGATION) {
        throw badInput('basis', 'Processing of this customer is restricted: data may be disclosed only on a legal obligation.');
      }
      const [recipient] = await tx.query(`SELECT ${RECIPIENT_COLUMNS} FROM recipients r WHERE id = $1`, [input.recipientId]);
      if (!recipient) throw badInput('recipientId', 'No such recipient.');
      if (!recipient.active) throw badInput('recipientId', 'This recipient is no longer active.');
      if (!recipient.bases.includes(input.basis)) {
        throw badInput('basis', `${recipient.name} is not registered to receive data on the basis ${input.basis}.`);
      }
      const [row] = await tx.query(
        `INSERT INTO disclosures (customer_id, recipient_id, basis, fields, note, disclosed_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, disclosed_at`,
        [customer.id, recipient.id, input.basis, fields, input.note?.trim() || null, actor.user.id],
      );
      await recordAuditEvents(tx, [
        {
          action: 'CUSTOMER_DATA_DISCLOSED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: customer.id,
          fields,
          detail: { recipientId: recipient.id, recipient: recipient.name, basis: input.basis, disclosureId: String(row.id) },
        },
      ]);
      const disclosure: Disclosure = {
        id: String(row.id),
        customerId: customer.id,
        recipient: recipientFromRow(recipient),
        basis: input.basis,
        fields,
        note: input.note?.trim() || null,
        disclosedAt: row.disclosed_at,
        disclosedBy: actor.user.username,
      };
      return { disclosure, data: Object.fromEntries(fields.map((f) => [f, disclosedValue(customer, f)])) };
    });
  }

  /** The ledger of one customer, newest first. */
  async ledger(actor: Actor, customerId: string): Promise<Disclosure[]> {
    if (!actor.ability.can('read', 'Disclosure')) throw forbidden('You may not read the disclosure ledger.');
    await this.customers.get(actor, customerId);
    return this.ledgerOf(this.db.manager, customerId);
  }

  /** The ledger of a customer without a permission check: for services that have made theirs. */
  async ledgerOf(manager: DataSource['manager'], customerId: string): Promise<Disclosure[]> {
    const rows = await manager.query(
      `SELECT d.id, d.customer_id, d.basis, d.fields, d.note, d.disclosed_at, u.username AS disclosed_by,
              r.id AS r_id, r.name AS r_name, r.kind AS r_kind, r.country AS r_country, r.bases AS r_bases,
              r.safeguard AS r_safeguard, r.necessity AS r_necessity, r.active AS r_active, r.version AS r_version,
              r.created_at AS r_created_at, r.updated_at AS r_updated_at
         FROM disclosures d JOIN recipients r ON r.id = d.recipient_id LEFT JOIN users u ON u.id = d.disclosed_by
        WHERE d.customer_id = $1 ORDER BY d.id DESC`,
      [customerId],
    );
    return rows.map(disclosureFromRow);
  }
}

interface RecipientValues {
  name: string;
  kind: string;
  country: string;
  bases: string[];
  safeguard: string | null;
  necessity: string | null;
  active: boolean;
}

/** P9: a recipient outside the EU/EEA needs a recorded necessity and a safeguard, else it is refused. */
function validateRecipient(input: RecipientInput): RecipientValues {
  const name = input.name?.trim();
  if (!name) throw badInput('name', 'Give the recipient a name.');
  const country = input.country?.trim().toUpperCase();
  if (!country || !/^[A-Z]{2}$/.test(country) || !countries.isValid(country)) {
    throw badInput('country', 'Give the country as an ISO 3166 two-letter code, e.g. FI or US.');
  }
  const bases = [...new Set(input.bases)];
  if (bases.length === 0) throw badInput('bases', 'Name at least one basis the recipient may receive data on.');
  const necessity = input.necessity?.trim() || null;
  const safeguard = input.safeguard ?? null;
  if (!inEea(country)) {
    if (!safeguard) throw badInput('safeguard', 'A recipient outside the EU/EEA needs a transfer safeguard.');
    if (!necessity) throw badInput('necessity', 'A recipient outside the EU/EEA needs a recorded reason why the transfer is necessary.');
  }
  return { name, kind: input.kind, country, bases, safeguard, necessity, active: input.active ?? true };
}
