import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newSession, openFirstCustomer, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Euros as the Finnish UI writes them, with ordinary spaces: 3080 → "30,80 €". */
function euros(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')} €`;
}
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

test('[P1] sales creates an order with two lines and sees the total', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'sales');
  await openFirstCustomer(page);
  await page.getByRole('tab', { name: 'Tilaukset' }).click();
  await page.getByRole('button', { name: 'Uusi tilaus' }).click();
  await page.getByLabel('Myymälä tai jälleenmyyjä').fill('Tampereen myymälä');

  const typed = [
    { sku: 'KUP-1', name: 'Kahvikuppi', quantity: 2, price: '10,00', priceCents: 1000, vat: '2550' },
    { sku: 'KIR-2', name: 'Keittokirja', quantity: 1, price: '5,00', priceCents: 500, vat: '1400' },
  ];
  const lines = page.getByTestId('order-line');
  for (const [i, line] of typed.entries()) {
    if (i > 0) await page.getByRole('button', { name: /Lisää rivi/ }).click();
    const row = lines.nth(i);
    await row.getByLabel('Tuotekoodi').fill(line.sku);
    await row.getByLabel('Tuote', { exact: true }).fill(line.name);
    await row.getByLabel('Määrä').fill(String(line.quantity));
    await row.getByLabel(/À-hinta/).fill(line.price);
    await row.getByLabel('ALV').selectOption(line.vat);
  }
  // The sum of the typed lines, VAT rounded per line: 2 × 10,00 € + 25,5 % = 25,10 €; 1 × 5,00 € + 14 % = 5,70 €.
  const expected = typed.reduce((sum, l) => {
    const net = l.quantity * l.priceCents;
    return sum + net + Math.round((net * Number(l.vat)) / 10_000);
  }, 0);
  expect(expected).toBe(3080);
  expect(await text(page, 'running-total')).toBe(euros(expected));

  await page.getByRole('button', { name: 'Luo tilaus' }).click();
  await page.getByTestId('order-created').waitFor();
  // Said as a user would: no word of how the register computes it.
  expect(await text(page, 'order-created')).toBe('Tilaus luotu.');
  // The order as the server priced it.
  expect(await text(page, 'order-gross')).toBe(euros(expected));
  expect(await text(page, 'order-net')).toBe(euros(2500));
  expect(await page.getByTestId('order-lines').getByRole('row').count()).toBe(1 + typed.length + 1);
  expect(await text(page, 'order-status')).toMatch(/Avoin/);

  // Delivered, then invoiced for the same amount.
  await page.getByRole('button', { name: 'Merkitse toimitetuksi' }).click();
  await expect.poll(() => text(page, 'order-status')).toMatch(/Toimitettu/);
  expect(await page.getByRole('button', { name: 'Peru tilaus' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Laadi lasku' }).click();
  await page.getByTestId('invoice-row').waitFor();
  expect(await page.getByTestId('invoice-row').textContent()).toContain('30,80');
  await context.close();
});

test('[P1] marketing finds no orders tab', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'marketing');
  await page.goto('/customers');
  await openFirstCustomer(page);
  await page.getByRole('tablist').waitFor();
  expect(await page.getByRole('tab', { name: 'Perustiedot' }).count()).toBe(1);
  expect(await page.getByRole('tab', { name: 'Tilaukset' }).count()).toBe(0);
  expect(await page.getByRole('tab', { name: 'Laskut' }).count()).toBe(0);

  // Not by the address either.
  await page.goto(`${new URL(page.url()).pathname}?tab=orders`);
  await page.getByTestId('field-customerNumber').waitFor();
  expect(await page.getByTestId('order-table').count()).toBe(0);
  await context.close();
});

test('[P1] an archived order is shown read-only, without edit controls', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'sales');
  // Demo data has orders over eight years; those closed long ago are archived.
  const archivedId = await page.evaluate(async () => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-purpose': 'sales' },
      body: JSON.stringify({ query: '{ customers(first: 50) { edges { node { orders(first: 20) { edges { node { id archived } } } } } } }' }),
    });
    const body = await res.json();
    for (const c of body.data.customers.edges) for (const o of c.node.orders.edges) if (o.node.archived) return o.node.id as string;
    return null;
  });
  expect(archivedId, 'an archived order in the demo data').not.toBeNull();

  await page.goto(`/orders/${archivedId}`);
  await page.getByTestId('archived-notice').waitFor();
  expect(await page.getByTestId('archived-notice').textContent()).toContain('Arkistoitu – vain luku');
  for (const name of ['Merkitse toimitetuksi', 'Peru tilaus', 'Laadi lasku']) {
    expect(await page.getByRole('button', { name }).count()).toBe(0);
  }
  await context.close();
});
