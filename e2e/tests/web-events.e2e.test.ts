import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

/**
 * P13: a stand-in for the company's own web site, on the one origin the server lets send web events
 * (COLLECT_ALLOWED_ORIGINS, set by the global setup). Its pages include the register's script as the README says.
 */
function siteServer(register: string): http.Server {
  const page = (title: string, body: string) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1>${body}<script src="${register}/collect.js" data-banner="true"></script></body></html>`;
  const pages: Record<string, string> = {
    '/': page('Yrityksen sivusto', '<a href="/yhteys">Ota yhteyttä</a>'),
    '/yhteys': page(
      'Yhteydenotto',
      `<form id="contact"><label>Nimi <input name="name"></label><label>Sähköposti <input name="email"></label>
       <label>Viesti <textarea name="message"></textarea></label><input type="hidden" name="visitorId"><button>Lähetä</button></form>
       <script>document.getElementById('contact').addEventListener('submit', function (e) {
         e.preventDefault();
         var body = Object.fromEntries(new FormData(e.target));
         fetch('${register}/forms/contact', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'text/plain' } })
           .then(function (r) { if (r.status === 202) location.href = '/kiitos'; });
       });</script>`,
    ),
    '/kiitos': page('Kiitos yhteydenotosta', ''),
  };
  return http.createServer((req, res) => {
    const html = pages[req.url ?? ''];
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
}

let browser: Browser;
let site: http.Server;
beforeAll(async () => {
  browser = await launchBrowser();
  site = siteServer(inject('baseUrl'));
  await new Promise<void>((resolve) => site.listen(Number(new URL(inject('siteOrigin')).port), 'localhost', resolve));
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
});

const ACTIVITY = `query ($id: UUID!) { customerWebActivity(customerId: $id) { consents { categories } events { page } forms { message } } }`;

test('[P13] a visitor consents on the site and fills in the contact form; the customer’s page shows the consent and the page views (fi, en)', async () => {
  const origin = inject('siteOrigin');
  const email = `sivusto.${Date.now().toString(36)}@example.fi`;
  // The visitor: nothing is sent before the choice; "accept all" gives both categories.
  const visitor = await browser.newContext({ locale: 'fi-FI' });
  const page = await visitor.newPage();
  await page.goto(`${origin}/`);
  const banner = page.getByRole('dialog', { name: 'Evästeet' });
  expect((await visitor.cookies()).map((c) => c.name)).not.toContain('rekisteri_visitor');
  const consented = page.waitForResponse((r) => r.url().endsWith('/collect/consent') && r.status() === 200);
  await banner.getByRole('button', { name: 'Hyväksy kaikki' }).click();
  await consented;
  expect((await visitor.cookies()).map((c) => c.name)).toContain('rekisteri_visitor');
  // Leaving a page sends its view with the time spent on it.
  await page.getByRole('link', { name: 'Ota yhteyttä' }).click();
  await page.getByRole('heading', { name: 'Yhteydenotto' }).waitFor();
  await page.getByLabel('Nimi').fill('Sanna Sivusto');
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByLabel('Viesti').fill('Tarjous, kiitos');
  await page.getByRole('button', { name: 'Lähetä' }).click();
  await page.getByRole('heading', { name: 'Kiitos yhteydenotosta' }).waitFor();
  await visitor.close();

  // Customer service: the form made the customer; the web-events tab shows the consent and the visits.
  const { page: register, context } = await newSession(browser);
  await signInToRegister(register, 'service');
  const { customers } = await graphql<{ customers: { edges: Array<{ node: { id: string } }> } }>(
    context,
    `query ($s: String!) { customers(first: 1, search: $s) { edges { node { id } } } }`,
    { s: email },
  );
  const id = customers.edges[0].node.id;
  // Both page views arrive as their pages are left (keepalive requests): wait until they are in.
  const pagesSeen = async () =>
    (await graphql<{ customerWebActivity: { events: Array<{ page: string }> } }>(context, ACTIVITY, { id })).customerWebActivity.events.map((e) => e.page);
  await expect.poll(pagesSeen, { timeout: 15_000 }).toEqual(expect.arrayContaining(['/', '/yhteys']));
  await register.goto(`/customers/${id}`);
  await register.getByRole('tab', { name: 'Verkkosivukäynnit' }).click();
  const section = register.getByTestId('web-events');
  await section.getByRole('heading', { name: 'Käynnit yrityksen verkkosivuilla' }).waitFor();
  expect(await section.getByTestId('web-consents').textContent()).toContain('Tilastointi, Markkinointi');
  const events = section.getByTestId('web-event-list');
  const pages = await events.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(pages).toEqual(expect.arrayContaining(['/', '/yhteys']));
  expect(await events.textContent()).toMatch(/HeadlessChrome|Chrome/);
  expect(await section.getByTestId('web-forms').textContent()).toContain('Tarjous, kiitos');
  expect(await section.getByTestId('web-forms').textContent()).toContain('Loi asiakkaan');

  // The same in English.
  await register.getByTestId('language-switch').click();
  await section.getByRole('heading', { name: 'Visits to the company’s web site' }).waitFor();
  expect(await section.getByTestId('web-consents').textContent()).toContain('Statistics, Marketing');
  expect(await section.getByTestId('web-forms').textContent()).toContain('Created the customer');
  await context.close();
});
