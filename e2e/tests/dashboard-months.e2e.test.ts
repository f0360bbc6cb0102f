import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser';
import { DEMO_PASSWORD } from '../support/constants';

/**
 * Issue 16: the chart of new customers per month needs months of known sizes, and customers are dated by the
 * server's clock when they are made. So this file runs the built server and web app (the same dist the shared
 * test server runs) in this process, on a database of its own that it can date customers in: demo data, then
 * every customer moved to long ago but for chosen months.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverRequire = createRequire(path.join(root, 'server', 'package.json'));
const dist = (file: string) => serverRequire(path.join(root, 'server', 'dist', file));

interface OwnServer {
  baseUrl: string;
  query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

async function startOwnServer(): Promise<OwnServer> {
  serverRequire('reflect-metadata');
  const { parseConfig } = dist('config.js');
  const { openDatabase } = dist('db/database.js');
  const { seedDemoData } = dist('db/seed/demo.js');
  const { createApp } = dist('app.js');
  const { createLogger } = dist('logger.js');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rekisteri-e2e-months-'));
  const config = parseConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    COOKIE_SECURE: 'false',
    WEB_DIST: path.join(root, 'web', 'dist'),
    SUPPRESSION_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_RATE_LIMIT: '100000',
  });
  const database = await openDatabase(config, { inMemory: true });
  await seedDemoData(database.dataSource, { password: DEMO_PASSWORD, confidentialityVersion: config.confidentialityVersion });
  const app = await createApp(config, database, createLogger('silent'));
  const server = http.createServer(app.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    query: (sql, params = []) => database.dataSource.query(sql, params),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.stop();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let own: OwnServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** How many customers joined how many months ago (0: this month); every other month of the chart nobody. */
const JOINED: Record<number, number> = { 7: 5, 5: 2, 3: 6, 1: 7 };
/** How many people ordered (an order each) how many months ago; every other month of the chart none. */
const ORDERED: Record<number, number> = { 4: 6, 2: 5 };

beforeAll(async () => {
  [own, browser] = await Promise.all([startOwnServer(), launchBrowser()]);
  await own.query(`UPDATE customers SET created_at = now() - interval '30 months'`);
  let offset = 0;
  for (const [months, people] of Object.entries(JOINED)) {
    await own.query(
      `UPDATE customers SET created_at = date_trunc('month', now()) - make_interval(months => $1) + interval '14 days'
        WHERE id IN (SELECT id FROM customers ORDER BY id OFFSET $2 LIMIT $3)`,
      [Number(months), offset, people],
    );
    offset += people;
  }
  // Orders likewise: of distinct people, so a month's people are its orders.
  await own.query(`UPDATE orders SET ordered_at = now() - interval '30 months'`);
  offset = 0;
  for (const [months, people] of Object.entries(ORDERED)) {
    await own.query(
      `UPDATE orders SET ordered_at = date_trunc('month', now()) - make_interval(months => $1) + interval '14 days'
        WHERE id IN (SELECT id FROM (SELECT DISTINCT ON (customer_id) id, customer_id FROM orders WHERE status <> 'CANCELLED' ORDER BY customer_id, id) o
                      ORDER BY customer_id OFFSET $2 LIMIT $3)`,
      [Number(months), offset, people],
    );
    offset += people;
  }
  context = await browser.newContext({ baseURL: own.baseUrl, locale: 'fi-FI' });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
}, 120_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await own?.close();
});

/** The cells of a chart table's row of the month `monthsAgo` months ago (the table lists the 24 months, oldest first). */
async function cellsOf(rows: Locator, monthsAgo: number): Promise<string[]> {
  return (
    await rows
      .nth(23 - monthsAgo)
      .locator('td')
      .allTextContents()
  ).map((s) => s.trim());
}

/** The month `months` ago as the dashboard names it (the page's own formatting, so the same locale data). */
async function monthName(months: number): Promise<string> {
  const [{ month }] = await own.query(`SELECT to_char(date_trunc('month', now()) - make_interval(months => $1), 'YYYY-MM') AS month`, [months]);
  return page.evaluate((m) => {
    const [y, mm] = String(m).split('-').map(Number);
    return new Date(y, mm - 1, 1).toLocaleDateString('fi-FI', { month: 'short', year: 'numeric' });
  }, month);
}

