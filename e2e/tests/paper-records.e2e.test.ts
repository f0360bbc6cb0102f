import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followNavLink, graphql, launchBrowser, newSession, openMoreLinks, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('[P11] a privacy officer records paper material in locked storage and then its destruction, which is final', async () => {
  const description = `Allekirjoitettu sopimus ${Date.now()}`;
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  await followNavLink(page, 'Paperit');
  await page.getByTestId('paper-records-page').waitFor();

  await page.getByTestId('record-paper').click();
  const form = page.getByTestId('record-paper-form');
  // Every missing field is told at once.
  await form.getByRole('button', { name: 'Kirjaa paperi' }).click();
  await expect.poll(() => form.locator('.field-invalid').count()).toBe(3);

  await form.getByLabel('Laji').selectOption('CONTRACT');
  await form.getByLabel('Kuvaus').fill(description);
  await form.getByLabel('Säilytyspaikka (lukittu tila)').fill('Kassakaappi 1, hylly 2');
  await form.getByLabel('Hävitettävä viimeistään').fill('2030-12-31');
  await form.getByLabel('Hävitettävä viimeistään').press('Enter');
  await page.getByRole('status').filter({ hasText: 'Paperi kirjattu.' }).waitFor();

  await page.getByTestId('paper-state-HELD').click();
  const row = page.locator('tr', { hasText: description });
  await row.waitFor();
  await expect.poll(() => row.textContent()).toContain('Kassakaappi 1, hylly 2');
  await row.getByTestId('destroy-paper').click();
  const destroy = page.getByTestId('destroy-paper-form');
  await destroy.getByLabel('Hävitystapa').selectOption('DESTRUCTION_SERVICE');
  await destroy.getByRole('button', { name: 'Kirjaa hävitetyksi' }).click();
  await page.getByRole('status').filter({ hasText: 'Hävitys kirjattu.' }).waitFor();

  await page.getByTestId('paper-state-DESTROYED').click();
  const destroyed = page.locator('tr', { hasText: description });
  await expect.poll(() => destroyed.getByTestId('paper-destroyed').textContent()).toMatch(/Hävitetty .*Tietoturvajätepalvelu/);
  expect(await destroyed.getByTestId('destroy-paper').count()).toBe(0);

  const { paperRecords } = await graphql<{ paperRecords: { edges: Array<{ node: { description: string; destroyed: boolean; destructionMethod: string } }> } }>(
    context,
    `{ paperRecords(state: DESTROYED, first: 200) { edges { node { description destroyed destructionMethod } } } }`,
  );
  expect(paperRecords.edges.map((e) => e.node).find((n) => n.description === description)).toEqual({
    description,
    destroyed: true,
    destructionMethod: 'DESTRUCTION_SERVICE',
  });
  await context.close();
});

test('[P11] a sales user has no entry for paper material, and its page does not exist for them', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'sales');
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  await openMoreLinks(page).catch(() => undefined);
  expect(await nav.getByRole('link', { name: 'Paperit', exact: true }).count()).toBe(0);
  await page.goto('/paper-records');
  await page.getByText('Sivua ei löytynyt.').waitFor();
  expect(await page.getByTestId('paper-records-page').count()).toBe(0);
  await context.close();
});
