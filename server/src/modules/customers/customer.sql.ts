import type { Customer } from './customer.type';

/** Raw columns, not entity hydration: lists are read straight into the API's shape. */
export const CUSTOMER_SELECT = `
  SELECT c.id, c.customer_number, c.first_name, c.last_name, c.email, c.phone, c.street, c.postal_code,
         c.city, c.country, c.language, c.partner_id, c.source, c.version,
         c.restricted, c.pending_erasure, c.anonymised_at, c.created_at, c.updated_at,
         o.id AS org_id, o.name AS org_name, o.business_id AS org_business_id, p.name AS partner_name
    FROM customers c
    LEFT JOIN organisations o ON o.id = c.organisation_id
    LEFT JOIN partners p ON p.id = c.partner_id`;

export const CUSTOMER_FROM = `
    FROM customers c
    LEFT JOIN organisations o ON o.id = c.organisation_id`;

export function customerFromRow(row: Record<string, any>): Customer {
  return {
    id: row.id,
    customerNumber: String(row.customer_number),
    firstName: row.first_name,
    lastName: row.last_name,
    organisation: row.org_id ? { id: row.org_id, name: row.org_name, businessId: row.org_business_id } : null,
    email: row.email,
    phone: row.phone,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    language: row.language,
    partner: row.partner_id ? { id: row.partner_id, name: row.partner_name } : null,
    partnerId: row.partner_id,
    source: row.source,
    restricted: row.restricted ?? false,
    pendingErasure: row.pending_erasure ?? false,
    anonymised: row.anonymised_at != null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  } as Customer;
}
