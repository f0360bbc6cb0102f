import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

/** Issue 16: customers selected in the customer list kept off a campaign's list by hand. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CREATE = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id customerNumber } }';
const focused = (locator: import('playwright-core').Locator) => locator.evaluate((el) => el === document.activeElement);

test('[P15] marketing selects customers in the list, adds them to a campaign’s exclusions, and sees them on the campaign page', async () => {
  // Service enters two customers with a surname no one else has; marketing has a campaign of its own.
  const tag = Date.now().toString(36);
  const lastName = `Käsinpois${tag}`;
  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  const made: Array<{ id: string; customerNumber: string }> = [];
  for (const firstName of ['Aino', 'Eino']) {
    const { createCustomer } = await graphql<{ createCustomer: { id: string; customerNumber: string } }>(service.context, CREATE, {
      input: { firstName, lastName, email: `${firstName.toLowerCase()}.${tag}@example.fi`, city: 'Oulu' },
    });
    made.push(createCustomer);
  }
  await service.context.close();

  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'marketing');
  const name = `Käsin ${tag}`;
  const { createCampaign } = await graphql<{ createCampaign: { id: string } }>(
    context,
    'mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }',
    { i: { name, purpose: 'DIRECT_MARKETING', channel: 'EMAIL', segment: { cities: ['Oulu'] } } },
  );

  // Before: the campaign page says nobody is excluded by hand.
  await page.goto(`/campaigns/${createCampaign.id}`);
  await page.getByTestId('manual-exclusions-empty').waitFor();
  expect(await page.getByTestId('manual-exclusions-count').textContent()).toBe('0 asiakasta');

  // The two customers, selected with the keyboard.
  await page.goto(`/customers?q=${encodeURIComponent(lastName)}`);
  const rows = page.getByTestId('customer-row');
  await expect.poll(() => rows.count()).toBe(2);
  for (const i of [0, 1]) {
    await rows.nth(i).getByTestId('select-row').focus();
    await page.keyboard.press('Space');
  }
  await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('2 asiakasta valittu');

  const open = page.getByTestId('bulk-exclusion-open');
  await open.focus();
  await page.keyboard.press('Enter');
  const form = page.getByTestId('bulk-exclusion');
  await form.getByRole('heading', { name: 'Lisää 2 asiakasta kampanjan poissuljettaviin' }).waitFor();
  expect(await focused(form.getByRole('heading', { level: 3 }))).toBe(true);

  // Going on without a campaign names the field; then choose it and confirm.
  await form.getByRole('button', { name: 'Jatka' }).click();
  await form.getByText('Valitse kampanja.').waitFor();
  const campaign = form.getByLabel('Kampanja', { exact: true });
  expect(await focused(campaign)).toBe(true);
  await campaign.selectOption({ label: `${name} (Sähköposti)` });
  await form.getByLabel('Huomautus (vapaaehtoinen)').fill('Pyysivät messuilla');
  await page.keyboard.press('Enter');
  await form.getByTestId('bulk-exclusion-confirm').waitFor();
  expect(await form.getByTestId('bulk-exclusion-confirm').textContent()).toContain(`Lisätäänkö 2 asiakasta kampanjan ”${name}” poissuljettaviin?`);
  const confirm = form.getByRole('button', { name: 'Lisää poissuljettaviin' });
  expect(await focused(confirm)).toBe(true);
  await page.keyboard.press('Enter');
  const summary = form.getByTestId('bulk-exclusion-summary');
  await expect.poll(() => summary.textContent()).toBe('2 asiakasta lisättiin.');
  expect(await focused(summary)).toBe(true);

  // Once more: nothing new, and the message says so.
  await form.getByRole('button', { name: 'Sulje' }).click();
  await open.click();
  await form.getByLabel('Kampanja', { exact: true }).selectOption({ label: `${name} (Sähköposti)` });
  await form.getByRole('button', { name: 'Jatka' }).click();
  await form.getByRole('button', { name: 'Lisää poissuljettaviin' }).click();
  await expect.poll(() => summary.textContent()).toBe('0 asiakasta lisättiin, 2 oli jo poissuljettu.');

  // The campaign page lists them, with who added them and why.
  await form.getByTestId('bulk-exclusion-show').click();
  await page.waitForURL((url) => url.pathname === `/campaigns/${createCampaign.id}`);
  const listed = page.getByTestId('manual-exclusion-row');
  await expect.poll(() => listed.count()).toBe(2);
  expect((await listed.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-customer-number')))).sort()).toEqual(
    made.map((c) => c.customerNumber).sort(),
  );
  expect(await listed.first().textContent()).toContain('marketing');
  expect(await listed.first().textContent()).toContain('Pyysivät messuilla');
  expect(await page.getByTestId('manual-exclusions-count').textContent()).toBe('2 asiakasta');

  // Taking one off asks first; Cancel keeps it, and the focus returns to its button.
  const first = listed.first();
  const firstNumber = await first.getAttribute('data-customer-number');
  await first.getByTestId('manual-exclusion-remove').click();
  await page.getByTestId('manual-exclusion-confirm').waitFor();
  expect(await focused(page.getByTestId('manual-exclusion-confirm-remove'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('manual-exclusion-confirm').count()).toBe(0);
  expect(await focused(first.getByTestId('manual-exclusion-remove'))).toBe(true);
  await page.keyboard.press('Enter');
  await page.getByTestId('manual-exclusion-confirm-remove').click();
  await expect.poll(() => page.getByTestId('manual-exclusion-removed').textContent()).toMatch(new RegExp(`^${firstNumber} .* poistettiin poissuljetuista\\.$`));
  await expect.poll(() => listed.count()).toBe(1);
  expect(await page.getByTestId('manual-exclusions-count').textContent()).toBe('1 asiakas');
  await context.close();
});

test('[P15] without a campaign to change, the action says so and offers a new campaign', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'marketing');
  // Every campaign but archived ones may be changed: answer the campaign list with archived ones only.
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (body?.operationName !== 'ExclusionCampaigns') return route.continue();
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ data: { campaigns: [{ __typename: 'Campaign', id: crypto.randomUUID(), name: 'Vanha', status: 'ARCHIVED', channel: 'EMAIL' }] } }),
    });
  });
  await page.goto('/customers');
  const rows = page.getByTestId('customer-row');
  // The list as the page shows it, however long it takes under load (expect.poll gives up after a second).
  await rows.first().waitFor();
  await rows.first().getByTestId('select-row').check();
  await page.getByTestId('bulk-exclusion-open').click();
  const empty = page.getByTestId('bulk-exclusion-no-campaigns');
  await empty.waitFor();
  expect(await empty.textContent()).toContain('Ei kampanjoita, joita saat muuttaa');
  await empty.getByRole('link', { name: 'Uusi kampanja' }).waitFor();
  expect(await page.getByTestId('bulk-exclusion').getByRole('button', { name: 'Jatka' }).count()).toBe(0);
  await context.close();
});
