import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followNavLink, launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
let tmp: string;
beforeAll(async () => {
  browser = await launchBrowser();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rekisteri-e2e-csv-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A customer no other test file touches (they use the first), opened on its detail page. */
async function openCustomer(page: Page, index: number): Promise<string> {
  await page.getByRole('heading', { name: 'Asiakkaat' }).waitFor();
  await page.getByTestId('customer-row').nth(index).getByRole('link').click();
  await page.getByTestId('field-customerNumber').waitFor();
  return new URL(page.url()).pathname;
}

test('[P15] service records a direct-marketing prohibition and it shows at once', async () => {
  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  const customerPath = await openCustomer(service.page, 3);
  const page = service.page;
  expect(await page.getByTestId('prohibition-marker').count()).toBe(0);

  await page.getByRole('tab', { name: 'Kiellot' }).click();
  await page.getByTestId('prohibitions-empty').waitFor();
  // No page load from here on: the panel and the marker change from the mutation's answer.
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

  await page.getByTestId('record-prohibition').getByLabel('Kielto', { exact: true }).selectOption({ label: 'Suoramarkkinointikielto' });
  await page.getByTestId('record-prohibition').getByLabel('Kanava', { exact: true }).selectOption({ label: 'kaikki kanavat' });
  await page.getByTestId('record-prohibition').getByLabel('Miten ilmoitettu', { exact: true }).selectOption({ label: 'Puhelin' });
  await page.getByTestId('record-prohibition').getByLabel('Lisätieto', { exact: true }).fill('Soitti asiakaspalveluun');
  await page.getByTestId('record-prohibition').getByRole('button', { name: 'Kirjaa kielto' }).click();

  await page.getByTestId('prohibition-notice').waitFor();
  const row = page.getByTestId('prohibition-DIRECT_MARKETING-ALL');
  await row.waitFor();
  const rowText = (await row.textContent()) ?? '';
  expect(rowText).toContain('Suoramarkkinointikielto');
  expect(rowText).toContain('kaikki kanavat');
  expect(rowText).toContain('Puhelin');
  expect(rowText).toContain('service');
  expect(rowText).toContain('Soitti asiakaspalveluun');
  const marker = page.getByTestId('prohibition-marker');
  expect(await marker.textContent()).toContain('Suoramarkkinointikielto');
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);

  // The ledger, opened from the keyboard.
  await page.getByText('Kieltohistoria').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('prohibition-history-row').count()).toBe(1);
  expect(await page.getByTestId('prohibition-history-row').textContent()).toContain('Kielto kirjattu');
  await service.context.close();

  // Marketing must respect it: the marker and the prohibition, but no way to change it.
  const marketing = await newSession(browser);
  await signInToRegister(marketing.page, 'marketing');
  await marketing.page.goto(customerPath);
  await marketing.page.getByTestId('prohibition-marker').waitFor();
  expect(await marketing.page.getByTestId('prohibition-marker').textContent()).toContain('Suoramarkkinointikielto');
  await marketing.page.getByRole('tab', { name: 'Kiellot' }).click();
  await marketing.page.getByTestId('prohibition-DIRECT_MARKETING-ALL').waitFor();
  expect(await marketing.page.getByTestId('record-prohibition').count()).toBe(0);
  expect(await marketing.page.getByRole('button', { name: /Poista/ }).count()).toBe(0);
  await marketing.context.close();
});

test('[P15] a prohibition is lifted only with how the customer told us', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  await page.goto('/customers');
  await openCustomer(page, 4);
  await page.getByRole('tab', { name: 'Kiellot' }).click();
  await page.getByTestId('record-prohibition').getByLabel('Kielto', { exact: true }).selectOption({ label: 'Profilointikielto' });
  await page.getByTestId('record-prohibition').getByLabel('Kanava', { exact: true }).selectOption({ label: 'sähköposti' });
  await page.getByTestId('record-prohibition').getByLabel('Miten ilmoitettu', { exact: true }).selectOption({ label: 'Verkkolomake' });
  await page.getByTestId('record-prohibition').getByRole('button', { name: 'Kirjaa kielto' }).click();
  await page.getByTestId('prohibition-PROFILING-EMAIL').waitFor();
  expect(await page.getByTestId('prohibition-marker').textContent()).toMatch(/Profilointikielto · sähköposti/);

  await page.getByRole('button', { name: 'Poista profilointikielto (sähköposti)' }).click();
  const lift = page.getByTestId('lift-PROFILING-EMAIL');
  // The via is asked for and has no default; the select has the focus.
  expect(await lift.getByLabel('Miten ilmoitettu').evaluate((el) => el === document.activeElement)).toBe(true);
  await lift.getByLabel('Miten ilmoitettu').selectOption({ label: 'Kirje' });
  await lift.getByLabel('Lisätieto').fill('Asiakas haluaa taas uutiskirjeen');
  await lift.getByRole('button', { name: 'Poista kielto' }).click();

  await page.getByTestId('prohibitions-empty').waitFor();
  expect(await page.getByTestId('prohibition-notice').textContent()).toContain('poistettu');
  expect(await page.getByTestId('prohibition-marker').count()).toBe(0);
  await page.getByText('Kieltohistoria').click();
  await expect.poll(() => page.getByTestId('prohibition-history-row').count()).toBe(2);
  expect(await page.getByTestId('prohibition-history-row').first().textContent()).toContain('Kielto poistettu');
  await context.close();
});

