import http from 'node:http';
import pg from 'pg';

/**
 * The floor of `pnpm bench:compare`: node-postgres over plain HTTP answering the same pages as JSON,
 * with no sign-in, no permission check and no audit. DATABASE_URL, PORT.
 */
export const RAW_PAGES: Record<string, { text: string; values: unknown[]; rows: number; count?: string }> = {
  // B1: the name search, in the fields a SALES user may search.
  '/b1': {
    text: `SELECT c.id, c.customer_number::text AS "customerNumber", c.first_name AS "firstName", c.last_name AS "lastName", c.email, c.city
             FROM customers c LEFT JOIN organisations o ON o.id = c.organisation_id
            WHERE ((c.first_name || ' ' || c.last_name) ILIKE $1 OR c.email ILIKE $1 OR o.name ILIKE $1)
            ORDER BY c.customer_number LIMIT 51`,
    values: ['%kinen%'],
    rows: 50,
  },
  // B2: the first 100 customers x 10 fields.
  '/b2': {
    text: `SELECT c.id, c.customer_number::text AS "customerNumber", c.first_name AS "firstName", c.last_name AS "lastName", c.email, c.phone,
                  c.street, c.postal_code AS "postalCode", c.city, c.language
             FROM customers c ORDER BY c.customer_number LIMIT 101`,
    values: [],
    rows: 100,
  },
};
RAW_PAGES['/count'] = { ...RAW_PAGES['/b2'], count: `SELECT count(*)::int AS count FROM customers c` };

function main() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const server = http.createServer(async (req, res) => {
    const page = RAW_PAGES[req.url ?? ''];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    try {
      const [rows, count] = await Promise.all([
        pool.query(page.text, page.values),
        page.count ? pool.query<{ count: number }>(page.count) : Promise.resolve(null),
      ]);
      const body = JSON.stringify({ nodes: rows.rows.slice(0, page.rows), totalCount: count?.rows[0].count });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`raw listening on ${process.env.PORT}`));
  process.on('SIGTERM', () => {
    server.close();
    pool.end().finally(() => process.exit(0));
  });
}

if (require.main === module) main();
