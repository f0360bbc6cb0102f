import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('[P2] the dashboard shows charts for sales and is absent for partner', async () => {
  const sales = await newSession(browser);
  await signInToRegister(sales.page, 'sales');
  await sales.page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Tilannekuva' }).click();
  await sales.page.getByRole('heading', { name: 'Tilannekuva' }).waitFor();
  for (const chart of ['by-source', 'by-city', 'new-per-month', 'orders-per-month', 'per-channel']) {
    await sales.page.getByTestId(`chart-${chart}`).waitFor();
  }
  // Drawn as SVG charts, with the numbers also as tables; the folding of small groups is explained.
  await sales.page.getByTestId('chart-by-source').locator('svg.recharts-surface').first().waitFor();
  expect(await sales.page.getByTestId('privacy-note').textContent()).toMatch(/alle 5 hengen ryhmät/);
  await sales.page.getByTestId('chart-per-channel').getByText('Näytä lukuina').click();
  expect(await sales.page.getByTestId('chart-per-channel').locator('tbody tr').count()).toBeGreaterThan(0);
  await sales.context.close();

  const partner = await newSession(browser);
  await signInToRegister(partner.page, 'partner');
  const nav = partner.page.getByRole('navigation', { name: 'Päävalikko' });
  expect(await nav.getByRole('link', { name: 'Tilannekuva' }).count()).toBe(0);
  await partner.page.goto('/dashboard');
  await partner.page.getByText('Sivua ei löytynyt.').waitFor();
  await partner.context.close();
});
