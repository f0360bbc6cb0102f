import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fieldText, launchBrowser, newSession, openFirstCustomer, signInToRegister, totalCount } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('[P6] marketing opens a customer and sees no phone', async () => {
  const { context, page } = await newSession(browser);
  // What the app asks the server for: the phone must not even be requested.
  const customerVariables: Array<Record<string, unknown>> = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { operationName?: string; variables?: Record<string, unknown> };
    if (body.operationName === 'Customer') customerVariables.push(body.variables ?? {});
  });

  await signInToRegister(page, 'marketing');
  await page.goto('/customers');
  await openFirstCustomer(page);

  expect(await fieldText(page, 'email')).toMatch(/@/);
  expect(await page.getByTestId('field-phone').count()).toBe(0);
  expect(await page.getByText('Puhelin', { exact: true }).count()).toBe(0);
  expect(await page.locator('main').textContent()).not.toMatch(/\+358/);
  expect(await page.getByRole('button', { name: 'Muokkaa' }).count()).toBe(0);
  expect(customerVariables.length).toBeGreaterThan(0);
  for (const variables of customerVariables) expect(variables.withPhone).toBe(false);
  await context.close();
});

test('[P16] service edits an email and sees it saved', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'service');
  await openFirstCustomer(page);
  const url = page.url();
  const email = `muutettu.${Date.now()}@example.fi`;

  await page.getByRole('button', { name: 'Muokkaa' }).click();
  await page.getByLabel('Sähköposti', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await page.getByText('Tallennettu', { exact: true }).waitFor();
  expect(await fieldText(page, 'email')).toBe(email);

  await page.reload();
  await page.getByTestId('field-email').waitFor();
  expect(page.url()).toBe(url);
  expect(await fieldText(page, 'email')).toBe(email);
  await context.close();
});

test('[P16] a stale edit is refused with a conflict, and the latest version loads under the unsaved edits', async () => {
  const first = await newSession(browser);
  const second = await newSession(browser);
  await signInToRegister(first.page, 'service');
  await signInToRegister(second.page, 'service');
  await openFirstCustomer(first.page);
  await second.page.goto(first.page.url());
  await second.page.getByTestId('field-customerNumber').waitFor();

  // Both open the form on the same version; the first saves a new city.
  await first.page.getByRole('button', { name: 'Muokkaa' }).click();
  await second.page.getByRole('button', { name: 'Muokkaa' }).click();
  await first.page.getByLabel('Postitoimipaikka', { exact: true }).fill('Kuopio');
  await first.page.getByRole('button', { name: 'Tallenna' }).click();
  await first.page.getByText('Tallennettu', { exact: true }).waitFor();

  // The second, still on the old version, changes the street: refused, nothing overwritten.
  await second.page.getByLabel('Katuosoite', { exact: true }).fill('Ristiriitakatu 7');
  await second.page.getByRole('button', { name: 'Tallenna' }).click();
  await second.page.getByTestId('conflict').waitFor();
  await second.page.getByRole('button', { name: /Lataa uusin versio/ }).click();
  await expect.poll(() => second.page.getByLabel('Postitoimipaikka', { exact: true }).inputValue()).toBe('Kuopio');
  expect(await second.page.getByLabel('Katuosoite', { exact: true }).inputValue()).toBe('Ristiriitakatu 7');

  await second.page.getByRole('button', { name: 'Tallenna' }).click();
  await second.page.getByText('Tallennettu', { exact: true }).waitFor();
  expect(await fieldText(second.page, 'street')).toBe('Ristiriitakatu 7');
  expect(await fieldText(second.page, 'city')).toBe('Kuopio');
  await first.context.close();
  await second.context.close();
});

test('a bad postal code is explained beside the postal code field', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'service');
  await openFirstCustomer(page);
  await page.getByRole('button', { name: 'Muokkaa' }).click();
  await page.getByLabel('Postinumero', { exact: true }).fill('12');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  const error = page.getByTestId('edit-postalCode-error');
  await error.waitFor();
  expect(await error.textContent()).toMatch(/viisi numeroa/);
  expect(await page.getByLabel('Postinumero', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  await context.close();
});

test('[P4] a partner sees only the customers their firm serves', async () => {
  const sales = await newSession(browser);
  await signInToRegister(sales.page, 'sales');
  await sales.page.getByTestId('total-count').waitFor();
  const all = await totalCount(sales.page);
  await sales.context.close();

  const partner = await newSession(browser);
  await signInToRegister(partner.page, 'partner');
  await partner.page.getByTestId('total-count').waitFor();
  const own = await totalCount(partner.page);
  await partner.context.close();

  expect(own).toBeGreaterThan(0);
  expect(own).toBeLessThan(all);
});
