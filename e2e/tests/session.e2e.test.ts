import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../support/constants';
import { launchBrowser, newSession, signInToRegister } from '../support/browser';

// Issue 16: the idle session warns before it ends, a button keeps it, and a form the session ends under is kept
// for the same user and page, with the sign-in page saying why. The browser's clock is moved instead of waiting.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Signs in again on the sign-in form shown in place of the page (the address stays). */
async function signInAgain(page: Page, username: string): Promise<void> {
  await page.getByLabel('Käyttäjätunnus', { exact: true }).fill(username);
  await page.getByLabel('Salasana', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await page.getByTestId('user-name').waitFor();
}

async function startNewCustomer(page: Page, lastName: string): Promise<void> {
  await page.goto('/customers/new');
  await page.getByRole('heading', { name: 'Uusi asiakas' }).waitFor();
  await page.getByLabel('Etunimi', { exact: true }).fill('Iida');
  await page.getByLabel('Sukunimi', { exact: true }).fill(lastName);
}

test('a warning before the idle timeout keeps the session; at the timeout the form is kept and the sign-in page says why', async () => {
  const { context, page } = await newSession(browser);
  await page.clock.install();
  await signInToRegister(page, 'service');
  await startNewCustomer(page, 'Joutilas');

  // The server ends a session idle for 30 minutes; the web warns two minutes before (a minute's margin for the touch).
  await page.clock.fastForward('26:00');
  expect(await page.getByTestId('session-warning').count()).toBe(0);
  await page.clock.fastForward('01:30');
  const warning = page.getByTestId('session-warning');
  await warning.waitFor();
  expect(await warning.textContent()).toMatch(/kirjataan ulos/);
  await warning.getByRole('button', { name: 'Pysy kirjautuneena' }).click();
  await warning.waitFor({ state: 'detached' });
  await page.clock.fastForward('26:00');
  expect(await page.getByTestId('session-warning').count()).toBe(0);
  expect(await page.getByLabel('Sukunimi', { exact: true }).inputValue()).toBe('Joutilas');

  // Nobody answers: the session ends, the sign-in page says why, and the unsaved form comes back after signing in.
  await page.clock.fastForward('03:30');
  const ended = page.getByTestId('session-ended');
  await ended.waitFor();
  expect(await ended.textContent()).toMatch(/et käyttänyt rekisteriä 30 minuuttiin/);
  expect(await ended.textContent()).toMatch(/lomakkeesi palautetaan/);
  // The session is gone on the server too.
  const me = await context.request.post('/graphql', { data: { query: '{ me { user { id } } }' }, headers: { 'content-type': 'application/json' } });
  expect(((await me.json()) as { data: { me: unknown } }).data.me).toBeNull();

  await signInAgain(page, 'service');
  expect(new URL(page.url()).pathname).toBe('/customers/new');
  await page.getByTestId('draft-restored').waitFor();
  await expect.poll(() => page.getByLabel('Sukunimi', { exact: true }).inputValue()).toBe('Joutilas');
  expect(await page.getByLabel('Etunimi', { exact: true }).inputValue()).toBe('Iida');
  await context.close();
});

test('a session ended elsewhere keeps the form being saved, for the same user only', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'service');
  await startNewCustomer(page, 'Keskeytynyt');
  // The session ends on the server (as when it is signed out elsewhere or has expired) while the user types.
  await context.request.post('/graphql', { data: { query: 'mutation { logout }' }, headers: { 'content-type': 'application/json' } });
  await page.getByRole('button', { name: 'Luo asiakas' }).click();
  const ended = page.getByTestId('session-ended');
  await ended.waitFor();
  expect(await ended.textContent()).toMatch(/Istuntosi päättyi/);

  // Another user signing in on this browser does not get it.
  await signInAgain(page, 'sales');
  await page.getByRole('heading', { name: 'Uusi asiakas' }).waitFor();
  expect(await page.getByLabel('Sukunimi', { exact: true }).inputValue()).toBe('');
  expect(await page.getByTestId('draft-restored').count()).toBe(0);
  await context.close();
});
