import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fieldText, graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

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
async function createCustomer(input: { firstName: string; lastName: string; street?: string; email?: string }): Promise<string> {
  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  const { createCustomer } = await graphql<{ createCustomer: { id: string } }>(
    service.context,
    `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
    { input: { city: 'Tampere', language: 'fi', ...input } },
  );
  await service.context.close();
  return createCustomer.id;
}

/** A privacy officer records a request directly and verifies the requester's identity (setup only). */
async function verifiedRequest(context: BrowserContext, input: Record<string, unknown>): Promise<string> {
  const { createPrivacyRequest } = await graphql<{ createPrivacyRequest: { id: string } }>(
    context,
    `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`,
    { input: { receivedVia: 'LETTER', language: 'FI', signed: true, ...input } },
  );
  const { verifyIdentity } = await graphql<{ verifyIdentity: { identityVerified: boolean } }>(
    context,
    `mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT, note: "Passi nähty" }) { identityVerified } }`,
    { id: createPrivacyRequest.id },
  );
  expect(verifyIdentity.identityVerified).toBe(true);
  return createPrivacyRequest.id;
}

const statusText = async (row: Locator) => ((await row.getByRole('cell').last().textContent()) ?? '').trim();

test('[P16] a privacy officer approves one correction and refuses another; the recipient that got the field is to be told, and the refusal certificate is listed', async () => {
  const firstName = 'Oili';
  const lastName = uniqueName('Oikaisija');
  const oldStreet = 'Vanhakatu 1 A 2';
  const newStreet = 'Uusikatu 5 B 12';
  const oldEmail = `${lastName.toLowerCase()}@example.fi`;
  const newEmail = `${lastName.toLowerCase()}.uusi@example.fi`;
  const customerId = await createCustomer({ firstName, lastName, street: oldStreet, email: oldEmail });

  // The admin keeps the recipients registry (P8).
  const admin = await newSession(browser);
  await signInToRegister(admin.page, 'admin');
  const recipientName = uniqueName('Laskutuspalvelu');
  const { createRecipient } = await graphql<{ createRecipient: { id: string } }>(
    admin.context,
    `mutation ($input: RecipientInput!) { createRecipient(input: $input) { id } }`,
    { input: { name: recipientName, kind: 'INDEPENDENT_CONTROLLER', country: 'FI', bases: ['INVOICING'] } },
  );
  await admin.context.close();

  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  // The street (and only the street) went to the recipient for invoicing.
  await graphql(context, `mutation ($input: DiscloseInput!) { discloseCustomerData(input: $input) { disclosure { id } } }`, {
    input: { customerId, recipientId: createRecipient.id, basis: 'INVOICING', fields: ['street'] },
  });
  const requestId = await verifiedRequest(context, {
    type: 'RECTIFICATION',
    customerId,
    requesterName: `${firstName} ${lastName}`,
    items: [
      { field: 'street', proposedValue: newStreet, reason: 'Muutin' },
      { field: 'email', proposedValue: newEmail, reason: 'Vanha osoite ei toimi' },
    ],
  });

  await page.goto(`/requests/${requestId}`);
  const panel = page.getByTestId('rectification-panel');
  await panel.waitFor();
  // Each correction asked for beside the value now held.
  const headers = await page.getByTestId('rectification-items').getByRole('columnheader').allTextContents();
  expect(headers.indexOf('Pyydetty arvo')).toBe(headers.indexOf('Arvo pyynnön saapuessa') + 1);
  const streetItem = page.locator('[data-testid="rectification-item"][data-field="street"]');
  const emailItem = page.locator('[data-testid="rectification-item"][data-field="email"]');
  expect(((await streetItem.getByRole('rowheader').textContent()) ?? '').trim()).toBe('Katuosoite');
  expect(((await streetItem.getByRole('cell').nth(0).textContent()) ?? '').trim()).toBe(oldStreet);
  expect(((await streetItem.getByRole('cell').nth(1).textContent()) ?? '').trim()).toBe(newStreet);
  expect(((await emailItem.getByRole('rowheader').textContent()) ?? '').trim()).toBe('Sähköposti');
  expect(((await emailItem.getByRole('cell').nth(0).textContent()) ?? '').trim()).toBe(oldEmail);
  expect(((await emailItem.getByRole('cell').nth(1).textContent()) ?? '').trim()).toBe(newEmail);

  await streetItem.getByLabel('Hyväksy', { exact: true }).check();
  await emailItem.getByLabel('Hylkää', { exact: true }).check();
  const refusal = 'Osoite on vahvistettu asiakkaan omalla tilauksella';
  await emailItem.getByLabel('Hylkäämisen syy', { exact: true }).fill(refusal);
  await panel.getByRole('button', { name: 'Tallenna päätökset' }).click();
  await panel.getByText('Päätökset tallennettu.').waitFor();

  await expect.poll(async () => (await page.getByTestId('request-status').textContent()) ?? '').toContain('Osittain toteutettu');
  expect(await streetItem.textContent()).toContain('Hyväksytty');
  expect(await emailItem.textContent()).toContain('Hylätty');
  expect(await emailItem.textContent()).toContain(refusal);

  // GDPR 19: the recipient that got the street is to be told; nobody is told about the refused email.
  const notice = page.getByTestId('rectification-notice').filter({ hasText: recipientName });
  expect(await notice.count()).toBe(1);
  expect(await notice.getAttribute('data-status')).toBe('PENDING');
  const noticeCells = await notice.getByRole('cell').allTextContents();
  expect(noticeCells[0]).toBe('Katuosoite');
  expect(noticeCells[1]).toContain('Vastaanottaja');
  expect(noticeCells[2]).toContain('Odottaa');
  const noticeFields = await page.getByTestId('rectification-notice').evaluateAll((rows) => rows.map((tr) => tr.querySelector('td')?.textContent));
  expect(noticeFields).not.toContain('Sähköposti');

  // The refusal is answered with a certificate, listed among the documents.
  const certificate = page.locator('[data-testid="document-row"][data-kind="RECTIFICATION_CERTIFICATE"]');
  expect(await certificate.count()).toBe(1);
  expect(await certificate.textContent()).toContain('Todistus oikaisusta kieltäytymisestä');
  const certificateHref = await certificate.getByTestId('document-html').getAttribute('href');
  const certificateHtml = await (await context.request.get(certificateHref ?? '')).text();
  expect(certificateHtml).toContain(refusal);
  const kinds = await page.getByTestId('timeline-event').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
  expect(kinds).toEqual(expect.arrayContaining(['CREATED', 'IDENTITY_VERIFIED', 'DECIDED']));

  // The approved correction is on the customer at once; the refused one is not.
  await page.getByTestId('request-customer').getByRole('link').click();
  await page.waitForURL((url) => url.pathname === `/customers/${customerId}`);
  await page.getByTestId('field-street').waitFor();
  expect(await fieldText(page, 'street')).toBe(newStreet);
  expect(await fieldText(page, 'email')).toBe(oldEmail);
  // Where the corrected value came from (P7): the customer's own notice.
  expect(await page.getByTestId('provenance-street').textContent()).toContain('Asiakkaan ilmoitus');

  // Back on the request, the notice is marked sent.
  await page.goto(`/requests/${requestId}`);
  await notice.waitFor();
  await notice.getByRole('button', { name: 'Merkitse lähetetyksi' }).click();
  await expect.poll(() => notice.getAttribute('data-status')).toBe('SENT');
  expect((await notice.getByRole('cell').nth(2).textContent()) ?? '').toContain('Lähetetty');
  expect(await notice.getByRole('button', { name: 'Merkitse lähetetyksi' }).count()).toBe(0);
  await page.reload();
  await notice.waitFor();
  expect(await notice.getAttribute('data-status')).toBe('SENT');
  const after = await page.getByTestId('timeline-event').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
  expect(after).toContain('NOTICE');
  await context.close();
});

test('[P10] a privacy officer carries out an erasure after checking the plan; the customer is anonymised and the reply is listed', async () => {
  const lastName = uniqueName('Unohdettava');
  const customerId = await createCustomer({ firstName: 'Usva', lastName });

  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  const requestId = await verifiedRequest(context, { type: 'ERASURE', customerId, requesterName: `Usva ${lastName}` });

  await page.goto(`/requests/${requestId}`);
  const panel = page.getByTestId('erasure-panel');
  await panel.waitFor();
  await page.getByTestId('erasure-no-plan').waitFor();
  await panel.getByRole('button', { name: 'Laadi suunnitelma' }).click();
  await page.getByTestId('erasure-plan').waitFor();
  await expect.poll(async () => (await page.getByTestId('request-status').textContent()) ?? '').toContain('Odottaa päätöstä');

  // The plan: the identity is anonymised; nothing but the request itself is held (no orders, no invoices).
  const items = page.getByTestId('erasure-item');
  const identity = page
    .locator('[data-testid="erasure-item"][data-action="ANONYMISE"]')
    .filter({ has: page.getByRole('rowheader', { name: 'Asiakkaan tunnistetiedot' }) });
  expect(await identity.count()).toBe(1);
  const holds = page.locator('[data-testid="erasure-item"][data-action="HOLD"]');
  const heldTables = await holds.evaluateAll((rows) => rows.map((tr) => tr.querySelector('th')?.textContent));
  expect(heldTables).toEqual(['Tietosuojapyynnöt']);
  for (const row of await items.all()) expect(await statusText(row)).toBe('Suunniteltu');

  // Carried out only through the confirm step; cancelling does nothing.
  await panel.getByRole('button', { name: 'Toteuta…' }).click();
  const confirm = page.getByTestId('erasure-confirm');
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'Peruuta', exact: true }).click();
  await expect.poll(() => confirm.count()).toBe(0);
  for (const row of await items.all()) expect(await statusText(row)).toBe('Suunniteltu');
  await panel.getByRole('button', { name: 'Toteuta…' }).click();
  await confirm.waitFor();
  expect(await confirm.textContent()).toContain('Toteutetaanko suunnitelma?');
  await confirm.getByRole('button', { name: 'Kyllä, toteuta' }).click();
  await page.getByTestId('erasure-executed').waitFor();

  await expect.poll(async () => (await page.getByTestId('request-status').textContent()) ?? '').toContain('Valmis');
  const states = await Promise.all(
    (await items.all()).map(async (row) => [await row.getAttribute('data-action'), (await statusText(row)).replace(/\d.*$/, '').trim()]),
  );
  expect(states.length).toBeGreaterThanOrEqual(2);
  for (const [action, state] of states) expect(state).toBe(action === 'HOLD' ? 'Pidätetty' : 'Tehty');
  expect(await identity.getByRole('cell').last().textContent()).toMatch(/^Tehty/);
  // Nothing more to do: the plan cannot be made or carried out again.
  expect(await panel.getByRole('button', { name: 'Toteuta…' }).count()).toBe(0);
  expect(await panel.getByRole('button', { name: /Laadi suunnitelma/ }).count()).toBe(0);

  const reply = page.locator('[data-testid="document-row"][data-kind="ERASURE_REPLY"]');
  expect(await reply.count()).toBe(1);
  expect(await reply.textContent()).toContain('Vastaus poistopyyntöön');
  const replyHtml = await (await context.request.get((await reply.getByTestId('document-html').getAttribute('href')) ?? '')).text();
  expect(replyHtml).toContain(`Usva ${lastName}`);
  expect(replyHtml).toContain('Anonymisoitu');

  await page.goto(`/customers/${customerId}`);
  await page.getByTestId('customer-state-anonymised').waitFor();
  expect(await page.getByText(lastName).count()).toBe(0);
  await context.close();
});
