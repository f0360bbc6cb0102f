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
export async function newSession(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'fi-FI' });
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

/** Signs in a demo user who has nothing left to do first, and waits for the register. */
export async function signInToRegister(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await page.getByTestId('user-name').waitFor();
  await page.getByRole('navigation', { name: 'Päävalikko' }).waitFor();
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
