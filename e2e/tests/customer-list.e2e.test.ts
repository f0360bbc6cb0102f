import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

/** Issue 16: finding and working through many records. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CREATE = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id customerNumber } }';

test('Ctrl+K finds a customer by surname-first name, and Enter opens them', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'service');
  const tag = Date.now().toString(36);
  const lastName = `Turunen${tag}`;
  const { createCustomer } = await graphql<{ createCustomer: { id: string; customerNumber: string } }>(context, CREATE, {
    input: { firstName: 'Tauno', lastName, email: `tauno.${tag}@example.fi` },
  });

  // Not while typing in a field: a slash there is a slash, and the search stays closed.
  await page
    .getByLabel(/^Hae nimellä/)
    .first()
    .focus();
  await page.keyboard.press('/');
  expect(await page.getByTestId('global-search-input').count()).toBe(0);

  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.getByTestId('global-search-open').waitFor();
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('global-search-input');
  await input.waitFor();
  expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(`${lastName} Tauno`);
  const results = page.getByTestId('global-search-result');
  await expect.poll(() => results.count()).toBe(1);
  expect(await results.first().textContent()).toContain(createCustomer.customerNumber);
  expect(await results.first().getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/customers/${createCustomer.id}`);
  await page.getByTestId('field-customerNumber').waitFor();

  // Escape closes it and gives the focus back to its button.
  await page.keyboard.press('/');
  await input.waitFor();
  await page.keyboard.type('zzzzqqqq-ei-ketään');
  await expect.poll(() => page.getByTestId('global-search-status').textContent()).toMatch(/Ei asiakkaita/);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('global-search-input').count()).toBe(0);
  expect(await page.getByTestId('global-search-open').evaluate((el) => el === document.activeElement)).toBe(true);
  await context.close();
});

test("marketing's search hint offers no phone, and a phone number finds nobody", async () => {
  const { page } = await newSession(browser);
  await signInToRegister(page, 'marketing');
  // The search loads beside the shell: its button shows when the shortcut works.
  await page.getByTestId('global-search-open').waitFor();
  await page.keyboard.press('Control+k');
  const panel = page.locator('.global-search-panel');
  await panel.waitFor();
  const hint = (await panel.locator('label').first().textContent()) ?? '';
  expect(hint).toMatch(/asiakasnumerolla/);
  expect(hint).not.toMatch(/puhelin/i);
  await page.keyboard.type('+358 40');
  await expect.poll(() => page.getByTestId('global-search-status').textContent()).toMatch(/Ei asiakkaita/);
  await page.close();
});

test('sorting and paging change the address and the rows', async () => {
  const { context, page } = await newSession(browser);
  // Whether each list request asked for the count.
  const counting: boolean[] = [];
  page.on('request', (request) => {
    const body =
      request.method() === 'POST' && request.url().endsWith('/graphql')
        ? (request.postDataJSON() as { operationName?: string; variables?: { withCount?: boolean } })
        : null;
    if (body?.operationName === 'CustomerList') counting.push(body.variables?.withCount === true);
  });
  await signInToRegister(page, 'sales');
  const numbers = async () => (await page.getByTestId('customer-row').locator('td:nth-child(2)').allTextContents()).map(Number);
  await expect.poll(async () => (await numbers()).length).toBe(25);
  // Ascending customer numbers: customers other tests add meanwhile go to the end, so these pages stay put.
  const first = await numbers();
  expect(first).toEqual([...first].sort((a, b) => a - b));
  const total = (await page.getByTestId('total-count').textContent()) ?? '';
  expect(total).toMatch(/\d+ asiakas/);
  expect(counting.length).toBeGreaterThan(0);
  expect(counting.every(Boolean)).toBe(true);
  const asked = counting.length;

  await page.getByTestId('next-page').click();
  await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
  expect(new URL(page.url()).searchParams.get('after')).toBeTruthy();
  await expect.poll(async () => (await numbers())[0]).toBeGreaterThan(first.at(-1)!);
  const second = await numbers();
  expect(second).toHaveLength(25);
  // The next page is read without counting again, and the count read with the first page still shows.
  expect(counting.slice(asked)).toEqual([false]);
  expect(await page.getByTestId('total-count').textContent()).toBe(`${total} · Sivu 2`);

  await page.getByTestId('previous-page').click();
  await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBeNull();
  await expect.poll(numbers).toEqual(first);

  await page.getByTestId('page-size').selectOption('50');
  await expect.poll(() => new URL(page.url()).searchParams.get('size')).toBe('50');
  await expect.poll(async () => (await numbers()).length).toBe(50);
  expect(await numbers()).toEqual([...first, ...second]);

  // A click on the column sorts it the other way: the highest numbers first, all of them past the first pages'.
  await page.getByTestId('sort-customerNumber').click();
  await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('CUSTOMER_NUMBER_DESC');
  await expect.poll(async () => (await numbers())[0]).toBeGreaterThan(second.at(-1)!);
  const descending = await numbers();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1);

  // The address is the list: reloading it keeps the order and the page size.
  await page.reload();
  await expect.poll(async () => (await numbers()).length).toBe(50);
  expect(new URL(page.url()).searchParams.get('sort')).toBe('CUSTOMER_NUMBER_DESC');
  await context.close();
});

test('two selected rows export as a CSV with the columns the role may read', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'marketing', { landing: '/campaigns' });
  await page.goto('/customers');
  const rows = page.getByTestId('customer-row');
  await expect.poll(() => rows.count()).toBeGreaterThan(2);
  await rows.nth(0).getByTestId('select-row').check();
  await rows.nth(1).getByTestId('select-row').check();
  await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('2 asiakasta valittu');
  const chosen = [await rows.nth(0).locator('td:nth-child(2)').textContent(), await rows.nth(1).locator('td:nth-child(2)').textContent()];

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-selected').click()]);
  expect(download.suggestedFilename()).toMatch(/^asiakkaat-\d{4}-\d\d-\d\d\.csv$/);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('Asiakasnumero;Etunimi;Sukunimi;Organisaatio;Sähköposti;Katuosoite;Postinumero;Postitoimipaikka;Maa;Kieli;Luotu');
  expect(lines).toHaveLength(3);
  expect(
    lines
      .slice(1)
      .map((l) => l.split(';')[0])
      .sort(),
  ).toEqual([...chosen].sort());
  await page.getByTestId('export-done').waitFor();
  await context.close();
});
