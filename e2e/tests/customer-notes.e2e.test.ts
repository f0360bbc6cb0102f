import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a sales user adds a note on a customer and sees it at the top of the timeline, the order below it', async () => {
  const tag = Date.now();
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'sales');
  const { createCustomer } = await graphql<{ createCustomer: { id: string } }>(
    context,
    `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
    { input: { firstName: 'Aikajana', lastName: `Testi${tag}`, email: `aikajana.${tag}@example.fi` } },
  );
  const { createOrder } = await graphql<{ createOrder: { orderNumber: string } }>(
    context,
    `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { orderNumber } }`,
    {
      input: {
        customerId: createCustomer.id,
        channel: 'STORE',
        orderedAt: new Date(Date.now() - 86_400_000).toISOString(),
        lines: [{ sku: 'TEA-1', name: 'Vihreä tee', quantity: 1, unitPriceCents: 1000, vatRateBasisPoints: 2550 }],
      },
    },
  );

  await page.goto(`/customers/${createCustomer.id}?tab=notes`);
  const timeline = page.getByTestId('customer-timeline');
  await timeline.waitFor();
  const form = page.getByTestId('note-form');
  // An empty contact is refused at both its fields at once, before anything is sent.
  await form.getByLabel('Yhteydenotto').check();
  await form.getByRole('button', { name: 'Tallenna' }).click();
  await expect.poll(() => form.locator('.field-invalid').count()).toBe(2);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('note-channel');

  await form.getByLabel('Muistiinpano').check();
  const text = `Soitti toimitusajasta ${tag}`;
  await form.getByLabel('Teksti').fill(text);
  await form.getByRole('button', { name: 'Tallenna' }).click();
  await page.getByRole('status').filter({ hasText: 'Muistiinpano tallennettu.' }).waitFor();

  const items = timeline.getByTestId('timeline-item');
  await expect.poll(() => items.first().textContent()).toContain(text);
  expect(await items.first().getAttribute('data-kind')).toBe('NOTE');
  await expect.poll(() => items.nth(1).textContent()).toContain(`Tilaus ${createOrder.orderNumber}`);
  expect(await items.nth(1).getAttribute('data-kind')).toBe('ORDER');

  // Its author changes it in place.
  await items.first().getByRole('button', { name: 'Muokkaa' }).click();
  const edit = page.getByTestId('note-edit-form');
  await edit.getByLabel('Teksti').fill(`${text}, sovittu perjantaiksi`);
  await edit.getByRole('button', { name: 'Tallenna' }).click();
  await expect.poll(() => items.first().textContent()).toContain(`${text}, sovittu perjantaiksi`);
  await expect.poll(() => page.getByTestId('note-edit-form').count()).toBe(0);
  await context.close();
});
