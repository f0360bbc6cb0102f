import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

/** Issue 16: a prohibition the customers gave recorded for several of them at once, from the customer list (P5). */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CREATE = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';
const PROHIBITIONS = 'query ($id: UUID!) { customer(id: $id) { prohibitions { kind channel via } } }';

test('[P5] service selects two customers in the list and records their direct-marketing prohibition for both at once', async () => {
  const tag = Date.now().toString(36);
  const lastName = `Monikielto${tag}`;
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'service');
  const ids: string[] = [];
  for (const firstName of ['Aatu', 'Eetu']) {
    const { createCustomer } = await graphql<{ createCustomer: { id: string } }>(context, CREATE, {
      input: { firstName, lastName, email: `${firstName.toLowerCase()}.${tag}@example.fi` },
    });
    ids.push(createCustomer.id);
  }

  await page.goto(`/customers?q=${encodeURIComponent(lastName)}`);
  const rows = page.getByTestId('customer-row');
  await expect.poll(() => rows.count()).toBe(2);
  for (const i of [0, 1]) await rows.nth(i).getByTestId('select-row').check();
  await page.getByTestId('bulk-prohibition-open').click();
  const form = page.getByTestId('bulk-prohibition');
  await form.getByRole('heading', { name: 'Kirjaa kielto 2 asiakkaalle' }).waitFor();

  // How the customers told it is asked first: without it nothing is recorded, and focus goes to the question.
  await form.getByRole('button', { name: 'Kirjaa kielto' }).click();
  await form.getByText('Valitse, miten asiakas ilmoitti.').waitFor();
  expect(await page.locator('#bulk-prohibition-via').evaluate((el) => el === document.activeElement)).toBe(true);
  for (const id of ids) expect((await graphql<{ customer: { prohibitions: unknown[] } }>(context, PROHIBITIONS, { id })).customer.prohibitions).toEqual([]);

  await page.locator('#bulk-prohibition-kind').selectOption('DIRECT_MARKETING');
  await page.locator('#bulk-prohibition-via').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Kirjaa kielto' }).click();
  await expect.poll(() => form.getByTestId('bulk-prohibition-results').getByRole('status').textContent()).toBe('Kirjattu 2, jo voimassa 0, epäonnistui 0.');
  for (const id of ids) {
    const { customer } = await graphql<{ customer: { prohibitions: Array<{ kind: string; channel: string | null }> } }>(context, PROHIBITIONS, { id });
    expect(customer.prohibitions.map((p) => [p.kind, p.channel])).toEqual([['DIRECT_MARKETING', null]]);
  }

  // Recorded again: both are in force already, and nothing doubles.
  await form.getByRole('button', { name: 'Kirjaa kielto' }).click();
  await expect.poll(() => form.getByTestId('bulk-prohibition-results').getByRole('status').textContent()).toBe('Kirjattu 0, jo voimassa 2, epäonnistui 0.');
  for (const id of ids) expect((await graphql<{ customer: { prohibitions: unknown[] } }>(context, PROHIBITIONS, { id })).customer.prohibitions).toHaveLength(1);
  await context.close();
});
