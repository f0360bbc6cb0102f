import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fieldText, launchBrowser, newSession, openFirstCustomer, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a control character pasted into a customer field is explained beside that field, and nothing is saved', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'service');
  await openFirstCustomer(page);
  const city = await fieldText(page, 'city');

  await page.getByRole('button', { name: 'Muokkaa' }).click();
  await page.getByLabel('Postitoimipaikka', { exact: true }).fill('Kuo\u0007pio');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  const error = page.getByTestId('edit-city-error');
  await error.waitFor();
  expect(await error.textContent()).toMatch(/ohjausmerkki/);
  expect(await page.getByLabel('Postitoimipaikka', { exact: true }).getAttribute('aria-invalid')).toBe('true');

  await page.reload();
  await page.getByTestId('field-city').waitFor();
  expect(await fieldText(page, 'city')).toBe(city);
  await context.close();
});
