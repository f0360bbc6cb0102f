import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Percentages as the UI writes them, with ordinary spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

/** A customer of this test's own with one open order, so no other test file's data is touched. */
async function customerWithOpenOrder(sales: BrowserContext, lastName: string): Promise<{ customerId: string; orderId: string }> {
  const { createCustomer } = await graphql<{ createCustomer: { id: string } }>(
    sales,
    `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
    { input: { firstName: 'Rauni', lastName, city: 'Oulu', language: 'fi' } },
  );
  const { createOrder } = await graphql<{ createOrder: { id: string } }>(sales, `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }`, {
    input: {
      customerId: createCustomer.id,
      channel: 'STORE',
      lines: [{ sku: 'MUK-01', name: 'Muki', quantity: 1, unitPriceCents: 1490, vatRateBasisPoints: 2550 }],
    },
  });
  return { customerId: createCustomer.id, orderId: createOrder.id };
}

/** GDPR 18: a privacy officer records the customer's request to restrict processing; it takes effect once identity is verified. */
async function restrict(privacy: BrowserContext, customerId: string): Promise<void> {
  const { createPrivacyRequest } = await graphql<{ createPrivacyRequest: { id: string } }>(
    privacy,
    `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`,
    { input: { type: 'RESTRICTION', customerId, requesterName: 'Rauni Rajoittaja', receivedVia: 'LETTER', language: 'FI', signed: true } },
  );
  await graphql(privacy, `mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT, note: "Passi nähty" }) { status } }`, {
    id: createPrivacyRequest.id,
  });
}

/** The order page, loaded with its status actions. */
async function openOrder(page: Page, orderId: string, deliver: string): Promise<void> {
  await page.goto(`/orders/${orderId}`);
  await page.getByRole('button', { name: deliver }).waitFor();
}

test('[P1] the order form offers the VAT rates in force, and only those', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'sales');
  const { customerId } = await customerWithOpenOrder(context, `Alvinen${Date.now()}`);
  await page.goto(`/customers/${customerId}?tab=orders`);
  await page.getByRole('button', { name: 'Uusi tilaus' }).click();
  const select = page.getByTestId('order-line').first().getByLabel('ALV');
  await select.waitFor();
  const options = await select.locator('option').evaluateAll((all) => all.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
  expect(options.map(([value]) => value)).toEqual(['2550', '1400', '1350', '1000', '0']);
  expect(options.map(([, label]) => plain(label))).toEqual(['25,5 %', '14 %', '13,5 %', '10 %', '0 %']);
  // A new line starts at the general rate.
  expect(await select.inputValue()).toBe('2550');
  await context.close();
});

test('[P16] a restricted customer gets no new order or edit: the order page says so in Finnish and English', async () => {
  const sales = await newSession(browser);
  await signInToRegister(sales.page, 'sales');
  const privacy = await newSession(browser);
  await signInToRegister(privacy.page, 'privacy');
  const page = sales.page;

  // Finnish: the page was open before the restriction landed; the change is refused and explained.
  const fi = await customerWithOpenOrder(sales.context, `Rajoitettu${Date.now()}`);
  await openOrder(page, fi.orderId, 'Merkitse toimitetuksi');
  await restrict(privacy.context, fi.customerId);
  await page.getByRole('button', { name: 'Merkitse toimitetuksi' }).click();
  await expect.poll(async () => plain(await page.getByTestId('error').textContent())).toMatch(/käsittelyä on rajoitettu \(tietosuoja-asetuksen 18 artikla\)/);
  // Read again, the order says why it cannot change, and offers no change.
  await page.reload();
  await page.getByTestId('restricted-notice').waitFor();
  expect(plain(await page.getByTestId('restricted-notice').textContent())).toMatch(/Käsittelyä rajoitettu/);
  expect(await page.getByRole('button', { name: 'Merkitse toimitetuksi' }).count()).toBe(0);
  expect(plain(await page.getByTestId('order-status').textContent())).toMatch(/Avoin/);
  // Nor a new order from the customer's orders.
  await page.goto(`/customers/${fi.customerId}?tab=orders`);
  await page.getByTestId('restricted-notice').waitFor();
  expect(await page.getByRole('button', { name: 'Uusi tilaus' }).count()).toBe(0);

  // English, the same.
  await page.getByTestId('language-switch').click();
  const en = await customerWithOpenOrder(sales.context, `Restricted${Date.now()}`);
  await openOrder(page, en.orderId, 'Mark delivered');
  await restrict(privacy.context, en.customerId);
  await page.getByRole('button', { name: 'Mark delivered' }).click();
  await expect
    .poll(async () => plain(await page.getByTestId('error').textContent()))
    .toMatch(/Processing of this customer’s data is restricted \(GDPR Article 18\)/);
  await page.reload();
  await page.getByTestId('restricted-notice').waitFor();
  expect(plain(await page.getByTestId('restricted-notice').textContent())).toMatch(/Processing restricted/);
  expect(await page.getByRole('button', { name: 'Mark delivered' }).count()).toBe(0);

  await sales.context.close();
  await privacy.context.close();
});