test('[P2] a month without new customers between two months with them is a zero on the chart; a folded month is hatched and explained; whole-number axis', async () => {
  await page.goto('/');
  await page.getByLabel('Käyttäjätunnus', { exact: true }).fill('sales');
  await page.getByLabel('Salasana', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await page.getByTestId('user-name').waitFor();
  await page.goto('/dashboard');
  const chart = page.getByTestId('chart-new-per-month');
  await chart.locator('svg.recharts-surface').first().waitFor();

  // The numbers as a table (for keyboard and screen-reader users): every month of the 24, in order.
  await chart.getByText('Näytä lukuina').click();
  const rows = chart.locator('tbody tr');
  expect(await rows.count()).toBe(24);
  const row = (monthsAgo: number) => cellsOf(rows, monthsAgo);
  // Six joined three months ago, seven a month ago, and nobody in the month between: it is there, as zero.
  expect(await row(3)).toEqual([await monthName(3), '6']);
  expect(await row(2)).toEqual([await monthName(2), '0']);
  expect(await row(1)).toEqual([await monthName(1), '7']);
  // The two small months (two people; five, hidden beside them so that neither can be worked out) are told alike.
  expect(await row(5)).toEqual([await monthName(5), 'piilotettu']);
  expect(await row(7)).toEqual([await monthName(7), 'piilotettu']);
  expect(await row(6)).toEqual([await monthName(6), '0']);

  // Drawn: a "0" over each month nobody joined, a hatched column for each hidden month, explained under the chart.
  const zeros = chart.locator('.recharts-label-list text', { hasText: /^0$/ });
  expect(await zeros.count()).toBe(24 - Object.keys(JOINED).length);
  expect(await chart.locator('.recharts-reference-area').count()).toBe(2);
  const legend = chart.getByTestId('new-per-month-legend');
  expect(await legend.textContent()).toMatch(/Piilotettu: kuukauden uusia asiakkaita oli alle 5/);
  expect(await legend.textContent()).toMatch(/0: ei uusia asiakkaita/);
  expect(await chart.textContent()).toMatch(/Piilotetuilla kuukausilla yhteensä 7 asiakasta/);

  // Counts of people have whole-number ticks only: no "0,5 asiakasta".
  const ticks = (await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map((s) => s.trim());
  expect(ticks.length).toBeGreaterThan(1);
  for (const tick of ticks) expect(tick).toMatch(/^\d+$/);
  expect(new Set(ticks).size).toBe(ticks.length);

  // The same in English.
  await page.getByTestId('language-switch').click();
  await chart.getByText('Show as numbers').waitFor();
  expect(await chart.getByTestId('new-per-month-legend').textContent()).toMatch(/Hidden: fewer than 5 new customers that month/);
});

test('[P2] a month without orders between two months with them is a zero on the orders chart, with its place on the axis', async () => {
  await page.goto('/dashboard');
  // In Finnish, whichever language the test before left.
  await page.getByRole('heading', { level: 1 }).waitFor();
  if ((await page.locator('html').getAttribute('lang')) === 'en') await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { name: 'Tilannekuva' }).waitFor();
  const chart = page.getByTestId('chart-orders-per-month');
  await chart.locator('svg.recharts-surface').first().waitFor();
  const summary = chart.locator('summary');
  await summary.click();
  const rows = chart.locator('tbody tr');
  const row = (monthsAgo: number) => cellsOf(rows, monthsAgo);
  expect(await rows.count()).toBe(24);
  // Six people ordered four months ago, five two months ago, and nobody in the month between: a zero, not left out.
  const [fourAgo, threeAgo, twoAgo] = [await row(4), await row(3), await row(2)];
  expect(fourAgo.slice(0, 2)).toEqual([await monthName(4), '6']);
  expect(threeAgo[0]).toBe(await monthName(3));
  expect(threeAgo[1]).toBe('0');
  expect(threeAgo[2]).toMatch(/^0,00\s€$/);
  expect(twoAgo.slice(0, 2)).toEqual([await monthName(2), '5']);
  // Drawn: a "0" over each month without orders (all but two of the 24), explained under the chart.
  const zeros = chart.locator('.recharts-label-list text', { hasText: /^0$/ });
  expect(await zeros.count()).toBe(24 - Object.keys(ORDERED).length);
  expect(await chart.getByTestId('orders-per-month-legend').textContent()).toMatch(/0: (ei tilauksia|no orders)/);
});
