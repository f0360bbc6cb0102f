import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { followNavLink, launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A partner system's call: the token, no cookie. */
const asPartnerSystem = (secret: string) =>
  fetch(`${inject('baseUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: '{ partners { name } }' }),
  });

test('[P4] an admin creates a partner firm, issues it an API token (shown once) and revokes it', async () => {
  const name = `Asiakaspalvelukumppani ${Date.now()} Oy`;
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'admin');
  await followNavLink(page, 'Kumppanit');
  const form = page.getByTestId('new-partner-form');
  await form.waitFor();

  // A bad business ID is refused at its field, in Finnish.
  await form.getByLabel('Nimi', { exact: true }).fill(name);
  await form.getByLabel('Y-tunnus').fill('1234567-8');
  await form.getByLabel('Etunimi', { exact: true }).check();
  await form.getByLabel('Sähköposti', { exact: true }).check();
  await form.getByLabel('Käsittelysopimuksen päiväys').fill('2025-03-01');
  await form.getByRole('button', { name: 'Tallenna kumppani' }).click();
  await expect.poll(() => page.getByTestId('new-partner-businessId-error').count()).toBe(1);
  await form.getByLabel('Y-tunnus').fill('0112038-9');
  await form.getByRole('button', { name: 'Tallenna kumppani' }).click();
  await page.getByTestId('partner-notice').waitFor();

  const row = page.getByTestId('partner-row').filter({ hasText: name });
  await expect.poll(() => row.textContent()).toMatch(/Etunimi, Sähköposti/);
  await row.getByRole('button', { name: `Avaimet: ${name}` }).click();
  const tokens = page.locator('section.api-tokens');
  await tokens.getByLabel('Avaimen nimi').fill('CRM');
  await tokens.getByRole('button', { name: 'Luo avain' }).click();
  const secret = (await page.getByTestId('token-secret').textContent()) ?? '';
  expect(secret).toMatch(/^rkt_/);
  expect((await asPartnerSystem(secret)).status).toBe(200);

  // Once dismissed, the secret is nowhere on the page: the list shows only its first characters.
  await page.getByRole('button', { name: 'Olen tallentanut avaimen' }).click();
  await expect.poll(() => page.getByTestId('token-secret').count()).toBe(0);
  const tokenRow = tokens.getByTestId('token-row').filter({ hasText: 'CRM' });
  expect(await page.content()).not.toContain(secret);
  await expect.poll(() => tokenRow.getByTestId('token-status').textContent()).toBe('voimassa');

  page.once('dialog', (dialog) => void dialog.accept());
  await tokenRow.getByRole('button', { name: 'Mitätöi: CRM' }).click();
  await expect.poll(() => tokenRow.getByTestId('token-status').textContent()).toBe('mitätöity');
  expect((await asPartnerSystem(secret)).status).toBe(401);
  await context.close();
});
