import type { EntityManager } from 'typeorm';
import { execute, one } from '../sql';
import { Deadlines } from '../../modules/requests/deadlines';

const DAY = 86_400_000;

/**
 * Demo recipients (P8, P9), a few disclosures and a small request queue, so privacy officers have
 * something to work on. Uses customers after the first 150, which the browser tests leave alone.
 */
export async function seedDemoRequests(tx: EntityManager, customerIds: string[], staff: Record<string, string>): Promise<void> {
  const recipients: Array<[string, string, string, string[], string | null, string | null]> = [
    ['Esimerkki Perintä Oy', 'INDEPENDENT_CONTROLLER', 'FI', ['DEBT_COLLECTION'], null, null],
    ['Luottotieto Esimerkki Oy', 'INDEPENDENT_CONTROLLER', 'FI', ['CREDIT_DECISION'], null, null],
    ['Laskutuspalvelu Esimerkki Oy', 'PROCESSOR', 'FI', ['INVOICING'], null, null],
    ['Example Print Ltd', 'PROCESSOR', 'GB', ['INVOICING'], 'ADEQUACY_DECISION', 'Prints and posts paper invoices for customers who asked for them.'],
    ['Verohallinto', 'AUTHORITY', 'FI', ['LEGAL_OBLIGATION'], null, null],
  ];
  const ids: string[] = [];
  for (const [name, kind, country, bases, safeguard, necessity] of recipients) {
    const { id } = await one<{ id: string }>(
      tx,
      `INSERT INTO recipients (name, kind, country, bases, safeguard, necessity) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [name, kind, country, bases, safeguard, necessity],
    );
    ids.push(id);
  }
  const people = customerIds.slice(150);
  await execute(
    tx,
    `INSERT INTO disclosures (customer_id, recipient_id, basis, fields, disclosed_by, disclosed_at) VALUES
       ($1, $3, 'INVOICING', '{firstName,lastName,street,postalCode,city}', $5, now() - interval '40 days'),
       ($2, $4, 'CREDIT_DECISION', '{firstName,lastName,email}', $5, now() - interval '12 days')`,
    [people[0], people[1], ids[2], ids[1], staff.sales],
  );

  const deadlines = new Deadlines('Europe/Helsinki');
  const now = Date.now();
  const requests: Array<{ type: string; customer: string; name: string; via: string; daysAgo: number; items?: Array<[string, string]> }> = [
    { type: 'ACCESS', customer: people[0], name: 'Demo Pyytäjä', via: 'EMAIL', daysAgo: 3 },
    { type: 'RECTIFICATION', customer: people[1], name: 'Demo Oikaisija', via: 'WEB_FORM', daysAgo: 25, items: [['street', 'Uusi katu 5']] },
    { type: 'ERASURE', customer: people[2], name: 'Demo Poistaja', via: 'LETTER', daysAgo: 35 },
  ];
  for (const r of requests) {
    const receivedAt = new Date(now - r.daysAgo * DAY);
    const due = deadlines.firstDueAt(receivedAt);
    const { id } = await one<{ id: string }>(
      tx,
      `INSERT INTO privacy_requests (type, customer_id, requester_name, received_at, received_via, language, signed, first_due_at, due_at, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'FI', $6, $7, $7, $8, $4, $4) RETURNING id`,
      [r.type, r.customer, r.name, receivedAt, r.via, r.via === 'LETTER', due, staff.service],
    );
    await execute(tx, `INSERT INTO privacy_request_events (request_id, at, actor_id, kind, to_status) VALUES ($1, $2, $3, 'CREATED', 'RECEIVED')`, [
      id,
      receivedAt,
      staff.service,
    ]);
    for (const [i, [field, value]] of (r.items ?? []).entries()) {
      await execute(
        tx,
        `INSERT INTO rectification_items (request_id, position, field, current_value, proposed_value, reason)
         SELECT $1, $2, $3, street, $4, 'Muutin' FROM customers WHERE id = $5`,
        [id, i + 1, field, value, r.customer],
      );
    }
  }
}
