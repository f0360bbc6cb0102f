import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followNavLink, graphql, launchBrowser, newSession, openMoreLinks, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A name no other test (or demo customer) has: letters only, so the name search finds it. */
function uniqueName(prefix: string): string {
  return (
    prefix +
    Date.now()
      .toString(36)
      .replace(/\d/g, (d) => 'abcdefghij'[Number(d)])
  );
}

/** Service staff take in a new customer of their own, so no other test file's data is touched. */
async function createCustomer(firstName: string, lastName: string): Promise<string> {
  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  const { createCustomer } = await graphql<{ createCustomer: { id: string } }>(
    service.context,
    `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
    { input: { firstName, lastName, city: 'Tampere', language: 'fi' } },
  );
  await service.context.close();
  return createCustomer.id;
}

/** The intake form: a request of `type` about the customer found by `search`. */
async function takeIn(page: Page, type: string, search: string, requester: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Pyynnöt', exact: true }).click();
  await page.getByRole('heading', { name: 'Pyynnöt', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Uusi pyyntö' }).click();
  await page.getByTestId('intake-form').waitFor();
  await page.getByLabel('Tyyppi', { exact: true }).selectOption({ label: type });
  await page.getByLabel('Miten saapui', { exact: true }).selectOption({ label: 'Kirje' });
  await page.getByLabel('Asiakas, jota pyyntö koskee').fill(search);
  await page.getByTestId('intake-customer').getByRole('button', { name: 'Hae', exact: true }).click();
  await page.getByTestId('intake-customer-option').first().click();
  expect(await page.getByTestId('intake-customer-chosen').textContent()).toContain(search);
  await page.getByLabel('Pyytäjän nimi', { exact: true }).fill(requester);
  await page.getByLabel('Pyyntö on allekirjoitettu').check();
  await page.getByRole('button', { name: 'Kirjaa pyyntö' }).click();
  await page.getByTestId('request-created').waitFor();
}

/** A privacy officer records how the requester was identified. */
async function verifyIdentity(page: Page): Promise<void> {
  await page.getByTestId('identity-notice').waitFor();
  await page.getByTestId('request-actions').getByRole('button', { name: 'Tarkista henkilöllisyys' }).click();
  await page.getByLabel('Tarkistustapa', { exact: true }).selectOption({ label: 'Henkilöllisyystodistus' });
  await page.getByTestId('verify-form').getByLabel('Lisätieto').fill('Passi nähty asiakaspalvelussa');
  await page.getByRole('button', { name: 'Kirjaa tarkistus' }).click();
  await expect.poll(async () => (await page.getByTestId('request-notice').textContent())?.trim()).toBe('Henkilöllisyys tarkistettu.');
  expect(await page.getByTestId('identity-notice').count()).toBe(0);
}

test('[P14] a privacy officer takes an access request from intake to the downloaded package', async () => {
  const firstName = 'Aino';
  const lastName = uniqueName('Tarkastaja');
  await createCustomer(firstName, lastName);

  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  await takeIn(page, 'Tarkastuspyyntö', lastName, `${firstName} ${lastName}`);
  expect(await page.getByTestId('request-status').textContent()).toContain('Vastaanotettu');
  expect(await page.getByTestId('request-customer').textContent()).toContain(lastName);
  // GDPR 12(3): about a month to answer, shown as days left.
  expect(await page.getByTestId('days-left').textContent()).toMatch(/^\d+ päivää$/);

  // Nothing is disclosed before the identity is verified.
  const prepare = page.getByRole('button', { name: 'Laadi tarkastuspaketti' });
  expect(await prepare.isDisabled()).toBe(true);
  await verifyIdentity(page);

  await prepare.click();
  await page.getByTestId('access-prepared').waitFor();
  await expect.poll(async () => (await page.getByTestId('request-status').textContent()) ?? '').toContain('Valmis');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('access-download-html').click()]);
  expect(download.suggestedFilename()).toMatch(/access-package\.html$/);
  const html = await readFile(await download.path(), 'utf8');
  expect(html).toContain(firstName);
  expect(html).toContain(lastName);

  // The machine-readable copy, from the same session.
  const jsonHref = await page.getByTestId('access-download-json').getAttribute('href');
  const json = await (await context.request.get(jsonHref ?? '')).text();
  expect(json).toContain(lastName);

  // Both are listed among the request's documents, and the timeline tells the story.
  expect(await page.getByTestId('document-row').count()).toBeGreaterThanOrEqual(2);
  const kinds = await page.getByTestId('timeline-event').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
  expect(kinds).toEqual(expect.arrayContaining(['CREATED', 'IDENTITY_VERIFIED', 'DOCUMENT']));
  await context.close();
});

test('[P10] an erasure blocked by an open invoice shows the hold in the plan', async () => {
  const lastName = uniqueName('Poistettava');
  const customerId = await createCustomer('Eero', lastName);

  // Sales sells and invoices; the invoice stays open.
  const sales = await newSession(browser);
  await signInToRegister(sales.page, 'sales');
  const { createOrder } = await graphql<{ createOrder: { id: string } }>(
    sales.context,
    `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }`,
    {
      input: {
        customerId,
        channel: 'STORE',
        channelDetail: 'Tampereen myymälä',
        lines: [{ sku: 'KUP-1', name: 'Kahvikuppi', quantity: 1, unitPriceCents: 1000, vatRateBasisPoints: 2550 }],
      },
    },
  );
  const { createInvoice } = await graphql<{ createInvoice: { status: string } }>(
    sales.context,
    `mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { status } }`,
    { input: { orderId: createOrder.id } },
  );
  expect(createInvoice.status).toBe('OPEN');
  await sales.context.close();

  // Customer service takes the erasure request in; it sees where it stands, not how it is worked.
  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  await takeIn(service.page, 'Poistopyyntö', lastName, `Eero ${lastName}`);
  const requestPath = new URL(service.page.url()).pathname;
  expect(await service.page.getByTestId('request-actions').count()).toBe(0);
  await service.context.close();

  // The privacy officer finds it in the queue, verifies the identity and plans the erasure.
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Pyynnöt', exact: true }).click();
  await page.getByLabel('Tyyppi', { exact: true }).selectOption({ label: 'Poistopyyntö' });
  const row = page.getByTestId('request-row').filter({ hasText: lastName });
  await row.waitFor();
  await row.getByRole('rowheader').getByRole('link').click();
  await page.waitForURL((url) => url.pathname === requestPath);

  const plan = page.getByRole('button', { name: 'Laadi suunnitelma' });
  expect(await plan.isDisabled()).toBe(true);
  await verifyIdentity(page);
  await plan.click();
  await page.getByTestId('erasure-plan').waitFor();

  // P10: the open invoice holds the person's identity and the invoice itself.
  const holds = page.locator('[data-testid="erasure-item"][data-action="HOLD"][data-reason="OPEN_INVOICE"]');
  expect(await holds.count()).toBeGreaterThanOrEqual(1);
  const holdText = (await holds.first().textContent()) ?? '';
  expect(holdText).toContain('Pidätetään');
  expect(holdText).toContain('Avoin lasku');
  expect(await holds.first().evaluate((tr) => tr.classList.contains('hold-row'))).toBe(true);
  const tables = await holds.evaluateAll((rows) => rows.map((tr) => tr.querySelector('th')?.textContent));
  expect(tables).toContain('Asiakkaan tunnistetiedot');
  expect(await page.getByTestId('request-status').textContent()).toContain('Odottaa päätöstä');
  await context.close();
});

test('[P8][P11] requests and recipients show only to the roles that read them; the paper original only to privacy officers', async () => {
  const navLinks = async (page: Page) => page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link').allTextContents();

  const marketing = await newSession(browser);
  await signInToRegister(marketing.page, 'marketing');
  expect(await navLinks(marketing.page)).not.toContain('Pyynnöt');
  expect(await navLinks(marketing.page)).not.toContain('Vastaanottajat');
  await marketing.context.close();

  // Customer service takes requests in, but never sees where the signed original is kept (P11).
  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  expect(await navLinks(service.page)).toContain('Pyynnöt');
  expect(await navLinks(service.page)).not.toContain('Vastaanottajat');
  await service.page.goto('/requests/new');
  await service.page.getByTestId('intake-form').waitFor();
  expect(await service.page.getByLabel('Paperialkuperäisen säilytyspaikka').count()).toBe(0);
  await service.context.close();

  const privacy = await newSession(browser);
  await signInToRegister(privacy.page, 'privacy');
  await privacy.page.goto('/requests/new');
  await privacy.page.getByTestId('intake-form').waitFor();
  expect(await privacy.page.getByLabel('Paperialkuperäisen säilytyspaikka').count()).toBe(1);
  await privacy.context.close();

  // The admin reads requests but does not take them in, and keeps the recipients registry (P8).
  const admin = await newSession(browser);
  await signInToRegister(admin.page, 'admin');
  await openMoreLinks(admin.page);
  expect(await navLinks(admin.page)).toEqual(expect.arrayContaining(['Pyynnöt', 'Vastaanottajat']));
  await admin.page.getByRole('link', { name: 'Pyynnöt', exact: true }).click();
  await admin.page.getByTestId('requests-total').waitFor();
  expect(await admin.page.getByRole('link', { name: 'Uusi pyyntö' }).count()).toBe(0);
  await followNavLink(admin.page, 'Vastaanottajat');
  await admin.page.getByTestId('new-recipient-form').waitFor();
  await admin.context.close();
});

test('[P17] a restriction stops others editing until a privacy officer lifts it, saying why', async () => {
  const lastName = uniqueName('Rajoitettu');
  const customerId = await createCustomer('Raili', lastName);
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  // The restriction request itself is worked through the queue; here it is set up directly.
  const { createPrivacyRequest } = await graphql<{ createPrivacyRequest: { id: string } }>(
    context,
    `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`,
    { input: { type: 'RESTRICTION', customerId, requesterName: `Raili ${lastName}`, receivedVia: 'EMAIL', language: 'FI', signed: false } },
  );
  await graphql(context, `mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`, { id: createPrivacyRequest.id });

  await page.goto(`/customers/${customerId}`);
  await page.getByTestId('customer-state-restricted').waitFor();
  await page.getByTestId('lift-restriction').click();
  await page.getByRole('button', { name: 'Poista rajoitus' }).click();
  // A reason is required.
  expect(await page.getByTestId('customer-state-restricted').count()).toBe(1);
  await page.getByLabel(/Peruste/).fill('Rekisteröity ilmoitti, ettei rajoitusta enää tarvita');
  await page.getByRole('button', { name: 'Poista rajoitus' }).click();
  await page.getByText('Käsittelyn rajoitus on poistettu.').waitFor();
  await expect.poll(() => page.getByTestId('customer-state-restricted').count()).toBe(0);
  await context.close();
});
