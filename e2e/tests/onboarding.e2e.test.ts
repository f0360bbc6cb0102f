import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newSession, signIn, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('[P12] a new user must change the initial password and acknowledge confidentiality before seeing customers', async () => {
  // The admin creates the account in the UI and is shown the one-time password once.
  const admin = await newSession(browser);
  await signInToRegister(admin.page, 'admin');
  await admin.page.getByRole('link', { name: 'Käyttäjät' }).click();
  await admin.page.getByLabel('Käyttäjätunnus', { exact: true }).fill('uusi.palvelija');
  await admin.page.getByLabel('Nimi', { exact: true }).fill('Uusi Palvelija');
  await admin.page.getByLabel('Asiakaspalvelu', { exact: true }).check();
  await admin.page.getByRole('button', { name: 'Luo käyttäjä' }).click();
  const initialPassword = ((await admin.page.getByTestId('initial-password').textContent()) ?? '').trim();
  expect(initialPassword.length).toBeGreaterThanOrEqual(12);
  await expect.poll(() => admin.page.getByTestId('user-row-uusi.palvelija').count()).toBe(1);
  await admin.context.close();

  // The new person, in a browser of their own, is made to change the password first.
  const user = await newSession(browser);
  await signIn(user.page, 'uusi.palvelija', initialPassword);
  await user.page.getByRole('heading', { name: 'Vaihda salasana' }).waitFor();
  await user.page.getByLabel('Nykyinen salasana', { exact: true }).fill(initialPassword);
  await user.page.getByLabel('Uusi salasana', { exact: true }).fill('pitka-oma-salasana-42');
  await user.page.getByLabel('Uusi salasana uudelleen', { exact: true }).fill('pitka-oma-salasana-42');
  await user.page.getByRole('button', { name: 'Vaihda salasana' }).click();

  // Then the confidentiality commitment; going straight to the customers does not get past it.
  await user.page.getByRole('heading', { name: 'Vaitiolositoumus' }).waitFor();
  await user.page.goto('/customers');
  await user.page.getByRole('heading', { name: 'Vaitiolositoumus' }).waitFor();
  expect(await user.page.getByTestId('customer-table').count()).toBe(0);
  expect(await user.page.getByTestId('confidentiality-version').textContent()).toMatch(/^Versio \S+/);
  await user.page.getByRole('button', { name: /sitoudun noudattamaan/ }).click();

  // Only now the register.
  await user.page.getByRole('heading', { name: 'Asiakkaat' }).waitFor();
  await expect.poll(() => user.page.getByTestId('customer-row').count()).toBeGreaterThan(0);
  await user.context.close();
});
