import { randomBytes } from 'node:crypto';
import { CUSTOMER_CONTACT_FIELDS, type Role } from '@rekisteri/schema';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../auth/passwords';
import type { Logger } from '../../logger';
import { execute, one } from '../sql';
import { bulkInsert } from './bulk-insert';
import { FIRST_NAMES, LAST_NAMES, ORGANISATION_NAMES, PLACES } from './demo-names';
import { seedDemoRequests } from './demo-requests';
import { seedDemoOrders } from './demo-orders';

export const DEMO_USERS: Array<{ username: string; displayName: string; roles: Role[] }> = [
  { username: 'admin', displayName: 'Demo Admin', roles: ['ADMIN'] },
  { username: 'sales', displayName: 'Demo Sales', roles: ['SALES'] },
  { username: 'service', displayName: 'Demo Service', roles: ['SERVICE'] },
  { username: 'marketing', displayName: 'Demo Marketing', roles: ['MARKETING'] },
  { username: 'privacy', displayName: 'Demo Privacy Officer', roles: ['PRIVACY_OFFICER'] },
  { username: 'partner', displayName: 'Demo Partner', roles: ['PARTNER'] },
];
export const DEMO_PARTNER_NAME = 'Palvelukumppani Oy';
export const DEMO_CUSTOMER_COUNT = 200;
export const DEMO_CONFIDENTIALITY_VERSION = '2026-11';

/** A small seeded generator: the same demo data on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)], int: (n: number) => Math.floor(next() * n) };
}

/** A valid Finnish business ID for a seven-digit base. */
export function businessIdFor(base: number): string {
  const digits = String(base).padStart(7, '0');
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const remainder = [...digits].reduce((acc, d, i) => acc + Number(d) * weights[i], 0) % 11;
  if (remainder === 1) return businessIdFor(base + 1);
  return `${digits}-${remainder === 0 ? 0 : 11 - remainder}`;
}

const ascii = (s: string) => s.toLowerCase().replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/å/g, 'a');

/**
 * Demo users and about 200 fictional Finnish customers, on an empty database only. Generated
 * deterministically, so every newcomer sees the same register.
 */
