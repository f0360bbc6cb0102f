import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fieldText, launchBrowser, newSession, openFirstCustomer, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('[P12] the audit log is searched by user prefix and by customer name, surname first; the filters stay in the address and the customer shows by number and name', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  await page.goto('/customers');
  await openFirstCustomer(page);
  const number = await fieldText(page, 'customerNumber');
  const first = await fieldText(page, 'firstName');
  const last = await fieldText(page, 'lastName');

  await page.goto('/audit');
  await page.getByRole('heading', { name: 'Lokitapahtumat' }).waitFor();
  await page.getByLabel('Käyttäjä', { exact: true }).fill('priv');
  await page.getByLabel('Asiakas', { exact: true }).fill(`${last} ${first}`);
  await page.getByLabel('Tapahtuma', { exact: true }).selectOption('CUSTOMER_READ');
  await page.getByRole('button', { name: 'Suodata', exact: true }).click();

  await expect.poll(() => new URL(page.url()).searchParams.get('user')).toBe('priv');
  const rows = page.getByTestId('audit-row');
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  // The opening of that customer is one row naming them by number and name (page reads say how many they showed).
  await expect.poll(async () => (await page.getByTestId('audit-customer').allTextContents()).map((t) => t.trim())).toContain(`${number} ${first} ${last}`);
  for (const row of await rows.all()) expect(await row.textContent()).toContain('privacy');

  // The same search after a reload, from the address alone.
  await page.reload();
  await expect.poll(() => page.getByLabel('Asiakas', { exact: true }).inputValue()).toBe(`${last} ${first}`);
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  await context.close();
});
