import { readFile } from 'node:fs/promises';
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

interface DemoCustomer {
  id: string;
  customerNumber: string;
  email: string | null;
  city: string | null;
}

test('[P3][P15] marketing builds a list, sees a known opted-out customer among exclusions with the reason, and exports CSV', async () => {
  // Service records the customer's "no" to direct marketing by email. The customer is one no other
  // test file touches (they use the first five), with an email and a city to segment on.
  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  const { customers } = await graphql<{ customers: { edges: { node: DemoCustomer }[] } }>(
    service.context,
    `query { customers(first: 30) { edges { node { id customerNumber email city } } } }`,
  );
  const customer = customers.edges
    .map((e) => e.node)
    .slice(10)
    .find((c) => c.email && c.city);
  expect(customer, 'a demo customer with an email and a city').toBeDefined();
  const { id, customerNumber, email, city } = customer as DemoCustomer & { email: string; city: string };
  await graphql(
    service.context,
    `mutation ($id: UUID!) { recordProhibition(customerId: $id, input: { kind: DIRECT_MARKETING, channel: EMAIL, via: PHONE, note: "Ei sähköpostimainontaa" }) { kind } }`,
    { id },
  );
  await service.context.close();

  // Marketing makes an email campaign for the customer's city.
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'marketing');
  await page.getByRole('link', { name: 'Kampanjat', exact: true }).click();
  await page.getByRole('heading', { name: 'Kampanjat' }).waitFor();
  await page.getByRole('link', { name: 'Uusi kampanja' }).click();
  const name = `Kevät ${city} ${Date.now()}`;
  await page.getByLabel('Nimi', { exact: true }).fill(name);
  await page.getByLabel('Tarkoitus', { exact: true }).selectOption({ label: 'Suoramarkkinointi' });
  await page.getByLabel('Kanava', { exact: true }).selectOption({ label: 'Sähköposti' });
  await page.getByLabel('Kunnat', { exact: true }).fill(city);
  // The live estimate follows the segment (debounced).
  await expect
    .poll(async () => (await page.getByTestId('segment-estimate').textContent()) ?? '')
    .toMatch(/Segmenttiin kuuluu (\d[\d\s\u00a0]* asiakasta|alle 5 asiakasta) · Ennen/);
  await page.getByRole('button', { name: 'Tallenna kampanja' }).click();
  await page.getByTestId('campaign-created').waitFor();
  expect(await page.getByTestId('segment-summary').textContent()).toContain(city);

  // P15: before the build, the page tells which prohibitions the list will honour and why (a city is not profiling).
  const honoured = page.getByTestId('honoured-prohibitions');
  await honoured.waitFor();
  expect(await honoured.getByTestId('honoured-prohibition').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).toEqual([
    'DIRECT_MARKETING',
    'LIST_PUBLICATION',
  ]);
  const directMarketing = honoured.locator('[data-kind="DIRECT_MARKETING"]');
  expect(await directMarketing.textContent()).toContain('Suoramarkkinointikielto (kaikkia kanavia tai kanavaa ”sähköposti” koskeva)');
  expect(await directMarketing.textContent()).toContain('ehdoton (tietosuoja-asetus 21(3))');
  await page.getByTestId('language-switch').click();
  await honoured.getByRole('heading', { name: 'The list honours these prohibitions' }).waitFor();
  expect(await directMarketing.textContent()).toContain('an objection to it is absolute (GDPR 21(3))');
  await page.getByTestId('language-switch').click();
  await honoured.getByRole('heading', { name: 'Lista noudattaa näitä kieltoja' }).waitFor();

  // The build runs in the background; the page shows its progress until it is built.
  await page.evaluate(() => {
    const w = window as unknown as { progressSeen: string[] };
    w.progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      if (bar) w.progressSeen.push(bar.getAttribute('aria-valuenow') ?? '');
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByRole('button', { name: 'Muodosta kohderyhmälista' }).click();
  await page.getByTestId('target-list').waitFor();
  const progressSeen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(progressSeen.length, 'the progress bar was shown while the list was built').toBeGreaterThan(0);
  expect(progressSeen.every((v) => /^\d+$/.test(v))).toBe(true);
  await expect.poll(async () => (await page.getByTestId('campaign-status').textContent())?.trim()).toBe('Lista muodostettu');
  expect(Number(await page.getByTestId('excluded-count').textContent())).toBeGreaterThanOrEqual(1);

  // The customer is among the exclusions, with the reason in words and which prohibition it was.
  await page.getByRole('tab', { name: /^Poissuljetut/ }).click();
  const row = page.locator(`[data-testid="exclusion-row"][data-customer-number="${customerNumber}"]`);
  await row.waitFor();
  const reasons = (await row.getByTestId('exclusion-reasons').textContent()) ?? '';
  expect(reasons).toContain('Asiakkaan kielto');
  expect(reasons).toContain('suoramarkkinointikielto');
  // The chart's numbers as a table.
  await page.getByTestId('chart-exclusions-by-reason').getByText('Näytä lukuina').click();
  expect(await page.getByTestId('chart-exclusions-by-reason').locator('table').textContent()).toContain('Asiakkaan kielto');

  // The export: a CSV with the email channel's columns, and without the customer who said no. In the
  // UI's language by default: Finnish Excel's dialect (a byte-order mark, ";" between cells, Finnish headers).
  expect(await page.getByLabel('CSV-tiedoston kieli').inputValue()).toBe('FI');
  await page.getByRole('button', { name: 'Poimi CSV' }).click();
  await page.getByTestId('export-result').waitFor();
  expect(await page.getByTestId('export-rows').textContent()).toMatch(/^\d+ riviä$/);
  expect(await page.getByTestId('export-sha256').textContent()).toMatch(/^[0-9a-f]{64}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^kevat-.*\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.slice(1).split('\r\n')[0]).toBe('Asiakasnumero;Etunimi;Sukunimi;Sähköposti');
  expect(csv.toLowerCase()).not.toContain(email.toLowerCase());
  expect(csv).not.toContain(`${customerNumber};`);
  expect(csv.split('\r\n').filter(Boolean).length - 1).toBe(Number((await page.getByTestId('export-rows').textContent())?.match(/\d+/)?.[0]));

  // In English on request: "," between cells and English headers.
  await page.getByLabel('CSV-tiedoston kieli').selectOption('EN');
  await page.getByRole('button', { name: 'Poimi CSV' }).click();
  await page.locator('[data-testid="export-result"][data-language="EN"]').waitFor();
  const [english] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect((await readFile(await english.path(), 'utf8')).slice(1).split('\r\n')[0]).toBe('Customer number,First name,Last name,Email');
  await expect.poll(async () => (await page.getByTestId('campaign-status').textContent())?.trim()).toBe('Poimittu');

  // The list shows the campaign with its latest counts.
  await page.getByRole('link', { name: 'Kampanjat', exact: true }).click();
  const listRow = page.getByTestId('campaign-row').filter({ hasText: name });
  await listRow.waitFor();
  expect(await listRow.textContent()).toContain('Sähköposti');
  expect(Number(await listRow.getByTestId('campaign-excluded').textContent())).toBeGreaterThanOrEqual(1);
  await context.close();
});

test('[P3] campaigns are for marketing to make; the privacy officer reads them; customer service has no access', async () => {
  const service = await newSession(browser);
  await signInToRegister(service.page, 'service');
  expect(await service.page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Kampanjat' }).count()).toBe(0);
  await service.context.close();

  const privacy = await newSession(browser);
  await signInToRegister(privacy.page, 'privacy');
  await privacy.page.getByRole('link', { name: 'Kampanjat', exact: true }).click();
  await privacy.page.getByRole('heading', { name: 'Kampanjat' }).waitFor();
  await privacy.page.getByTestId('campaign-table').or(privacy.page.getByTestId('campaigns-empty')).waitFor();
  expect(await privacy.page.getByRole('link', { name: 'Uusi kampanja' }).count()).toBe(0);
  await privacy.context.close();
});

test('[P3] marketing is not offered a PHONE file, and the export panel says why in Finnish and English', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'marketing');
  const { createCampaign } = await graphql<{ createCampaign: { id: string } }>(
    context,
    `mutation { createCampaign(input: { name: "Puhelinkampanja", purpose: DIRECT_MARKETING, channel: PHONE, segment: { cities: ["Ei tällaista kuntaa"] } }) { id } }`,
  );
  const { buildTargetList } = await graphql<{ buildTargetList: { id: string } }>(context, `mutation ($id: UUID!) { buildTargetList(campaignId: $id) { id } }`, {
    id: createCampaign.id,
  });
  await expect
    .poll(
      async () =>
        (await graphql<{ targetList: { status: string } }>(context, `query ($id: UUID!) { targetList(id: $id) { status } }`, { id: buildTargetList.id }))
          .targetList.status,
    )
    .toBe('BUILT');

  await page.goto(`/campaigns/${createCampaign.id}`);
  const panel = page.getByTestId('export-panel');
  await panel.waitFor();
  expect(await panel.getByRole('button', { name: 'Poimi CSV' }).isDisabled()).toBe(true);
  expect(await panel.getByTestId('export-not-allowed').textContent()).toMatch(/Roolisi ei saa lukea asiakkaiden tietoja: puhelin/);

  await page.getByTestId('language-switch').click();
  await panel.getByRole('button', { name: 'Export CSV' }).waitFor();
  expect(await panel.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
  expect(await panel.getByTestId('export-not-allowed').textContent()).toMatch(/Your role may not read the customers’ phone/);
  await page.getByTestId('language-switch').click();
  await context.close();
});
