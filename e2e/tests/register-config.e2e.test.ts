import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followNavLink, graphql, launchBrowser, newSession, signInToRegister } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The main menu with every link shown: the pages beyond the daily ones may sit behind its "Lisää" button. */
async function openMenu(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  await nav.getByRole('link').first().waitFor();
  const more = nav.getByRole('button', { name: 'Lisää', exact: true });
  if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  return nav;
}

/** Today in the company's calendar, as the public notice writes its dates. */
const today = (lang: 'fi' | 'en') => new Intl.DateTimeFormat(lang === 'fi' ? 'fi-FI' : 'en-GB', { timeZone: 'Europe/Helsinki' }).format(new Date());

test('[P18] an admin names the controller, publishes the notice, and the public pages name the new controller in Finnish and English, dated', async () => {
  // A name of this run's own: whatever earlier browser tests published, the draft differs from it.
  const name = `Rekisteritesti ${Date.now()} Oy`;
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'admin');
  // The list reopens if the landing page, still loading beneath it, takes the focus (followNavLink).
  await followNavLink(page, 'Asetukset');
  await page.getByRole('heading', { name: 'Rekisterin asetukset' }).waitFor();
  const form = page.getByTestId('register-config-form');
  const controller = form.getByRole('group', { name: 'Rekisterinpitäjä' });
  await controller.getByLabel('Nimi', { exact: true }).waitFor();

  // Every bad field is shown at once, at its field in Finnish, and the first takes the focus.
  await controller.getByLabel('Nimi', { exact: true }).fill(name);
  await controller.getByLabel('Y-tunnus').fill('1234567-8');
  await controller.getByLabel('Sähköposti').fill('ei osoite');
  const auditMonths = form.getByRole('group', { name: 'Säilytysajat' }).getByLabel('Lokitiedot (kuukautta)');
  const keptMonths = await auditMonths.inputValue();
  await auditMonths.fill('0');
  await form.getByRole('button', { name: 'Tallenna asetukset' }).click();
  await page.getByTestId('register-controllerBusinessId-error').waitFor();
  expect(await page.getByTestId('register-controllerBusinessId-error').textContent()).toMatch(/Y-tunnus/);
  expect(await page.getByTestId('register-controllerEmail-error').textContent()).toMatch(/sähköpostiosoite/);
  expect(await page.getByTestId('register-auditLogMonths-error').textContent()).toMatch(/1–240/);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('register-controllerBusinessId');

  await controller.getByLabel('Y-tunnus').fill('0737546-2');
  await controller.getByLabel('Sähköposti').fill('Tietosuoja@Rekisteritesti.example');
  // The period as it was: other browser tests share this server's settings.
  await auditMonths.fill(keptMonths);
  await form.getByRole('button', { name: 'Tallenna asetukset' }).click();
  await page.getByTestId('register-config-saved').waitFor();
  expect(await page.getByTestId('register-controllerEmail-error').count()).toBe(0);
  // The server's own form of what was saved.
  expect(await controller.getByLabel('Sähköposti').inputValue()).toBe('tietosuoja@rekisteritesti.example');

  // The draft of the notice says what changed: the new controller, in Finnish and in English.
  await page.getByRole('tab', { name: 'Tietosuojaseloste' }).click();
  const draft = page.getByTestId('notice-draft');
  await expect.poll(() => draft.getByTestId('notice-changes').textContent()).toContain(name);
  await page.getByLabel('Luonnoksen kieli').selectOption('EN');
  await expect.poll(() => draft.getAttribute('lang')).toBe('en');
  await expect.poll(() => draft.getByTestId('notice-changes').textContent()).toContain(name);
  const before = await page.getByTestId('notice-version-row').count();

  // Publishing asks first; the published version is listed.
  await page.getByRole('button', { name: 'Julkaise seloste' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Peruuta');
  await dialog.getByRole('button', { name: 'Julkaise', exact: true }).click();
  const published = page.getByTestId('notice-published');
  await published.waitFor();
  const version = Number(/Versio (\d+) julkaistu/.exec((await published.textContent()) ?? '')?.[1]);
  expect(version).toBeGreaterThan(0);
  await expect.poll(() => page.getByTestId('notice-version-row').count()).toBe(before + 1);
  expect(await page.getByTestId('notice-version-row').first().locator('td').first().textContent()).toBe(String(version));
  await expect.poll(() => page.getByTestId('notice-no-changes').count()).toBe(1);
  expect(await page.getByRole('button', { name: 'Julkaise seloste' }).isDisabled()).toBe(true);

  // The public pages need no sign-in: a browser with no session reads them.
  const publicSession = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const reader = await publicSession.newPage();
  expect((await reader.goto('/tietosuojaseloste'))?.status()).toBe(200);
  expect(await reader.locator('html').getAttribute('lang')).toBe('fi');
  expect(await reader.locator('main').textContent()).toContain(name);
  const fiMeta = (await reader.locator('.meta').textContent()) ?? '';
  expect(fiMeta).toContain(`Versio ${version}`);
  expect(fiMeta).toContain(`Viimeksi muutettu: ${today('fi')}`);
  expect((await reader.goto('/privacy-notice'))?.status()).toBe(200);
  expect(await reader.locator('html').getAttribute('lang')).toBe('en');
  expect(await reader.locator('main').textContent()).toContain(name);
  const enMeta = (await reader.locator('.meta').textContent()) ?? '';
  expect(enMeta).toContain(`Version ${version}`);
  expect(enMeta).toContain(`Last changed: ${today('en')}`);
  const json = await publicSession.request.get('/privacy-notice.json');
  expect(json.status()).toBe(200);
  expect(((await json.json()) as { version: number }).version).toBe(version);
  await publicSession.close();

  // The record of processing activities downloads for the admin, from the same settings.
  const record = await context.request.get('/processing-record/fi.csv');
  expect(record.status()).toBe(200);
  expect(await record.text()).toContain(name);
  await context.close();
});

test('[P18] an edit made on a stale version says someone else changed the settings, and a reload shows their change', async () => {
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'admin');
  await page.goto('/register');
  const form = page.getByTestId('register-config-form');
  const contact = form.getByRole('group', { name: 'Rekisteriasioiden yhteyshenkilö' });
  await contact.getByLabel('Nimi', { exact: true }).waitFor();

  // Meanwhile someone else saves a change.
  const theirs = `Toinen Ylläpitäjä ${Date.now()}`;
  const { registerConfig } = await graphql<{ registerConfig: { version: number } }>(context, '{ registerConfig { version } }');
  await graphql(context, 'mutation ($v: Int!, $input: RegisterConfigInput!) { updateRegisterConfig(version: $v, input: $input) { version } }', {
    v: registerConfig.version,
    input: { contactName: theirs },
  });

  await contact.getByLabel('Nimi', { exact: true }).fill('Minun muutokseni');
  await form.getByRole('button', { name: 'Tallenna asetukset' }).click();
  const conflict = page.getByTestId('register-config-conflict');
  await conflict.waitFor();
  expect(await conflict.textContent()).toMatch(/Joku muu muutti asetuksia/);
  expect(await page.getByTestId('register-config-saved').count()).toBe(0);
  await conflict.getByRole('button', { name: 'Lataa uudelleen' }).click();
  await expect.poll(() => contact.getByLabel('Nimi', { exact: true }).inputValue()).toBe(theirs);
  await expect.poll(() => conflict.count()).toBe(0);
  await context.close();
});

