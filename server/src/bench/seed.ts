import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { parseConfig } from '../config';
import { openDatabase } from '../db/database';
import { FIRST_NAMES, LAST_NAMES, PLACES } from '../db/seed/demo-names';
import { ensureBenchUsers } from './bench-user';

/**
 * `pnpm bench:seed`: fills the database named by DATABASE_URL with 1,000,000 customers and
 * 5,000,000 orders (one line each) by set operations, and a SALES user `bench` for `pnpm bench`.
 * Options: --customers N --orders-per-customer N.
 */

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { customers: { type: 'string', default: '1000000' }, 'orders-per-customer': { type: 'string', default: '5' } },
  });
  const customers = Number(values.customers);
  const perCustomer = Number(values['orders-per-customer']);
  const config = parseConfig({ ...process.env, DEMO_DATA: 'false' });
  if (!config.databaseUrl) throw new Error('Set DATABASE_URL to the PostgreSQL server to fill (the embedded database is not for benchmarks).');

  const started = Date.now();
  const step = (label: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s  ${label}`);
  const database = await openDatabase(config);
  await database.close();
  step('migrations applied');

  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM customers`)).rows;
    if (n > 0) {
      // A database filled before prohibitions existed: add only what the target-list benchmark needs.
      const [{ p }] = (await client.query(`SELECT count(*)::int AS p FROM prohibition_events`)).rows;
      if (p > 0) throw new Error(`The database already has ${n} customers; bench:seed fills an empty one.`);
      await seedExclusions(client, step);
      return;
    }
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '1GB'`);
    await client.query(`INSERT INTO partners (name) VALUES ('Bench Partner Oy') ON CONFLICT DO NOTHING`);
    await ensureBenchUsers(client, config.confidentialityVersion);

    // Load without the search indexes, then build them once: far faster than maintaining them row by row.
    const searchIndexes = (
      await client.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('customers', 'orders', 'organisations')
         AND indexname NOT LIKE '%pkey' AND indexdef NOT LIKE '%UNIQUE%'`,
      )
    ).rows as Array<{ indexname: string; indexdef: string }>;
    for (const index of searchIndexes) await client.query(`DROP INDEX ${index.indexname}`);
    step(`dropped ${searchIndexes.length} indexes for the load`);

    // Addresses as a register has them: a street of the place, a house and a flat number. Names and
    // addresses come from a hash of the customer's number, so contacts do not repeat by accident; every
    // 33rd customer is the previous one registered again (same name and address, another email): about
    // 3 % duplicate contacts, as in a real register.
    const addresses = PLACES.flatMap((p) => p.streets.map((street) => ({ street, city: p.city, postalCode: p.postalCode })));
    await client.query(
      `INSERT INTO customers (first_name, last_name, email, phone, street, postal_code, city, language, source, created_at)
       SELECT fn[1 + h % array_length(fn, 1)], ln[1 + (h / 97) % array_length(ln, 1)],
              'asiakas' || i || '@example.fi', '+35840' || lpad((1000000 + i)::text, 7, '0'),
              st[1 + a] || ' ' || (1 + (h / 9409) % 120) || ' A ' || (1 + (h / 1129080) % 40),
              pc[1 + a], ci[1 + a],
              (ARRAY['fi','fi','fi','fi','fi','fi','fi','fi','sv','en'])[1 + i % 10],
              (ARRAY['STORE_PURCHASE','WEB_SHOP','RESELLER','REGISTRATION','WEB_FORM','STAFF_ENTRY'])[1 + i % 6],
              now() - make_interval(days => ((i * 31) % 2920)::int)
         FROM generate_series(1, $1::bigint) AS i
        CROSS JOIN LATERAL (SELECT abs(hashint8(CASE WHEN i % 33 = 0 THEN i - 1 ELSE i END)::bigint) AS h) AS hashed
        CROSS JOIN (SELECT ${sqlArray(FIRST_NAMES)} AS fn, ${sqlArray(LAST_NAMES)} AS ln, ${sqlArray(addresses.map((a) => a.street))} AS st,
                           ${sqlArray(addresses.map((a) => a.city))} AS ci, ${sqlArray(addresses.map((a) => a.postalCode))} AS pc) AS lists
        CROSS JOIN LATERAL (SELECT ((h / 45163200) % array_length(st, 1))::int AS a) AS place`,
      [customers],
    );
    step(`${customers.toLocaleString('en')} customers`);

    await client.query(
      `INSERT INTO orders (customer_id, channel, channel_detail, ordered_at, status, closed_at, net_cents, vat_cents, gross_cents)
       SELECT c.id, (ARRAY['STORE','WEB_SHOP','RESELLER'])[1 + (c.customer_number + k) % 3], NULL,
              now() - make_interval(days => ((c.customer_number * 13 + k * 97) % 2920)::int),
              CASE WHEN k = 1 AND c.customer_number % 10 = 0 THEN 'OPEN' ELSE 'DELIVERED' END,
              CASE WHEN k = 1 AND c.customer_number % 10 = 0 THEN NULL
                   ELSE now() - make_interval(days => ((c.customer_number * 13 + k * 97) % 2920)::int) + interval '2 days' END,
              p.net, round(p.net * 0.255), p.net + round(p.net * 0.255)
         FROM customers c CROSS JOIN generate_series(1, $1::int) AS k
         CROSS JOIN LATERAL (SELECT (500 + (c.customer_number * k) % 9500)::bigint AS net) p`,
      [perCustomer],
    );
    step(`${(customers * perCustomer).toLocaleString('en')} orders`);
    await client.query(
      `INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price_cents, vat_rate_bp, net_cents, vat_cents, gross_cents)
       SELECT id, 1, 'SKU-' || (order_number % 100), 'Tuote ' || (order_number % 100), 1, net_cents, 2550, net_cents, vat_cents, gross_cents
         FROM orders`,
    );
    step('order lines');

    for (const index of searchIndexes) {
      await client.query(index.indexdef);
      step(`index ${index.indexname}`);
    }
    await seedExclusions(client, step);
    await client.query(`VACUUM ANALYZE customers`);
    await client.query(`VACUUM ANALYZE orders`);
    await client.query(`VACUUM ANALYZE order_lines`);
    step('analyzed; done');
  } finally {
    await client.end();
  }
}

