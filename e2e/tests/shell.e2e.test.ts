import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { followNavLink, launchBrowser, newSession, signIn, signInToRegister } from '../support/browser';

// Issue 16: the shell around every page: the skip link, the language button, focus on navigation, no internal words.
let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newSession(browser));
  await signInToRegister(page, 'admin');
});
afterAll(async () => {
  await browser?.close();
});

test('the skip link says what it does and the language button is named by its text', async () => {
  const skip = page.locator('a.skip-link');
  expect(await skip.textContent()).toBe('Siirry sisältöön');
  expect(await skip.getAttribute('href')).toBe('#main');
  const language = page.getByTestId('language-switch');
  const text = ((await language.textContent()) ?? '').trim();
  expect(text).toBe('In English');
  // Its accessible name is that text (WCAG 2.5.3: a voice user says what they see).
  await page.getByRole('button', { name: text, exact: true }).waitFor();
  expect(await language.getAttribute('aria-label')).toBeNull();
});

test('focus goes to the new page’s heading after a navigation', async () => {
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  await followNavLink(page, 'Vastaanottajat');
  await page.getByRole('heading', { name: 'Vastaanottajat', level: 1 }).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vastaanottajat');

  await nav.getByRole('link', { name: 'Pyynnöt' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Pyynnöt');
});

test('no promise codes of the privacy notice in what the user reads', async () => {
  for (const path of ['/recipients', '/requests', '/customers']) {
    await page.goto(path);
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('body').textContent(), path).not.toMatch(/\(P\d+(, P\d+)*\)/);
  }
});

test('a customer’s page shows no internal words: the record’s version number (kept for concurrent edits) is not a field', async () => {
  const sales = await newSession(browser);
  await signInToRegister(sales.page, 'sales');
  await sales.page.getByTestId('customer-row').first().getByRole('link').click();
  await sales.page.getByTestId('field-customerNumber').waitFor();
  expect(await sales.page.getByTestId('field-lastName').count()).toBe(1);
  expect(await sales.page.getByTestId('field-version').count()).toBe(0);
  expect(await sales.page.locator('main').textContent()).not.toMatch(/Versio\s*\d/);
  await sales.context.close();
});

test('on a phone (390 px) the navigation folds into a menu, the header stays low and nothing widens the page', async () => {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'fi-FI', viewport: { width: 390, height: 844 } });
  context.setDefaultTimeout(15_000);
  const phone = await context.newPage();
  await signIn(phone, 'privacy');
  await phone.getByTestId('user-name').waitFor({ state: 'attached' });
  const headerHeight = () => phone.locator('header.app-header').evaluate((e) => e.getBoundingClientRect().height);
  const pageWidth = () => phone.evaluate(() => document.documentElement.scrollWidth);
  await phone.locator('main h1').waitFor();
  expect(await headerHeight()).toBeLessThanOrEqual(64);
  expect(await pageWidth()).toBeLessThanOrEqual(390);

  const menu = phone.getByRole('button', { name: 'Valikko' });
  expect(await menu.getAttribute('aria-expanded')).toBe('false');
  await menu.click();
  expect(await menu.getAttribute('aria-expanded')).toBe('true');
  await phone.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Asiakkaat' }).click();
  await phone.getByRole('heading', { name: 'Asiakkaat', level: 1 }).waitFor();
  expect(await menu.getAttribute('aria-expanded')).toBe('false');
  expect(await headerHeight()).toBeLessThanOrEqual(64);
  await phone.getByTestId('customer-row').first().waitFor();
  expect(await pageWidth()).toBeLessThanOrEqual(390);

  // A customer's tabs: the page stays 390 px wide and the last tab can be reached.
  await phone.getByTestId('customer-row').first().getByRole('link').click();
  await phone.getByTestId('field-customerNumber').waitFor();
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  // The last tab of the tab list as it stands once the page has settled (a tab may still appear as the record loads).
  await expect
    .poll(async () => {
      const last = phone.getByRole('tab').last();
      if ((await last.getAttribute('aria-selected')) !== 'true') await last.click();
      return last.getAttribute('aria-selected');
    })
    .toBe('true');
  await context.close();
});
