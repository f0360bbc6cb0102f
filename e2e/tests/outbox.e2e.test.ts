import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followNavLink, graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

// The e2e server has no SMTP_URL: every letter waits in the outbox to be printed and marked sent.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A time zone whose date differs from Helsinki's now and, if one does, for the next two minutes (the test takes
 * seconds). Honolulu is twelve hours behind Helsinki and Kiritimati twelve ahead, so at every moment one of them is
 * a day off; only in the minutes before Helsinki's midnight or noon does neither stay off for the whole window, and
 * the one off now is taken then (the test fails only if it runs across that very minute).
 */
function browserZoneOffTheCompanyDay(): string {
  const day = (zone: string, at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);
  const off = (zone: string, at: Date) => day(zone, at) !== day('Europe/Helsinki', at);
  const now = new Date();
  const zones = ['Pacific/Honolulu', 'Pacific/Kiritimati'];
  const later = new Date(now.getTime() + 2 * 60_000);
  return zones.find((z) => off(z, now) && off(z, later)) ?? (zones.find((z) => off(z, now)) as string);
}

const uniqueName = (prefix: string) =>
  prefix +
  Date.now()
    .toString(36)
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]);

test('[P14] a privacy officer marks a held answer sent by hand; the outbox shows it sent, in Finnish and English', async () => {
  // Service staff take in a customer of this test's own and the request; the privacy officer works it.
  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  const lastName = uniqueName('Kirjeinen');
  const { createCustomer } = await graphql<{ createCustomer: { id: string } }>(
    service.context,
    `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
    { input: { firstName: 'Liisa', lastName, street: 'Kirjekuja 2', postalCode: '33100', city: 'Tampere', language: 'fi' } },
  );
  const { createPrivacyRequest } = await graphql<{ createPrivacyRequest: { id: string } }>(
    service.context,
    `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`,
    { input: { type: 'ACCESS', customerId: createCustomer.id, requesterName: `Liisa ${lastName}`, receivedVia: 'LETTER', language: 'FI', signed: true } },
  );
  await service.context.close();
  // The browser keeps a calendar a day off the company's (Europe/Helsinki) at this hour, whatever the hour: the
  // form must offer the company's day, which the server takes, not the browser's.
  const { page, context } = await newSession(browser, { timezoneId: browserZoneOffTheCompanyDay() });
  await signInToRegister(page, 'privacy');
  const id = createPrivacyRequest.id;
  await graphql(context, `mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`, { id });
  await graphql(context, `mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { request { status } } }`, { id });

  await followNavLink(page, 'Lähtevät kirjeet');
  await page.getByRole('heading', { name: 'Lähtevät kirjeet' }).waitFor();
  const row = page.getByTestId('outbox-row').filter({ hasText: `Liisa ${lastName}` });
  await row.waitFor();
  expect(await row.getAttribute('data-status')).toBe('HELD');
  expect(await row.textContent()).toContain('Sähköposti ei ole käytössä');
  expect(await row.textContent()).toContain('33100 Tampere');

  await row.getByTestId('outbox-mark-sent').click();
  const form = page.getByTestId('mark-sent-form');
  await form.getByLabel('Huomautus').fill('Kirjattu kirje');
  await form.getByRole('button', { name: 'Merkitse lähetetyksi' }).click();
  // Sent: off the to-deliver tab, on the sent one, with who marked it.
  await row.waitFor({ state: 'detached' });
  await page.getByTestId('outbox-tab-SENT').click();
  const sent = page.getByTestId('outbox-row').filter({ hasText: `Liisa ${lastName}` });
  await sent.waitFor();
  expect(await sent.getAttribute('data-status')).toBe('SENT');
  expect(await sent.textContent()).toContain('merkitty lähetetyksi (privacy)');
  expect(await sent.textContent()).toContain('Kirjattu kirje');

  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { name: 'Outbox' }).waitFor();
  expect(await sent.textContent()).toContain('marked sent (privacy)');

  const { privacyRequest } = await graphql<{ privacyRequest: { answeredAt: string | null; awaitingDelivery: boolean } }>(
    context,
    `query ($id: UUID!) { privacyRequest(id: $id) { answeredAt awaitingDelivery } }`,
    { id },
  );
  expect(privacyRequest.awaitingDelivery).toBe(false);
  expect(privacyRequest.answeredAt).not.toBeNull();
  await context.close();
});

test('sales has no outbox', async () => {
  const { page, context } = await newSession(browser);
  await signInToRegister(page, 'sales');
  expect(await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Lähtevät kirjeet' }).count()).toBe(0);
  await page.goto('/outbox');
  await page.getByText('Sivua ei löytynyt.').waitFor();
  await context.close();
});