test('[P15] marketing imports an opt-out list file: rows taken, lines skipped by number and reason', async () => {
  const file = path.join(tmp, 'asml-puhelin.csv');
  await writeFile(
    file,
    [
      'nimi;katuosoite;postinumero;puhelin',
      'Aino Mäkinen;Kauppakatu 1, B 12;00100;040 123 4567',
      'Pekka Virtanen;Rantatie 5 B;33100;',
      ';;;+358 50 765 4321',
      ';;;123',
    ].join('\n'),
  );
  const name = `ASML puhelinmarkkinointi ${Date.now()}`;
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'marketing');
  await followNavLink(page, 'Estolistat');
  await page.getByRole('heading', { name: 'Estolistat' }).waitFor();

  await page.getByLabel('CSV-tiedosto', { exact: true }).setInputFiles(file);
  await page.getByTestId('file-note').waitFor();
  await page.getByLabel('Nimi', { exact: true }).fill(name);
  await page.getByLabel('Kanava', { exact: true }).selectOption({ label: 'puhelin' });
  await page.getByLabel('Voimassa alkaen', { exact: true }).fill('2025-06-01');
  await page.getByLabel('Voimassa asti', { exact: true }).fill('2025-12-31');
  await page.getByRole('button', { name: 'Tuo lista' }).click();

  const result = page.getByTestId('import-result');
  await result.waitFor();
  expect(await result.textContent()).toContain(`${name}” tuotu: 3 riviä`);
  const skipped = page.getByTestId('skipped-line');
  await expect.poll(() => skipped.count()).toBe(1);
  expect(await skipped.first().textContent()).toMatch(/5.*Puhelinnumero ei kelpaa.*puhelin/);
  const row = page.getByTestId('opt-out-row').filter({ hasText: name });
  await row.waitFor();
  expect((await row.getByTestId('opt-out-row-count').textContent())?.trim()).toBe('3');
  expect(await row.textContent()).toContain('puhelin');

  // An older list cannot replace the one in force: said beside the start date, before the file is sent.
  const csv = (text: string) => ({ name: 'lista.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'latin1') });
  await page.getByLabel('Nimi', { exact: true }).fill(name);
  await page.getByLabel('Voimassa alkaen', { exact: true }).fill('2025-01-01');
  await page.getByLabel('CSV-tiedosto', { exact: true }).setInputFiles(csv('puhelin\n0401112222'));
  await page.getByRole('button', { name: 'Tuo lista' }).click();
  await page.getByTestId('opt-out-validFrom-error').waitFor();
  expect(await page.getByLabel('Voimassa alkaen', { exact: true }).getAttribute('aria-invalid')).toBe('true');

  // A CSV without the columns is explained beside the file.
  await page.getByLabel('Voimassa alkaen', { exact: true }).fill('2026-01-01');
  await page.getByLabel('CSV-tiedosto', { exact: true }).setInputFiles(csv('etunimi,kaupunki\nAino,Helsinki'));
  await page.getByRole('button', { name: 'Tuo lista' }).click();
  await page.getByTestId('opt-out-csv-error').waitFor();
  expect(await page.getByTestId('opt-out-csv-error').textContent()).toMatch(/puhelin-sarake/);

  // A Windows-1252 file is refused with its line unless the encoding is chosen; then it is read.
  await page.getByLabel('CSV-tiedosto', { exact: true }).setInputFiles(csv('nimi;katuosoite;postinumero\nMäkinen Aino;Kylätie 2;33100'));
  await page.getByRole('button', { name: 'Tuo lista' }).click();
  await expect.poll(async () => page.getByTestId('opt-out-csv-error').textContent()).toMatch(/Rivi 2 ei ole UTF-8/);
  await page.getByLabel('Merkistö', { exact: true }).selectOption('windows-1252');
  await page.getByRole('button', { name: 'Tuo lista' }).click();
  await expect.poll(async () => page.getByTestId('import-result').textContent()).toContain('tuotu: 1 riviä');
  await context.close();
});
