import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followNavLink, launchBrowser, newSession, signInToRegister } from '../support/browser';

// The server shows e2e/support/compliance-report.json (global-setup.ts): P1 proven, P10 failing, P18 not proven.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the privacy officer sees each promise with its status, its tests per run and its modules, in Finnish and English', async () => {
  const { page, context } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  await followNavLink(page, 'Lupausten todisteet');
  await page.getByRole('heading', { name: 'Tietosuojaselosteen lupaukset ja niiden todisteet' }).waitFor();

  const promises = page.getByTestId('compliance-promise');
  await promises.first().waitFor();
  expect(await promises.count()).toBe(3);
  const p10 = page.getByRole('region', { name: /^P10/ });
  expect(await p10.getByTestId('promise-status').textContent()).toBe('Testi epäonnistuu');
  expect(await p10.getByText('server/requests').count()).toBe(1);
  // A failing promise's tests are open, each run's outcome shown.
  const failed = p10.getByTestId('compliance-test');
  await failed.waitFor();
  expect(await failed.textContent()).toContain('postgresql: epäonnistui');
  expect(await failed.textContent()).toContain('embedded: läpi');
  await page.getByRole('region', { name: /^P18/ }).getByText('Mikään testi ei nimeä tätä lupausta').waitFor();
  expect(await page.getByTestId('compliance-summary').textContent()).toContain('Todistettu: 1');

  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { name: 'The promises of the privacy notice and their proof' }).waitFor();
  expect(await p10.getByTestId('promise-status').textContent()).toBe('Failing');
  expect(await failed.textContent()).toContain('postgresql: failed');
  expect(await page.getByRole('region', { name: /^P1 / }).getByTestId('promise-status').textContent()).toBe('Proven');
  await context.close();
});

test('sales has no compliance page', async () => {
  const { page, context } = await newSession(browser);
  await signInToRegister(page, 'sales');
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  expect(await nav.getByRole('link', { name: 'Lupausten todisteet' }).count()).toBe(0);
  await page.goto('/compliance');
  await page.getByText('Sivua ei löytynyt.').waitFor();
  await context.close();
});
