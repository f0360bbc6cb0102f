import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followNavLink, launchBrowser, newSession, openMoreLinks, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the app starts in Finnish, switches to English and remembers the choice', async () => {
  const { context, page } = await newSession(browser);
  await page.goto('/');
  await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('fi');

  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('en');

  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();

  // Errors by code, in the chosen language.
  await page.getByLabel('Username', { exact: true }).fill('service');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  expect(await page.getByRole('alert').textContent()).toMatch(/Wrong username or password/);

  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
  await context.close();
});

test('the navigation follows the permission table', async () => {
  const admin = await newSession(browser);
  await signInToRegister(admin.page, 'admin');
  const adminNav = admin.page.getByRole('navigation', { name: 'Päävalikko' });
  expect(await adminNav.getByRole('link', { name: 'Käyttäjät' }).count()).toBe(1);
  // The audit log is under the "Lisää" list: in the navigation, shown when the list is opened.
  expect(await adminNav.locator('a[href="/audit"]').count()).toBe(1);
  await followNavLink(admin.page, 'Lokitapahtumat');
  await expect.poll(() => admin.page.getByTestId('audit-row').count()).toBeGreaterThan(0);
  // Opt-out lists: the admin reads them but does not import.
  await followNavLink(admin.page, 'Estolistat');
  await admin.page.getByRole('heading', { name: 'Estolistat' }).waitFor();
  await admin.page.locator('[data-testid="opt-out-table"], [data-testid="opt-out-lists-empty"]').first().waitFor();
  expect(await admin.page.getByRole('button', { name: 'Tuo lista' }).count()).toBe(0);
  await admin.context.close();

  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  const serviceNav = service.page.getByRole('navigation', { name: 'Päävalikko' });
  expect(await serviceNav.getByRole('link', { name: 'Käyttäjät' }).count()).toBe(0);
  expect(await serviceNav.getByRole('link', { name: 'Lokitapahtumat' }).count()).toBe(0);
  expect(await serviceNav.getByRole('link', { name: 'Estolistat' }).count()).toBe(0);
  await service.context.close();
});
