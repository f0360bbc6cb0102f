import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
let tmp: string;
beforeAll(async () => {
  browser = await launchBrowser();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rekisteri-e2e-customer-import-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('[P7] service dry-runs a store list, applies it with progress, and merges a held duplicate into the customer', async () => {
  const { page } = await newSession(browser);
  await signInToRegister(page, 'service');
  const tag = String(Date.now() % 10_000_000).padStart(7, '0');
  // Customers of the test's own, made through the page's session: what other tests do to demo customers cannot change the outcome.
  const make = (input: Record<string, string>) =>
    page.evaluate(async (variables) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input, confirmDuplicates: true) { id customerNumber } }',
          variables: { input: variables },
        }),
      });
      const body = await response.json();
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data.createCustomer as { id: string; customerNumber: string };
    }, input);
  const known = await make({ firstName: 'Tuttu', lastName: `Listalla${tag}`, city: 'Espoo' });
  await make({ firstName: 'Puhe', lastName: `Linja${tag}`, phone: `+35840${tag}` });
  const file = path.join(tmp, 'myymala.csv');
  await writeFile(
    file,
    [
      'Asiakasnumero;Etunimi;Sukunimi;Sähköposti;Puhelin;Postitoimipaikka',
      `;Uusi;Asiakas${tag};uusi.${tag}@example.fi;;Helsinki`,
      `${known.customerNumber};Tuttu;Listalla${tag};;;Turku`,
      `;Puhe;Linja${tag};;040${tag};Oulu`,
    ].join('\n'),
  );
  await page.goto(new URL('/customer-import', page.url()).href);
  await page.getByRole('heading', { name: 'Asiakaslistan tuonti' }).waitFor();
  await page.getByLabel('Myymälän tai jälleenmyyjän nimi').fill('Myymälä Kamppi');
  await page.getByLabel('CSV-tiedosto').setInputFiles(file);
  // The Finnish headers are recognised in the mapping form.
  await expect.poll(() => page.getByLabel('Sähköposti', { exact: true }).inputValue()).toBe('Sähköposti');
  await page.getByRole('button', { name: 'Koeajo' }).click();

  await page.getByRole('heading', { name: 'Koeajo valmis – mitään ei ole vielä muutettu' }).waitFor();
  await expect.poll(async () => (await page.getByTestId('count-NEW').textContent())?.trim(), { timeout: 30_000 }).toBe('1');
  expect((await page.getByTestId('count-UPDATE').textContent())?.trim()).toBe('1');
  expect((await page.getByTestId('count-POSSIBLE_DUPLICATE').textContent())?.trim()).toBe('1');
  await page.getByLabel('Rivit').selectOption({ label: 'Mahdollinen kaksoiskappale' });
  await page.getByTestId('customer-import-rows').getByText('Toisella asiakkaalla on sama sähköposti tai puhelin').waitFor();

  await page.getByRole('button', { name: 'Vie lista' }).click();
  await page.getByRole('heading', { name: 'Lista viety' }).waitFor({ timeout: 30_000 });
  await expect.poll(() => page.getByTestId('customer-import-progress').getAttribute('value')).toBe('100');

  // Where service lands, the work card tells of rows held for a person, and leads to them.
  await page.goto(new URL('/customers', page.url()).href);
  const card = page.getByTestId('work-card').getByTestId('work-held-duplicates');
  await card.waitFor();
  expect(await card.textContent()).toMatch(/\d+ tuodun listan riv(i|iä) odotta(a|vat) päätöstä/);
  await card.getByRole('link').click();
  await page.getByRole('heading', { name: 'Asiakaslistan tuonti' }).waitFor();

  const held = page.getByTestId('held-duplicate').filter({ hasText: `Linja${tag}` });
  await held.waitFor();
  await held.getByRole('checkbox', { name: 'Ota tämä: Postitoimipaikka' }).check();
  await held.getByRole('button', { name: 'Yhdistä' }).click();
  await expect.poll(() => held.count()).toBe(0);
});

test('[P6] a merged customer’s page says which customer it was merged into, links there, and offers no edit', async () => {
  const { page } = await newSession(browser);
  await signInToRegister(page, 'service');
  const tag = String(Date.now() % 10_000_000).padStart(7, '0');
  const gql = (query: string, variables: Record<string, unknown>) =>
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
  const create = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input, confirmDuplicates: true) { id customerNumber version } }';
  const kept = (await gql(create, { input: { firstName: 'Pysyvä', lastName: `Yhdistetty${tag}` } })).createCustomer;
  const gone = (await gql(create, { input: { firstName: 'Poistuva', lastName: `Yhdistetty${tag}` } })).createCustomer;
  await gql('mutation ($input: MergeCustomersInput!) { mergeCustomers(input: $input) { id } }', {
    input: { keepId: kept.id, keepVersion: kept.version, mergeId: gone.id, mergeVersion: gone.version },
  });

  await page.goto(new URL(`/customers/${gone.id}`, page.url()).href);
  const notice = page.getByTestId('merged-into');
  await notice.getByText(`Asiakas on yhdistetty asiakkaaseen ${kept.customerNumber}`).waitFor();
  expect(await page.getByRole('button', { name: 'Muokkaa' }).count()).toBe(0);
  await notice.getByRole('link').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/customers/${kept.id}`);
  await page.getByRole('heading', { name: `Pysyvä Yhdistetty${tag}` }).waitFor();
  expect(await page.getByTestId('merged-into').count()).toBe(0);
  // The kept customer is edited as usual.
  await page.getByRole('button', { name: 'Muokkaa' }).waitFor();
});

test('[P6] service compares two records of one person field by field and merges them: the older number kept, the chosen field taken', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'service');
  const tag = String(Date.now() % 10_000_000).padStart(7, '0');
  const create = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input, confirmDuplicates: true) { id customerNumber } }';
  const older = (
    await graphql<{ createCustomer: { id: string; customerNumber: string } }>(context, create, {
      input: { firstName: 'Vanha', lastName: `Kahdesti${tag}`, email: `kahdesti.${tag}@example.fi`, city: 'Lahti' },
    })
  ).createCustomer;
  const newer = (
    await graphql<{ createCustomer: { id: string; customerNumber: string } }>(context, create, {
      input: { firstName: 'Vanha', lastName: `Kahdesti${tag}`, email: `kahdesti.${tag}@example.fi`, city: 'Kotka' },
    })
  ).createCustomer;

  // Opened with the newer record first: the page still keeps the older number.
  await page.goto(`/customer-merge?a=${newer.id}&b=${older.id}`);
  const merge = page.getByTestId('customer-merge');
  await merge.getByRole('heading', { name: 'Yhdistä asiakkaat' }).waitFor();
  expect(await merge.textContent()).toContain(`Vanhempi asiakasnumero ${older.customerNumber} säilyy`);
  await merge.getByRole('checkbox', { name: 'Ota tämä: Postitoimipaikka' }).check();
  await merge.getByRole('button', { name: 'Yhdistä asiakkaat' }).click();

  // The kept record, with the city taken from the other; the other leads to it.
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/customers/${older.id}`);
  await expect.poll(async () => (await page.getByTestId('field-city').textContent())?.trim()).toBe('Kotka');
  expect((await page.getByTestId('field-customerNumber').textContent())?.trim()).toBe(older.customerNumber);
  await page.goto(`/customers/${newer.id}`);
  await page.getByTestId('merged-into').getByText(`Asiakas on yhdistetty asiakkaaseen ${older.customerNumber}`).waitFor();
  await context.close();
});
