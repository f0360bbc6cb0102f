import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newSession, signInToRegister } from '../support/browser';

// Issue 16: a failed submit shows every field's error at once and takes focus to the first; server errors say what happened.
let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newSession(browser));
  await signInToRegister(page, 'service');
});
afterAll(async () => {
  await browser?.close();
});

test('creating a customer with several bad fields shows every error at once, focus on the first', async () => {
  await page.goto('/customers/new');
  await page.getByRole('heading', { name: 'Uusi asiakas' }).waitFor();
  // Blanks pass the browser's own check of a required field; the server refuses them.
  await page.getByLabel('Etunimi', { exact: true }).fill('   ');
  await page.getByLabel('Sukunimi', { exact: true }).fill('   ');
  await page.getByLabel('Puhelin', { exact: true }).fill('12');
  await page.getByRole('button', { name: 'Luo asiakas' }).click();

  for (const id of ['create-firstName-error', 'create-lastName-error', 'create-phone-error']) {
    await page.getByTestId(id).waitFor();
  }
  expect(await page.getByTestId('create-firstName-error').textContent()).toMatch(/Etunimi puuttuu/);
  expect(await page.getByTestId('create-phone-error').textContent()).toMatch(/Puhelinnumero ei kelpaa/);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('create-firstName');

  // Fixing one field and submitting again keeps the others' errors, and focus goes to the first still wrong.
  await page.getByLabel('Etunimi', { exact: true }).fill('Testi');
  await page.getByRole('button', { name: 'Luo asiakas' }).click();
  await expect.poll(() => page.getByTestId('create-firstName-error').count()).toBe(0);
  for (const id of ['create-lastName-error', 'create-phone-error']) await page.getByTestId(id).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('create-lastName');
});

test('a server failure is told as one, with a labelled retry, and the navigation stays', async () => {
  let failing = true;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postData() ?? '';
    if (failing && body.includes('"operationName":"PrivacyRequests"')) {
      await route.fulfill({ status: 500, contentType: 'text/html', body: '<html>Internal Server Error</html>' });
    } else {
      await route.continue();
    }
  });
  await page.goto('/requests');
  const alert = page.getByTestId('error');
  await alert.waitFor();
  const text = (await alert.textContent()) ?? '';
  expect(text).toMatch(/Palvelimella tapahtui virhe/);
  expect(text).not.toMatch(/yhteyttä/);
  await page.getByRole('navigation', { name: 'Päävalikko' }).waitFor();
  failing = false;
  await alert.getByRole('button', { name: 'Yritä uudelleen' }).click();
  await expect.poll(() => page.getByTestId('error').count()).toBe(0);
  await page.unroute('**/graphql');
});
