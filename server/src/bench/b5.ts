import type pg from 'pg';
import { hashPassword } from '../auth/passwords';

export const B5_ORDERS = 10_000;
const OFFICER = 'bench-privacy';
const OFFICER_PASSWORD = 'bench-password-2';
const EMAIL = 'b5-access@bench.example';

/** A privacy officer and a customer with 10,000 orders (two lines and an invoice each), made once. */
async function prepare(sql: pg.Client, confidentialityVersion: string): Promise<string> {
  await sql.query(
    `INSERT INTO users (username, display_name, password_hash, roles, must_change_password, confidentiality_accepted_version)
     VALUES ($1, 'Benchmark privacy officer', $2, '{PRIVACY_OFFICER}', false, $3) ON CONFLICT (username) DO NOTHING`,
    [OFFICER, await hashPassword(OFFICER_PASSWORD), confidentialityVersion],
  );
  const [existing] = (await sql.query(`SELECT id FROM customers WHERE email = $1`, [EMAIL])).rows;
  if (existing) return existing.id;
  await sql.query('BEGIN');
  const [{ id }] = (
    await sql.query(
      `INSERT INTO customers (first_name, last_name, email, street, postal_code, city) VALUES ('Paljon', 'Tilaaja', $1, 'Tilaajankatu 1', '00100', 'Helsinki') RETURNING id`,
      [EMAIL],
    )
  ).rows;
  await sql.query(
    `INSERT INTO orders (customer_id, channel, ordered_at, status, closed_at, net_cents, vat_cents, gross_cents)
     SELECT $1, 'WEB_SHOP', now() - make_interval(days => g % 2000), 'DELIVERED', now() - make_interval(days => g % 2000), 7968, 2032, 10000
       FROM generate_series(1, $2::int) AS g`,
    [id, B5_ORDERS],
  );
  await sql.query(
    `INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price_cents, vat_rate_bp, net_cents, vat_cents, gross_cents)
     SELECT o.id, p, 'SKU-' || p, 'Tuote ' || p, 1, 3984, 2550, 3984, 1016, 5000 FROM orders o, generate_series(1, 2) AS p WHERE o.customer_id = $1`,
    [id],
  );
  await sql.query(
    `INSERT INTO invoices (order_id, customer_id, issued_at, due_at, amount_cents, status, paid_at)
     SELECT o.id, $1, o.ordered_at::date, o.ordered_at::date + 14, 10000, 'PAID', o.ordered_at + interval '7 days' FROM orders o WHERE o.customer_id = $1`,
    [id],
  );
  await sql.query('COMMIT');
  return id;
}

/** B5: an access package for a customer with 10,000 orders, through GraphQL, from the request to the stored documents. */
export async function benchmarkAccessPackage(sql: pg.Client, url: string, confidentialityVersion: string, runs = 3) {
  const customerId = await prepare(sql, confidentialityVersion);
  const login = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { roles } }`,
      variables: { u: OFFICER, p: OFFICER_PASSWORD },
    }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`login as ${OFFICER} failed: ${await login.text()}`);
  const graphql = async <T = unknown>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { errors?: unknown[]; data: T };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const created = await graphql<{ createPrivacyRequest: { id: string } }>(
      `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`,
      {
        input: { type: 'ACCESS', customerId, requesterName: 'Paljon Tilaaja', receivedVia: 'EMAIL', language: 'FI', signed: false },
      },
    );
    const id = created.createPrivacyRequest.id;
    await graphql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: STRONG_ELECTRONIC_IDENTIFICATION }) { status } }`, { id });
    const t = performance.now();
    const result = await graphql<{ fulfilAccessRequest: { jsonDocument: { byteSize: number }; htmlDocument: { byteSize: number } } }>(
      `mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { jsonDocument { byteSize sha256 } htmlDocument { byteSize } } }`,
      { id },
    );
    times.push(performance.now() - t);
    bytes = result.fulfilAccessRequest.jsonDocument.byteSize + result.fulfilAccessRequest.htmlDocument.byteSize;
  }
  return { times, bytes };
}
