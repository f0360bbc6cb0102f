import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A GraphQL call through the page's own session (test setup: customers of the test's own). */
function gqlOf(page: Page) {
  return (query: string, variables: Record<string, unknown> = {}) =>
    page.evaluate(
      async ({ query, variables }) => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        const body = await response.json();
        if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
        return body.data;
      },
      { query, variables },
    );
}

const tagNow = () => String(Date.now() % 10_000_000).padStart(7, '0');
const CREATE = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input, confirmDuplicates: true) { id customerNumber version } }';

test('[P6] a merged customer’s page offers no prohibition or note form, says why and leads to the kept customer', async () => {
  const { page } = await newSession(browser);
  await signInToRegister(page, 'service');
  const gql = gqlOf(page);
  const tag = tagNow();
  const kept = (await gql(CREATE, { input: { firstName: 'Pysyvä', lastName: `Kirjaamaton${tag}` } })).createCustomer;
  const gone = (await gql(CREATE, { input: { firstName: 'Poistuva', lastName: `Kirjaamaton${tag}` } })).createCustomer;
  await gql('mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }', {
    input: { keepId: kept.id, keepVersion: kept.version, mergeId: gone.id, mergeVersion: gone.version },
  });
  const why = `Yhdistettyyn asiakkaaseen ei enää kirjata mitään. Kiellot, muistiinpanot, tilaukset, laskut ja luovutukset kirjataan asiakkaalle ${kept.customerNumber}.`;

  await page.goto(new URL(`/customers/${gone.id}?tab=prohibitions`, page.url()).href);
  const prohibitions = page.getByTestId('merged-no-writes');
  await prohibitions.getByText(why).waitFor();
  expect(await page.getByTestId('record-prohibition').count()).toBe(0);
  expect(await page.getByRole('button', { name: /Kirjaa päivityskielto|Poista päivityskielto/ }).count()).toBe(0);

  await page.getByRole('tab', { name: 'Muistiinpanot' }).click();
  await page.getByTestId('customer-timeline').waitFor();
  await page.getByTestId('merged-no-writes').getByText(why).waitFor();
  expect(await page.getByTestId('note-form').count()).toBe(0);

  // The notice leads to the kept customer, whose forms are there as usual.
  await page.getByTestId('merged-no-writes').getByRole('link').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/customers/${kept.id}`);
  await page.getByTestId('note-form').waitFor();
  expect(await page.getByTestId('merged-no-writes').count()).toBe(0);
});

test('[P17] an anonymised customer reads "Anonymisoitu" in Finnish in the customer list and on their order’s page', async () => {
  const sales = await newSession(browser);
  await signInToRegister(sales.page, 'sales');
  const privacy = await newSession(browser);
  await signInToRegister(privacy.page, 'privacy');
  const tag = tagNow();
  const asSales = gqlOf(sales.page);
  const asPrivacy = gqlOf(privacy.page);
  const customer = (await asSales(CREATE, { input: { firstName: 'Unohdettava', lastName: `Henkilö${tag}`, email: `unohda.${tag}@example.fi` } }))
    .createCustomer;
  const order = (
    await asSales('mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }', {
      input: {
        customerId: customer.id,
        channel: 'STORE',
        lines: [{ sku: 'MUK-01', name: 'Muki', quantity: 1, unitPriceCents: 1000, vatRateBasisPoints: 2550 }],
      },
    })
  ).createOrder;
  const request = (
    await asPrivacy('mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }', {
      input: {
        type: 'ANONYMISATION',
        customerId: customer.id,
        requesterName: `Unohdettava Henkilö${tag}`,
        receivedVia: 'LETTER',
        language: 'FI',
        signed: true,
      },
    })
  ).createPrivacyRequest;
  await asPrivacy('mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: SIGNED_LETTER }) { status } }', { id: request.id });
  await asPrivacy('mutation ($id: UUID!) { planErasure(id: $id) { items { table } } }', { id: request.id });
  await asPrivacy('mutation ($id: UUID!) { executeErasure(id: $id) { request { status } } }', { id: request.id });
  const { page } = sales;

  // The order's page names its customer in the reader's language, never the stored placeholder.
  await page.goto(new URL(`/orders/${order.id}`, page.url()).href);
  const link = page.getByRole('link', { name: 'Anonymisoitu' });
  await link.waitFor();
  expect(await link.getAttribute('href')).toBe(`/customers/${customer.id}`);
  expect(await page.getByText('Anonymised').count()).toBe(0);

  // The customer list, searched by the number that remains.
  await page.goto(new URL(`/customers?q=${customer.customerNumber}`, page.url()).href);
  const row = page.getByTestId('customer-row').filter({ hasText: customer.customerNumber });
  await row.getByText('Anonymisoitu').first().waitFor();
  expect(await row.getByText('Anonymised').count()).toBe(0);
});

test('[P6] a note written while the record was merged into another is refused with where the person now is, and the text stays', async () => {
  const { page } = await newSession(browser);
  await signInToRegister(page, 'service');
  const gql = gqlOf(page);
  const tag = tagNow();
  const kept = (await gql(CREATE, { input: { firstName: 'Jäävä', lastName: `Kesken${tag}` } })).createCustomer;
  const gone = (await gql(CREATE, { input: { firstName: 'Lähtevä', lastName: `Kesken${tag}` } })).createCustomer;
  await page.goto(new URL(`/customers/${gone.id}?tab=notes`, page.url()).href);
  const form = page.getByTestId('note-form');
  await form.getByLabel('Teksti').fill('Soitti osoitteenmuutoksesta');
  // Someone else merges the record meanwhile.
  await gql('mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }', {
    input: { keepId: kept.id, keepVersion: kept.version, mergeId: gone.id, mergeVersion: gone.version },
  });
  await form.getByRole('button', { name: 'Tallenna' }).click();
  await form
    .getByText(
      `Tämä asiakastietue on yhdistetty toiseen, eikä sitä enää muuteta: tee muutos säilytettyyn asiakkaaseen. Säilytetyn asiakkaan numero: ${kept.customerNumber}.`,
    )
    .waitFor();
  expect(await form.getByLabel('Teksti').inputValue()).toBe('Soitti osoitteenmuutoksesta');
});