/**
 * Something for every exclusion reason of a target list (B4): prohibitions for about 6 % of the
 * customers, an opt-out list of 20,000 people, request-queue flags, and some without an address.
 */
async function seedExclusions(client: Client, step: (label: string) => void) {
  await client.query(
    `INSERT INTO prohibition_events (customer_id, kind, channel, action, via)
     SELECT id, (ARRAY['DIRECT_MARKETING','DISTANCE_SELLING','MARKET_AND_OPINION_RESEARCH','LIST_PUBLICATION','PROFILING'])[1 + customer_number % 5],
            (ARRAY[NULL, 'EMAIL', 'POST', 'PHONE'])[1 + (customer_number / 7) % 4], 'SET', 'CUSTOMER_SERVICE'
       FROM customers WHERE customer_number % 17 = 0`,
  );
  await client.query(`UPDATE customers SET restricted = true WHERE customer_number % 997 = 0`);
  await client.query(`UPDATE customers SET pending_erasure = true WHERE customer_number % 991 = 0`);
  await client.query(`UPDATE customers SET anonymised_at = now() WHERE customer_number % 983 = 0`);
  await client.query(`UPDATE customers SET street = NULL WHERE customer_number % 101 = 0`);
  const [{ id }] = (
    await client.query(`INSERT INTO opt_out_lists (name, valid_from, row_count) VALUES ('Bench opt-out list', current_date - 30, 20000) RETURNING id`)
  ).rows;
  await client.query(
    `INSERT INTO opt_out_entries (list_id, phone, name_key, street_key, postal_code)
     SELECT $1, CASE WHEN customer_number % 2 = 0 THEN phone END, rk_name_key(first_name || ' ' || last_name), rk_street_key(street), postal_code
       FROM customers WHERE customer_number % 50 = 3`,
    [id],
  );
  await client.query(`ANALYZE prohibition_events`);
  await client.query(`ANALYZE opt_out_entries`);
  step('exclusion data: prohibitions, opt-out list, flags');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
