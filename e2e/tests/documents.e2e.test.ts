import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const uniqueName = (prefix: string) =>
  prefix +
  Date.now()
    .toString(36)
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]);

test('[P14] a privacy officer opens an access package in Finnish words and dates, and downloads its PDF', async () => {
  const lastName = uniqueName('Pörhönen');
  // Sales takes in a customer of this test's own, with an order in the web shop.
  const sales = await newSession(browser);
  await signInToRegister(sales.page, 'sales');
  const { createCustomer } = await graphql<{ createCustomer: { id: string } }>(
    sales.context,
    `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
    { input: { firstName: 'Äijä', lastName, city: 'Tampere', language: 'fi' } },
  );
  await graphql(sales.context, `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }`, {
    input: {
      customerId: createCustomer.id,
      channel: 'WEB_SHOP',
      lines: [{ sku: 'TEE-1', name: 'Vihreä tee', quantity: 2, unitPriceCents: 17061, vatRateBasisPoints: 2550 }],
    },
  });
  await graphql(sales.context, `mutation ($input: AddCustomerNoteInput!) { addCustomerNote(input: $input) { id } }`, {
    input: { customerId: createCustomer.id, kind: 'CONTACT', channel: 'PHONE', text: 'Soitti tilauksesta' },
  });
  // Sales opens the customer's page: the consultation log records the read with the purpose the web app sends.
  await sales.page.goto(`/customers/${createCustomer.id}`);
  await sales.page.getByRole('heading', { name: new RegExp(lastName) }).waitFor();
  await sales.context.close();

  // The privacy officer records the request and the identity check, then prepares the package on the request page.
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  const { createPrivacyRequest } = await graphql<{ createPrivacyRequest: { id: string } }>(
    context,
    `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`,
    { input: { type: 'ACCESS', customerId: createCustomer.id, requesterName: `Äijä ${lastName}`, receivedVia: 'LETTER', language: 'FI', signed: true } },
  );
  await graphql(context, `mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`, {
    id: createPrivacyRequest.id,
  });
  await page.goto(`/requests/${createPrivacyRequest.id}`);
  await page.getByRole('button', { name: 'Laadi tarkastuspaketti' }).click();
  await page.getByTestId('access-prepared').waitFor();
  await expect.poll(async () => (await page.getByTestId('request-status').textContent()) ?? '').toContain('Valmis');

  // The printable package, as downloaded, opened in the browser: labels and codes in Finnish, dates and euros the Finnish way.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('access-download-html').click()]);
  const html = await readFile(await download.path(), 'utf8');
  const reader = await context.newPage();
  await reader.setContent(html);
  const text = ((await reader.locator('body').textContent()) ?? '').replace(/\u00a0/g, ' ');
  expect(text).toMatch(/Etunimi\s*Äijä/);
  expect(text).toMatch(/Sukunimi\s*Pörhönen/);
  expect(text).toMatch(/Asiointikieli\s*suomi/);
  expect(text).toContain('Verkkokauppa');
  expect(text).toContain('428,23 €');
  expect(text).toMatch(/\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}/);
  expect(text).toMatch(/Tarkastuspyyntö[\s\S]*Valmis/);
  // The note's channel and the consultation's purpose in words too, not as the codes the register keeps.
  expect(text).toMatch(/Yhteydenotto \(puhelin\)/);
  expect(text).toMatch(/Myynti/);
  expect(text).not.toMatch(/firstName|WEB_SHOP|GMT|PHONE|\bsales\b|customer-service|privacy-request/);
  expect(await reader.getByRole('heading', { name: 'Rekisterinpitäjä ja yhteystiedot' }).count()).toBe(1);
  await reader.close();

  // The PDF beside it in the request's documents.
  const pdfLink = page.locator('[data-testid="document-row"][data-kind="ACCESS_PACKAGE_HTML"]').getByTestId('document-pdf');
  const [pdf] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
  expect(pdf.suggestedFilename()).toMatch(/access-package\.pdf$/);
  const bytes = await readFile(await pdf.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const response = await context.request.get((await pdfLink.getAttribute('href')) ?? '');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await context.close();
});
