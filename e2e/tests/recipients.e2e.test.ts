import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followNavLink, graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("[P16] an admin records where a recipient's notices go: language, contact e-mail and postal address", async () => {
  const name = `Perintätoimisto ${Date.now()} Oy`;
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'admin');
  await followNavLink(page, 'Vastaanottajat');
  const form = page.getByTestId('new-recipient-form');
  await form.waitFor();

  await form.getByLabel('Nimi', { exact: true }).fill(name);
  await form.getByLabel('Laskutus', { exact: true }).check();
  await form.getByLabel('Ilmoitusten kieli').selectOption('EN');
  // A malformed address is refused at the field, in the user's language.
  await form.getByLabel('Yhteyssähköposti').fill('ei osoite');
  await form.getByRole('button', { name: 'Tallenna vastaanottaja' }).click();
  await expect.poll(() => page.getByTestId('new-recipient-contactEmail-error').count()).toBe(1);

  await form.getByLabel('Yhteyssähköposti').fill('Tietosuoja@Perinta.example');
  await form.getByLabel('Postiosoite').fill('PL 9\n00100 Helsinki');
  await form.getByRole('button', { name: 'Tallenna vastaanottaja' }).click();
  await page.getByTestId('recipient-notice').waitFor();

  const row = page.getByTestId('recipient-row').filter({ hasText: name });
  await expect.poll(async () => row.getByTestId('recipient-notice-address').textContent()).toMatch(/englanti.*tietosuoja@perinta\.example/);

  const { recipients } = await graphql<{ recipients: Array<{ name: string; language: string; contactEmail: string; postalAddress: string }> }>(
    context,
    `{ recipients { name language contactEmail postalAddress } }`,
  );
  expect(recipients.find((r) => r.name === name)).toEqual({
    name,
    language: 'EN',
    contactEmail: 'tietosuoja@perinta.example',
    postalAddress: 'PL 9\n00100 Helsinki',
  });
  await context.close();
});