export async function seedDemoData(
  db: DataSource,
  opts: { password?: string; logger?: Logger; confidentialityVersion?: string },
): Promise<{ seeded: boolean; password?: string }> {
  const { count } = await one<{ count: number }>(db, `SELECT count(*)::int AS count FROM users`);
  if (count > 0) return { seeded: false };
  const password = opts.password ?? randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);
  const version = opts.confidentialityVersion ?? DEMO_CONFIDENTIALITY_VERSION;

  await db.transaction(async (tx) => {
    const { id: partnerId } = await one<{ id: string }>(tx, `INSERT INTO partners (name) VALUES ($1) RETURNING id`, [DEMO_PARTNER_NAME]);
    // P4, P9: the firm is a processor in Finland whose staff read the customers' contact data.
    await execute(
      tx,
      `INSERT INTO recipients (name, kind, country, bases, partner_id, data_fields, agreement_date, agreement_reference)
       VALUES ($1, 'PROCESSOR', 'FI', ARRAY['VALUE_ADDED_SERVICE'], $2, $3, '2025-01-15', 'DPA-2025-001')`,
      [DEMO_PARTNER_NAME, partnerId, [...CUSTOMER_CONTACT_FIELDS]],
    );
    const staff: Record<string, string> = {};
    for (const user of DEMO_USERS) {
      ({ id: staff[user.username] } = await one<{ id: string }>(
        tx,
        `INSERT INTO users (username, display_name, password_hash, roles, partner_id, must_change_password,
                            confidentiality_accepted_version, confidentiality_accepted_at)
         VALUES ($1, $2, $3, $4, $5, false, $6, now()) RETURNING id`,
        [user.username, user.displayName, passwordHash, user.roles, user.roles.includes('PARTNER') ? partnerId : null, version],
      ));
    }
    const organisations: string[] = [];
    for (const [i, name] of ORGANISATION_NAMES.entries()) {
      const { id } = await one<{ id: string }>(tx, `INSERT INTO organisations (name, business_id) VALUES ($1, $2) RETURNING id`, [
        name,
        businessIdFor(2_345_000 + i * 137),
      ]);
      organisations.push(id);
    }

    const rng = generator(20180525);
    const columns = [
      'first_name',
      'last_name',
      'organisation_id',
      'email',
      'phone',
      'street',
      'postal_code',
      'city',
      'language',
      'partner_id',
      'source',
      'created_at',
    ];
    const sources = ['STORE_PURCHASE', 'STORE_PURCHASE', 'WEB_SHOP', 'WEB_SHOP', 'RESELLER', 'REGISTRATION', 'WEB_FORM', 'STAFF_ENTRY'];
    const now = Date.now();
    const rows: unknown[][] = [];
    for (let i = 0; i < DEMO_CUSTOMER_COUNT; i++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const place = rng.pick(PLACES);
      const organisation = rng.next() < 0.4 ? rng.pick(organisations) : null;
      const language = last === 'Lindqvist' || last === 'Sundström' ? 'sv' : rng.next() < 0.05 ? 'en' : 'fi';
      rows.push([
        first,
        last,
        organisation,
        `${ascii(first)}.${ascii(last)}${i}@example.fi`,
        `+35840${String(1_000_000 + rng.int(8_999_999)).padStart(7, '0')}`,
        `${rng.pick(place.streets)} ${1 + rng.int(60)}`,
        place.postalCode,
        place.city,
        language,
        i % 5 === 0 ? partnerId : null, // P4: the demo partner firm serves a fifth of the customers
        rng.pick(sources),
        new Date(now - rng.int(8 * 365) * 86_400_000),
      ]);
    }
    const customers = await bulkInsert<{ id: string; source: string; created_at: Date }>(tx, 'customers', columns, rows, 'id, source, created_at');
    // P7: every personal value records where it came from and when.
    const provenanceFields = ['firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'language'];
    await bulkInsert(
      tx,
      'customer_provenance',
      ['customer_id', 'field', 'source', 'recorded_at'],
      customers.flatMap((c) => provenanceFields.map((field) => [c.id, field, c.source, c.created_at])),
      '',
      1000,
    );
    await seedDemoOrders(
      tx,
      customers.map((c) => c.id),
      rng,
    );
    // P15: some customers have said no. (Not among the first hundred, which the browser tests use.)
    const kinds = ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'LIST_PUBLICATION', 'MARKET_AND_OPINION_RESEARCH', 'PROFILING'];
    const channels = [null, 'EMAIL', null, 'PHONE', null, 'POST'];
    const vias = ['CUSTOMER_SERVICE', 'EMAIL', 'LETTER', 'PHONE', 'WEB_FORM'];
    await bulkInsert(
      tx,
      'prohibition_events',
      ['customer_id', 'kind', 'channel', 'action', 'via', 'recorded_at'],
      customers
        .slice(100)
        .filter((_, i) => i % 9 === 0)
        .map((c, i) => [c.id, kinds[i % kinds.length], channels[i % channels.length], 'SET', vias[i % vias.length], c.created_at]),
    );
    await seedDemoRequests(
      tx,
      customers.map((c) => c.id),
      staff,
    );
  });

  if (opts.password) {
    opts.logger?.info({ users: DEMO_USERS.map((u) => u.username) }, 'demo data created; demo users use DEMO_PASSWORD');
  } else {
    // Printed once, on the first start only; it is not stored anywhere in clear.
    console.log(`\n  Demo users: ${DEMO_USERS.map((u) => u.username).join(', ')}\n  Password (shown only now): ${password}\n`);
  }
  return { seeded: true, password };
}
