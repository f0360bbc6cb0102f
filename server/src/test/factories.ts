import { randomBytes, randomUUID } from 'node:crypto';
import { buildAbility, CUSTOMER_CONTACT_FIELDS, type AppAbility, type Role } from '@rekisteri/schema';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { one, type Db } from '../db/sql';

/**
 * Test factories: each builds the record a test needs, with the parents it needs, straight in the
 * database (fast, and independent of which demo rows exist). Values are unique per call, so tests
 * in one file never collide on a unique email, phone or business id.
 */

let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(++sequence).toString(36)}${randomBytes(2).toString('hex')}`;
/** Seven-digit bases for business ids: random, so two files sharing a template never collide. */
const uniqueDigits = (n: number) =>
  String(Number.parseInt(randomBytes(4).toString('hex'), 16))
    .padStart(n, '0')
    .slice(-n);

export interface BuiltPartner {
  id: string;
  name: string;
}

/** A partner firm and its processor row in Finland (P4, P9), whose staff read the contact fields unless `customerFields` says less. */
export async function buildPartner(db: Db, overrides: { name?: string; customerFields?: readonly string[]; active?: boolean } = {}): Promise<BuiltPartner> {
  const partner = await one<BuiltPartner>(db, `INSERT INTO partners (name, active) VALUES ($1, $2) RETURNING id, name`, [
    overrides.name ?? `Kumppani ${unique()} Oy`,
    overrides.active ?? true,
  ]);
  await one(
    db,
    `INSERT INTO recipients (name, kind, country, bases, partner_id, data_fields)
     VALUES ($1, 'PROCESSOR', 'FI', ARRAY['VALUE_ADDED_SERVICE'], $2, $3) RETURNING id`,
    [partner.name, partner.id, [...(overrides.customerFields ?? CUSTOMER_CONTACT_FIELDS)]],
  );
  return partner;
}

export interface BuiltOrganisation {
  id: string;
  name: string;
  businessId: string | null;
}

/** A valid Finnish business id (Y-tunnus) with its check digit. */
export function businessId(): string {
  for (;;) {
    const digits = uniqueDigits(7);
    const weights = [7, 9, 10, 5, 8, 4, 2];
    const remainder = [...digits].reduce((acc, d, i) => acc + Number(d) * weights[i], 0) % 11;
    if (remainder !== 1) return `${digits}-${remainder === 0 ? 0 : 11 - remainder}`;
  }
}

export async function buildOrganisation(db: Db, overrides: { name?: string; businessId?: string | null } = {}): Promise<BuiltOrganisation> {
  return one<BuiltOrganisation>(db, `INSERT INTO organisations (name, business_id) VALUES ($1, $2) RETURNING id, name, business_id AS "businessId"`, [
    overrides.name ?? `Yritys ${unique()} Oy`,
    overrides.businessId === undefined ? businessId() : overrides.businessId,
  ]);
}

export interface CustomerOverrides {
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string;
  language?: 'fi' | 'sv' | 'en';
  source?: string;
  /** An organisation row, `true` to make one, or nothing. */
  organisation?: BuiltOrganisation | true;
  /** A partner firm, `true` to make one, or nothing. */
  partner?: BuiltPartner | true;
  restricted?: boolean;
}

export interface BuiltCustomer {
  id: string;
  customerNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  organisationId: string | null;
  partnerId: string | null;
  version: number;
}

/** A customer with a unique email and phone, in Helsinki, and whatever parents the overrides ask for. */
export async function buildCustomer(db: Db, overrides: CustomerOverrides = {}): Promise<BuiltCustomer> {
  const tag = unique();
  const organisation = overrides.organisation === true ? await buildOrganisation(db) : overrides.organisation;
  const partner = overrides.partner === true ? await buildPartner(db) : overrides.partner;
  const row = await one<Omit<BuiltCustomer, 'customerNumber'> & { customerNumber: string | number }>(
    db,
    `INSERT INTO customers (first_name, last_name, email, phone, street, postal_code, city, country, language, source,
                            organisation_id, partner_id, restricted)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     RETURNING id, customer_number AS "customerNumber", first_name AS "firstName", last_name AS "lastName", email, phone, city,
               organisation_id AS "organisationId", partner_id AS "partnerId", version`,
    [
      overrides.firstName ?? 'Testi',
      overrides.lastName ?? `Asiakas-${tag}`,
      overrides.email === undefined ? `testi.${tag}@example.fi` : overrides.email,
      overrides.phone === undefined ? `+358401${uniqueDigits(6)}` : overrides.phone,
      overrides.street === undefined ? 'Testikatu 1' : overrides.street,
      overrides.postalCode === undefined ? '00100' : overrides.postalCode,
      overrides.city === undefined ? 'Helsinki' : overrides.city,
      overrides.country ?? 'FI',
      overrides.language ?? 'fi',
      overrides.source ?? 'STAFF_ENTRY',
      organisation?.id ?? null,
      partner?.id ?? null,
      overrides.restricted ?? false,
    ],
  );
  return { ...row, customerNumber: String(row.customerNumber) };
}

export interface BuiltOrder {
  id: string;
  orderNumber: string;
  customerId: string;
  grossCents: number;
}

/** An order of one line (10.00 € + 25.5 % VAT by default), with a customer made for it unless given. */
export async function buildOrder(
  db: Db,
  overrides: {
    customer?: BuiltCustomer | { id: string };
    status?: 'OPEN' | 'DELIVERED' | 'CANCELLED';
    orderedAt?: Date;
    closedAt?: Date;
    unitPriceCents?: number;
  } = {},
): Promise<BuiltOrder> {
  const customer = overrides.customer ?? (await buildCustomer(db));
  const status = overrides.status ?? 'OPEN';
  const net = overrides.unitPriceCents ?? 1000;
  const vat = Math.round((net * 2550) / 10000);
  const orderedAt = overrides.orderedAt ?? new Date();
  const closedAt = status === 'OPEN' ? null : (overrides.closedAt ?? orderedAt);
  const order = await one<{ id: string; orderNumber: string | number }>(
    db,
    `INSERT INTO orders (customer_id, channel, ordered_at, status, closed_at, net_cents, vat_cents, gross_cents)
     VALUES ($1, 'STORE', $2, $3, $4, $5, $6, $7) RETURNING id, order_number AS "orderNumber"`,
    [customer.id, orderedAt, status, closedAt, net, vat, net + vat],
  );
  await one(
    db,
    `INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price_cents, vat_rate_bp, net_cents, vat_cents, gross_cents)
     VALUES ($1, 1, 'TEST-1', 'Testituote', 1, $2, 2550, $2, $3, $4) RETURNING order_id`,
    [order.id, net, vat, net + vat],
  );
  return { id: order.id, orderNumber: String(order.orderNumber), customerId: customer.id, grossCents: net + vat };
}

export interface BuiltInvoice {
  id: string;
  invoiceNumber: string;
  orderId: string;
  customerId: string;
}

/** An invoice for an order (made, with its customer, unless given); OPEN and due in 14 days by default. */
export async function buildInvoice(
  db: Db,
  overrides: { order?: BuiltOrder; status?: 'OPEN' | 'PAID' | 'IN_COLLECTION' | 'CREDITED'; issuedAt?: string; dueAt?: string } = {},
): Promise<BuiltInvoice> {
  const order = overrides.order ?? (await buildOrder(db));
  const status = overrides.status ?? 'OPEN';
  const row = await one<{ id: string; invoiceNumber: string | number }>(
    db,
    `INSERT INTO invoices (order_id, customer_id, issued_at, due_at, amount_cents, status, paid_at, collection_agency)
     VALUES ($1, $2, coalesce($3::date, current_date), coalesce($4::date, current_date + 14), $5, $6, $7, $8)
     RETURNING id, invoice_number AS "invoiceNumber"`,
    [
      order.id,
      order.customerId,
      overrides.issuedAt ?? null,
      overrides.dueAt ?? null,
      order.grossCents,
      status,
      status === 'PAID' ? new Date() : null,
      status === 'IN_COLLECTION' ? 'Perintä Oy' : null,
    ],
  );
  return { id: row.id, invoiceNumber: String(row.invoiceNumber), orderId: order.id, customerId: order.customerId };
}

export interface BuiltUser {
  id: string;
  username: string;
}

/**
 * A signed-up user with the given roles (none by default), who has changed the initial password and
 * acknowledged the confidentiality commitment, so the register is open to them as far as their roles go.
 * `passwordHash` is a demo user's hash, so the test password signs them in without hashing again.
 */
export async function buildUser(
  db: DataSource,
  overrides: { roles?: Role[]; partner?: BuiltPartner; username?: string; confidentialityVersion?: string; passwordHashOf?: string } = {},
): Promise<BuiltUser> {
  const username = overrides.username ?? `user-${unique()}`;
  return one<BuiltUser>(
    db,
    `INSERT INTO users (username, display_name, password_hash, roles, partner_id, must_change_password, confidentiality_accepted_version, confidentiality_accepted_at)
     SELECT $1, $2, password_hash, $3, $4, false, coalesce($5, confidentiality_accepted_version), now()
       FROM users WHERE username = $6
     RETURNING id, username`,
    [
      username,
      `Test ${username}`,
      overrides.roles ?? [],
      overrides.partner?.id ?? null,
      overrides.confidentialityVersion ?? null,
      overrides.passwordHashOf ?? 'admin',
    ],
  );
}

export const newId = () => randomUUID();

/**
 * An actor with hand-made permission rules, for a service call: proves the gate honours a rule
 * (a condition, a field list) that no role of the table has today. `user` must exist (audit rows name it).
 */
export function actorWithRules(user: BuiltUser, rules: AppAbility['rules']): Actor {
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.username,
      roles: [],
      partnerId: null,
      mustChangePassword: false,
      confidentialityAcceptedVersion: null,
    },
    sessionId: `test-${user.id}`,
    ability: buildAbility(rules),
  };
}
