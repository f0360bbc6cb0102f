import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followNavLink, launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
let tmp: string;
beforeAll(async () => {
  browser = await launchBrowser();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rekisteri-e2e-address-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('[P7] service dry-runs an address-update file, applies it with progress and downloads the report', async () => {
  const { page } = await newSession(browser);
  await signInToRegister(page, 'service');
  // A customer of their own, made through the page's own session (the file names them by customer number): what earlier
  // browser tests did to the demo customers (prohibitions, erasures) cannot change this file's outcome.
  const tag = Date.now() % 100000;
  const customer = await page.evaluate(async (lastName) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { customerNumber firstName lastName } }',
        variables: { input: { firstName: 'Osoite', lastName, street: 'Vanhatie 1', postalCode: '00100', city: 'Helsinki' } },
      }),
    });
    const body = await response.json();
    return body.data.createCustomer as { customerNumber: string; firstName: string; lastName: string };
  }, `Muuttaja${tag}`);
  const street = `Muuttotie ${Date.now() % 100000}`;
  const file = path.join(tmp, 'osoitepalvelu.csv');
  await writeFile(
    file,
    [
      'asiakasnumero;etunimi;sukunimi;vanha katuosoite;vanha postinumero;vanha postitoimipaikka;uusi katuosoite;uusi postinumero;uusi postitoimipaikka;muuttopäivä;päivityskielto',
      `${customer.customerNumber};${customer.firstName};${customer.lastName};;;;${street};33100;Tampere;1.11.2026;0`,
      ';Ei;Ketään;Olematon 1;99999;Ei;Jokin 1;99998;Ei;;',
    ].join('\n'),
  );
  await followNavLink(page, 'Osoitepäivitykset');
  await page.getByRole('heading', { name: 'Osoitepäivitykset osoitepalvelusta' }).waitFor();
  await page.getByLabel('Tiedosto (CSV)', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Koeaja tiedosto' }).click();

  await page.getByRole('heading', { name: 'Koeajon tulos: mitään ei ole muutettu' }).waitFor();
  // The counts as the dry run settles them (the page follows the import's progress in PostgreSQL).
  await expect.poll(async () => (await page.getByTestId('count-UPDATE').textContent())?.trim(), { timeout: 30_000 }).toBe('1');
  await expect.poll(async () => (await page.getByTestId('count-NOT_FOUND').textContent())?.trim(), { timeout: 30_000 }).toBe('1');
  await page.getByTestId('address-update-rows').getByText(street, { exact: false }).waitFor();

  await page.getByRole('button', { name: 'Tee päivitykset' }).click();
  await page.getByRole('heading', { name: 'Päivitys tehty' }).waitFor();
  await expect.poll(() => page.getByTestId('address-update-progress').getAttribute('value')).toBe('100');
  const href = await page.getByTestId('address-update-report').getAttribute('href');
  const report = await page.evaluate(async (url) => (await fetch(url ?? '')).text(), href);
  expect(report).toMatch(/rivi;tulos;syy/);
  expect(report).toContain(street);
});

test('[P7] the update prohibition shows on the customer page, recorded and lifted with the channel', async () => {
  const { page } = await newSession(browser);
  await signInToRegister(page, 'service');
  await page.getByRole('heading', { name: 'Asiakkaat' }).waitFor();
  await page.getByTestId('customer-row').nth(5).getByRole('link').click();
  await page.getByTestId('field-customerNumber').waitFor();
  await page.getByRole('tab', { name: 'Kiellot' }).click();
  const state = page.getByTestId('update-prohibition-state');
  await expect.poll(() => state.textContent()).toMatch(/Ei päivityskieltoa/);
  await page.getByLabel('Miten ilmoitettu', { exact: true }).last().selectOption({ label: 'Kirje' });
  await page.getByRole('button', { name: 'Kirjaa päivityskielto' }).click();
  await expect.poll(() => state.textContent()).toMatch(/Osoitepäivitykset kielletty alkaen.*Kirje/);
  await page.getByRole('button', { name: 'Poista päivityskielto' }).click();
  await expect.poll(() => state.textContent()).toMatch(/Ei päivityskieltoa/);
});
