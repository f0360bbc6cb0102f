import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { CHROMIUM_PATH, DEMO_PASSWORD } from './constants';

/** The system Chromium; the tests never download a browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (own cookies and storage) on the test server. */
export async function newSession(browser: Browser, options: { timezoneId?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'fi-FI', ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the login form (the app starts in Finnish). */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Käyttäjätunnus', { exact: true }).fill(username);
  await page.getByLabel('Salasana', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
}

/** Issue 16: the page each demo user lands on, their own work. */
export const LANDING: Record<string, string> = { privacy: '/requests', marketing: '/campaigns', admin: '/users' };

/**
 * Signs in a demo user who has nothing left to do first, and waits for the register at their landing page (issue 16:
 * each role lands on its own work; `landing` for a user who is not a demo user, `/customers` by default).
 */
export async function signInToRegister(page: Page, username: string, options: { landing?: string } = {}): Promise<void> {
  await signIn(page, username);
  await page.getByTestId('user-name').waitFor();
  await page.getByRole('navigation', { name: 'Päävalikko' }).waitFor();
  const landing = options.landing ?? LANDING[username] ?? '/customers';
  await page.waitForURL((url) => url.pathname === landing);
}

/**
 * Follows a link of the main navigation by its name; one of the pages beyond the daily work is under the
 * navigation's "Lisää" button, opened first (issue 16).
 */
export async function followNavLink(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  const link = nav.getByRole('link', { name, exact: true });
  // The menu's links are in the page while the menu is closed: what counts is whether the link can be seen. The list
  // closes when focus moves out of it, which a page still loading beneath it can do: then it is opened again.
  for (let attempt = 1; ; attempt++) {
    if (!(await link.isVisible())) await openMoreLinks(page);
    try {
      await link.click({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

/** Opens the navigation's "Lisää" list (the pages beyond the daily work). */
export async function openMoreLinks(page: Page): Promise<void> {
  const more = page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('button', { name: /^(Lisää|More)/ });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}

/** The text of a field on the customer detail page. */
export async function fieldText(page: Page, field: string): Promise<string> {
  return ((await page.getByTestId(`field-${field}`).textContent()) ?? '').trim();
}

/** Opens the first customer of the list and waits for their details. */
export async function openFirstCustomer(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Asiakkaat' }).waitFor();
  await page.getByTestId('customer-row').first().getByRole('link').click();
  await page.getByTestId('field-customerNumber').waitFor();
}

export async function totalCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('total-count').textContent()) ?? '';
  const match = /(\d+)/.exec(text);
  expect(match, `total count in "${text}"`).not.toBeNull();
  return Number(match![1]);
}

/** A GraphQL request with the session cookie of a signed-in browser context (for test setup). */
export async function graphql<T>(context: BrowserContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await context.request.post('/graphql', {
    data: { query, variables },
    headers: { 'content-type': 'application/json', 'x-purpose': 'customer-service' },
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}