test('[P18] a privacy officer reads the settings and downloads the record of processing but neither edits nor publishes; sales has no such page', async () => {
  const officer = await newSession(browser);
  await signInToRegister(officer.page, 'privacy');
  await followNavLink(officer.page, 'Asetukset');
  const form = officer.page.getByTestId('register-config-form');
  await form.getByText('Voit lukea asetukset, mutta vain ylläpitäjä voi muuttaa niitä.').waitFor();
  expect(await form.getByRole('button', { name: 'Tallenna asetukset' }).count()).toBe(0);
  expect(await form.getByRole('group', { name: 'Rekisterinpitäjä' }).getByLabel('Nimi', { exact: true }).getAttribute('readonly')).not.toBeNull();
  await officer.page.getByRole('tab', { name: 'Tietosuojaseloste' }).click();
  await officer.page.getByTestId('notice-draft').waitFor();
  expect(await officer.page.getByRole('button', { name: 'Julkaise seloste' }).count()).toBe(0);
  const link = officer.page.getByTestId('processing-record-links').getByRole('link', { name: 'Suomeksi (CSV)' });
  const download = await Promise.all([officer.page.waitForEvent('download'), link.click()]).then(([d]) => d);
  expect(download.suggestedFilename()).toBe('processing-record-fi.csv');
  await officer.context.close();

  const sales = await newSession(browser);
  await signInToRegister(sales.page, 'sales');
  const nav = await openMenu(sales.page);
  await nav.getByRole('link', { name: 'Asiakkaat', exact: true }).waitFor();
  expect(await nav.getByRole('link', { name: 'Asetukset', exact: true }).count()).toBe(0);
  await sales.page.goto('/register');
  await sales.page.getByText('Sivua ei löytynyt.').waitFor();
  expect(await sales.page.getByTestId('register-config-form').count()).toBe(0);
  await sales.context.close();
});

test('[P4] an admin moves a partner account to another partner firm on the users page', async () => {
  const stamp = Date.now();
  const { context, page } = await newSession(browser);
  await signInToRegister(page, 'admin');
  // Two firms and a PARTNER account of the first, made for this test alone.
  const firm = async (name: string) =>
    (
      await graphql<{ createPartner: { id: string } }>(context, 'mutation ($input: PartnerInput!) { createPartner(input: $input) { id } }', {
        input: { name, country: 'FI', customerFields: ['firstName', 'lastName'], agreementDate: '2025-03-01' },
      })
    ).createPartner.id;
  const fromName = `Lähtökumppani ${stamp} Oy`;
  const toName = `Uusi Kumppani ${stamp} Oy`;
  const from = await firm(fromName);
  const to = await firm(toName);
  const username = `kumppani.${stamp}`;
  await graphql(context, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } } }', {
    input: { username, displayName: 'Kumppanin Työntekijä', roles: ['PARTNER'], partner: from },
  });

  await page.goto('/users');
  const row = page.getByTestId(`user-row-${username}`);
  await expect.poll(() => row.textContent()).toContain(fromName);
  // Other accounts have no such button: only a PARTNER account works for a firm.
  expect(
    await page
      .getByTestId('user-row-sales')
      .getByRole('button', { name: /Vaihda kumppani/ })
      .count(),
  ).toBe(0);
  await row.getByRole('button', { name: `Vaihda kumppani: ${username}` }).click();
  const select = row.getByLabel('Kumppaniyritys', { exact: true });
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`user-${username}-partner`);
  await select.selectOption({ label: toName });
  await row.getByRole('button', { name: 'Tallenna kumppani' }).click();
  await row.getByText('Kumppani vaihdettu').waitFor();
  await expect.poll(() => row.textContent()).toContain(toName);

  const { users } = await graphql<{ users: { username: string; partner: { id: string } | null }[] }>(context, '{ users { username partner { id } } }');
  expect(users.find((u) => u.username === username)?.partner?.id).toBe(to);
  await context.close();
});
