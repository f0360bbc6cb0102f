import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { graphql, launchBrowser, newSession, signIn, signInToRegister } from '../support/browser';

// Issue 16: each role lands on its own work, with what needs doing there; the desktop header is one row for everyone.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('each role lands on its own work and sees what needs doing there', async () => {
  const landings: [string, string, string][] = [
    ['privacy', '/requests', 'Pyynnöt'],
    ['marketing', '/campaigns', 'Kampanjat'],
    ['admin', '/users', 'Käyttäjät'],
    ['sales', '/customers', 'Asiakkaat'],
    ['service', '/customers', 'Asiakkaat'],
  ];
  for (const [user, path, heading] of landings) {
    const { context, page } = await newSession(browser);
    await signIn(page, user);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname, user).toBe(path);
    // Sales and service too: their card tells of the rows customer imports hold for a person (or that nothing waits).
    await page.getByTestId('work-card').getByRole('heading', { name: 'Työjono' }).waitFor();
    await context.close();
  }
});

test('the privacy officer’s card counts the requests due within 7 days; the admin’s the users without the commitment', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'privacy');
  const card = page.getByTestId('work-card');
  await card.locator('[data-testid="work-nothing"], [data-testid="work-due-soon"], [data-testid="work-overdue"]').first().waitFor();
  const dueSoon = async () =>
    Number(
      /\d+/.exec(
        (await card
          .getByTestId('work-due-soon')
          .textContent()
          .catch(() => '0')) ?? '0',
      )?.[0] ?? 0,
    );
  const before = (await card.getByTestId('work-due-soon').count()) ? await dueSoon() : 0;
  // A request received today is due in about a month; one received 25 days ago is due within the week.
  const customers = await graphql<{ customers: { edges: { node: { id: string } }[] } }>(context, `{ customers(first: 1) { edges { node { id } } } }`);
  const received = new Date(Date.now() - 25 * 86_400_000).toISOString();
  await graphql(context, `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
    input: {
      type: 'ACCESS',
      receivedVia: 'LETTER',
      language: 'FI',
      receivedAt: received,
      customerId: customers.customers.edges[0].node.id,
      requesterName: 'Kiira Kortelainen',
    },
  });
  await page.reload();
  await card.getByTestId('work-due-soon').waitFor();
  expect(await dueSoon()).toBe(before + 1);
  expect(await card.getByTestId('work-due-soon').textContent()).toMatch(/erääntyy 7 päivän sisällä/);
  await context.close();

  const admin = await newSession(browser);
  await signInToRegister(admin.page, 'admin');
  await admin.page.getByTestId('work-card').locator('[data-testid="work-nothing"], [data-testid="work-unacknowledged"]').first().waitFor();
  await admin.context.close();
});

test('the desktop header is one row at 1440 px for every role, the other pages under a button the keyboard opens and Escape closes', async () => {
  for (const user of ['admin', 'privacy', 'sales', 'service', 'marketing', 'partner']) {
    const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'fi-FI', viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signInToRegister(page, user);
    for (const language of ['fi', 'en']) {
      if (language === 'en') {
        await page.getByTestId('language-switch').click();
        await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
      }
      await page.locator('main h1').first().waitFor();
      // One row: every item of the header is centred on the same line.
      const tops = await page.locator('header.app-header').evaluate((e) =>
        Array.from(e.querySelectorAll('.app-name, .app-nav > a, .app-nav > .disclosure, .header-tools > *')).map((c) => {
          const box = c.getBoundingClientRect();
          return Math.round(box.top + box.height / 2);
        }),
      );
      expect(Math.max(...tops) - Math.min(...tops), `${user} ${language}: ${tops}`).toBeLessThan(12);
    }
    await context.close();
  }

  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'admin');
  const more = page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('button', { name: 'Lisää' });
  expect(await more.getAttribute('aria-expanded')).toBe('false');
  // The landing page's heading takes focus first (a navigation from the sign-in); then the keyboard goes to the button.
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  await more.focus();
  await page.keyboard.press('Enter');
  expect(await more.getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('A');
  await page.keyboard.press('Escape');
  expect(await more.getAttribute('aria-expanded')).toBe('false');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Lisää/);
  // The user's own menu: signing out.
  const account = page.getByTestId('user-name');
  await account.click();
  expect(await account.getAttribute('aria-expanded')).toBe('true');
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await page.getByLabel('Käyttäjätunnus', { exact: true }).waitFor();
  await context.close();
});
