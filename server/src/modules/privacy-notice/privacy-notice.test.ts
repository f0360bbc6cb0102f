import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../test/factories';
import { codes, startTestServer, type TestClient, type TestServer } from '../../test/harness';
import { buildNotice } from './notice-content';
import { DEFAULT_RETENTION } from '../register-config/retention';

let server: TestServer;
let admin: TestClient;
let privacy: TestClient;
let sales: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  [admin, privacy, sales] = await Promise.all([server.as('admin'), server.as('privacy'), server.as('sales')]);
});
afterAll(() => server?.close());

const PUBLISH = `mutation { publishPrivacyNotice(language: FI) { version sections { key paragraphs } } }`;
const CONFIG = `{ registerConfig { version } }`;
const UPDATE = `mutation ($v: Int!, $input: RegisterConfigInput!) { updateRegisterConfig(version: $v, input: $input) { version } }`;

async function configure(input: Record<string, unknown>) {
  const { version } = (await admin.gql(CONFIG)).data.registerConfig;
  const result = await admin.gql(UPDATE, { v: version, input });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

describe('the privacy notice (P18)', () => {
  it('[P18] before any publish the public pages answer 404 saying so; publishing needs a named controller', async () => {
    const fi = await request(server.app).get('/tietosuojaseloste');
    expect(fi.status).toBe(404);
    expect(fi.text).toContain('ei ole vielä julkaistu');
    expect((await request(server.app).get('/privacy-notice.json')).body).toEqual({ error: 'NOT_PUBLISHED' });
    expect(codes(await admin.gql(PUBLISH))).toEqual(['BAD_USER_INPUT']);
  });

  it('[P18] [P9] a new processor outside the EU with standard contractual clauses and a new retention period reach the next published notice, and an access package', async () => {
    await configure({
      controllerName: 'Kauppahuone <Testi> Oy',
      controllerBusinessId: '0737546-2',
      contactName: 'Jukka Uotila',
      contactEmail: 'jukka@example.fi',
    });
    const first = await admin.gql(PUBLISH);
    expect(first.errors).toBeUndefined();
    const processor = await admin.gql(`mutation ($input: RecipientInput!) { createRecipient(input: $input) { id } }`, {
      input: {
        name: 'Pilvipalvelu Inc',
        kind: 'PROCESSOR',
        country: 'US',
        bases: ['VALUE_ADDED_SERVICE'],
        safeguard: 'STANDARD_CONTRACTUAL_CLAUSES',
        sccVersion: '2021/914',
        sccSignedOn: '2026-01-15',
        necessity: 'Varmuuskopiot teknisen toteutuksen vuoksi',
      },
    });
    expect(processor.errors).toBeUndefined();
    await configure({ auditLogMonths: 18 });

    const draft = await privacy.gql(`{ privacyNoticeDraft(language: FI) { latestVersion changes { section added } } }`);
    expect(draft.errors).toBeUndefined();
    expect(JSON.stringify(draft.data.privacyNoticeDraft.changes)).toContain('Pilvipalvelu Inc');
    // In English the changes are the English notice's own sections and paragraphs.
    const draftEn = await privacy.gql(`{ privacyNoticeDraft(language: EN) { sections { title } changes { section added } } }`);
    expect(draftEn.errors).toBeUndefined();
    const enTitles = draftEn.data.privacyNoticeDraft.sections.map((s: { title: string }) => s.title);
    expect(draftEn.data.privacyNoticeDraft.changes.length).toBeGreaterThan(0);
    for (const change of draftEn.data.privacyNoticeDraft.changes) expect(enTitles).toContain(change.section);
    expect(JSON.stringify(draftEn.data.privacyNoticeDraft.changes)).toContain('18 months');

    const second = await admin.gql(PUBLISH);
    expect(second.errors).toBeUndefined();
    expect(second.data.publishPrivacyNotice.version).toBe(first.data.publishPrivacyNotice.version + 1);
    const fi = await request(server.app).get('/tietosuojaseloste');
    expect(fi.status).toBe(200);
    expect(fi.text).toContain('Kauppahuone &lt;Testi&gt; Oy');
    expect(fi.text).toContain('Pilvipalvelu Inc, US, suojatoimi: komission vakiosopimuslausekkeet');
    expect(fi.text).toContain('Muutosloki (muutokset, kirjautumiset, ylläpito): 18 kuukautta');
    expect(fi.text).toContain('Laatimispäivä');
    const en = await request(server.app).get('/privacy-notice');
    expect(en.text).toContain('Audit trail (changes, sign-ins, administration): 18 months');
    expect(en.text).toContain('the Commission’s standard contractual clauses');
    const json = (await request(server.app).get('/privacy-notice.json')).body;
    expect(json.version).toBe(second.data.publishPrivacyNotice.version);
    expect(JSON.stringify(json.en)).toContain('Pilvipalvelu Inc');

    // The access package carries the same retention line and names the controller.
    const customer = await buildCustomer(server.db, { firstName: 'Tarkastaja' });
    const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
      input: { type: 'ACCESS', customerId: customer.id, requesterName: 'Tarkastaja', receivedVia: 'EMAIL', language: 'FI', signed: true },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data.createPrivacyRequest.id;
    expect((await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: ID_DOCUMENT }) { status } }`, { id })).errors).toBeUndefined();
    const pack = await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { json html } }`, { id });
    expect(pack.errors).toBeUndefined();
    expect(JSON.parse(pack.data.fulfilAccessRequest.json).retention.join('\n')).toContain('18 kuukautta');
    expect(JSON.parse(pack.data.fulfilAccessRequest.json).processors.map((p: { name: string }) => p.name)).toContain('Pilvipalvelu Inc');
  });

  it('[P18] the record of processing activities (GDPR 30) carries the same processor, safeguard and retention period, as CSV and HTML, for privacy officers, not for sales', async () => {
    const cookie = (c: TestClient) =>
      c
        .cookies()
        .map((x) => x.split(';')[0])
        .join('; ');
    const csv = await request(server.app).get('/processing-record/fi.csv').set('Cookie', cookie(privacy));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.text ?? Buffer.from(csv.body).toString('utf8');
    expect(text).toContain('30(1)(e)');
    expect(text).toContain('Pilvipalvelu Inc');
    expect(text).toContain('18 kuukautta');
    const html = await request(server.app).get('/processing-record/en.html').set('Cookie', cookie(admin));
    expect(html.status).toBe(200);
    expect(html.text).toContain('Record of processing activities');
    expect((await request(server.app).get('/processing-record/fi.csv').set('Cookie', cookie(sales))).status).toBe(403);
    expect((await request(server.app).get('/processing-record/fi.csv')).status).toBe(401);
  });

  it('[P18] publishing is for administrators only; nothing changed is refused; signed-in staff read the published notice', async () => {
    expect(codes(await privacy.gql(PUBLISH))).toEqual(['FORBIDDEN']);
    expect(codes(await sales.gql(`{ privacyNoticeDraft(language: FI) { title } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await admin.gql(PUBLISH))).toEqual(['BAD_USER_INPUT']);
    const read = await sales.gql(`{ privacyNotice(language: EN) { version title sections { key } } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data.privacyNotice.sections.map((s: { key: string }) => s.key)).toContain('transfers');
    const versions = await privacy.gql(`{ privacyNoticeVersions { version publishedBy } }`);
    expect(versions.data.privacyNoticeVersions[0].publishedBy).toBe('admin');
  });
});

/**
 * Every paragraph of the notice the register was built from (../shared/privacy-notice.fi.txt, copied beside this
 * file) and the section of the generated notice that answers it, with words that section must say; or why the
 * register does not do it.
 */
const COVERAGE: Array<{ starts: string; section?: string; says?: string[]; notDone?: string }> = [
  { starts: 'Asiakasrekisteri - tietosuojaseloste', section: 'name', says: ['Asiakasrekisteri'] },
  { starts: 'Laatimispäivä', section: 'controller' },
  { starts: 'Rekisterinpitäjä', section: 'controller', says: ['Y-tunnus'] },
  { starts: 'Yhteyshenkilö', section: 'contact' },
  { starts: 'Rekisterin nimi', section: 'name' },
  { starts: 'Rekisterin käyttötarkoitus', section: 'purposes', says: ['asiakassuhteen', 'tilausten'] },
  { starts: 'Tietoja voidaan käyttää yrityksen toiminnan', section: 'purposes', says: ['tilastointi'] },
  { starts: 'Rekisterin tietoja voidaan käyttää yrityksen omissa', section: 'purposes', says: ['yhteistyökumppaneita', 'rajapintojen'] },
  { starts: 'Yrityksellä on oikeus julkaista', section: 'purposes', says: ['luettelossa', 'yhteyshenkilölle'] },
  { starts: 'Henkilörekisteri sisältää', section: 'data', says: ['Etunimi', 'Sähköpostiosoite', 'Puhelinnumero', 'tilauksista'] },
  { starts: 'Tietoja saadaan asiakkaan tekemistä ostoksista', section: 'sources' },
  { starts: 'Tietoja saadaan asiakkaan tekemistä rekisteröitymisistä', section: 'sources' },
  { starts: 'Asiakkaiden muista toimista digitaalisessa', section: 'cookies' },
  { starts: 'Asiakasrekisterin tiedot ovat ainoastaan', section: 'disclosures', says: ['lisäarvopalvelun', 'luottopäätöstä'] },
  { starts: 'Tietoja ei luovuteta yrityksen ulkopuolelle', section: 'disclosures', says: ['perintää', 'laskutusta'] },
  { starts: 'yhteistyökumppanin teknisen toteutuksen', section: 'retention', says: ['hävitetään pyynnöstä', 'avoimet laskut'] },
  { starts: 'Henkilötietoja ei siirretä', section: 'transfers', says: ['ETA'] },
  { starts: 'Asiakastapahtumissa kerättävät', section: 'manual', says: ['lukituissa', 'salassapitositoumuksen'] },
  { starts: 'Rekisterin suojauksen periaatteet A', section: 'manual' },
  { starts: 'Rekisterin suojauksen periaatteet B', section: 'it' },
  { starts: 'Ainoastaan määrätyillä', section: 'it', says: ['käyttäjätunnus', 'palomuurilla'] },
  { starts: 'Käytämme sivuillamme evästeitä', section: 'cookies' },
  { starts: 'Evästeiden avulla kerättyjä', section: 'cookies' },
  { starts: 'Evästeiden avulla kerätään', section: 'cookies' },
  { starts: 'Evästeiden käytön estäminen', section: 'cookies' },
  { starts: '- vierailijan IP-osoite', section: 'cookies' },
  {
    starts: 'Lisäksi sivustolla on käytössä kohderyhmätieto',
    notDone: 'No audience or interest data is collected: the register does not use Google Analytics.',
  },
  { starts: 'Google Analytics seurannan', notDone: 'There is no Google Analytics tracking to switch off: the register does not use it.' },
  { starts: 'GOOGLE ANALYTICS', notDone: 'The register keeps its own web events with consent (P13); it sends nothing to Google Analytics.' },
  { starts: '(Google Analytics Demographics)', notDone: 'No demographics are collected: the register does not use Google Analytics.' },
  { starts: 'Rekisteröidyllä on oikeus tarkistaa', section: 'access', says: ['kirjallisena', 'allekirjoitettuna', 'englanniksi'] },
  { starts: 'Rekisteröidyllä on oikeus kieltää tietojensa käsittely', section: 'prohibitions', says: ['etämyyntiä', 'mielipidetutkimusta'] },
  { starts: 'Rekisterissä oleva', section: 'rectification', says: ['oikaistaan', 'vanhentunut'] },
  { starts: 'Korjauspyyntö tulee tehdä', section: 'rectification' },
  { starts: 'Pyynnössä tulee yksilöidä', section: 'rectification', says: ['yksilöidään', 'viivytyksettä'] },
  { starts: 'Virheen korjaamisesta', section: 'rectification', says: ['luovutettu'] },
  { starts: 'Korjauspyynnön epäämisestä', section: 'rectification', says: ['todistuksen', 'tietosuojavaltuutetun'] },
  { starts: 'Rekisteröidyllä on oikeus kieltää tietojensa luovuttaminen', section: 'other-rights', says: ['anonymisointia', 'unohdetuksi'] },
];

/** The paragraphs of the source notice: the rows' headings and the <p> paragraphs of their texts. */
function sourceParagraphs(): string[] {
  const text = fs.readFileSync(path.join(__dirname, 'source-notice.fi.txt'), 'utf8');
  return text
    .split(/\r?\n/)
    .flatMap((row) => row.split('\t'))
    .flatMap((cell) => cell.split(/<\/?p>/))
    .map((p) => p.replace(/<[^>]+>/g, ' ').trim())
    .filter((p) => p.length > 0 && !/^(Sinun oikeutesi|Sivuillamme|Useimmat)/.test(p) && p.length > 12);
}

describe('the generated notice covers the notice the register was built from (P18)', () => {
  it('[P18] every paragraph of the source notice has its counterpart in the generated Finnish notice, or a recorded reason', () => {
    const notice = buildNotice(
      {
        identity: {
          controller: { name: 'Testi Oy', businessId: '0737546-2', address: null, phone: null, email: null },
          contact: { name: 'Jukka', address: null, phone: null, email: null },
          signer: { name: 'Maija', title: null },
        },
        retention: DEFAULT_RETENTION,
        recipients: [],
        sourcesInUse: ['STORE_PURCHASE', 'REGISTRATION'],
        cookies: null,
      },
      'fi',
    );
    const sectionText = new Map(notice.sections.map((s) => [s.key, `${s.title}\n${s.paragraphs.join('\n')}`]));
    const uncovered: string[] = [];
    for (const paragraph of sourceParagraphs()) {
      // A heading cell ("Tarkastusoikeus") is covered by the section its text is covered by.
      const entry = COVERAGE.find((c) => paragraph.startsWith(c.starts));
      if (!entry) {
        if (paragraph.length < 60) continue;
        uncovered.push(`no counterpart recorded: ${paragraph.slice(0, 60)}`);
        continue;
      }
      if (entry.notDone) continue;
      const text = sectionText.get(entry.section as string);
      if (!text || text.trim().length === 0) uncovered.push(`section ${entry.section} missing for: ${paragraph.slice(0, 60)}`);
      for (const word of entry.says ?? []) if (!text?.includes(word)) uncovered.push(`section ${entry.section} does not say "${word}"`);
    }
    expect(uncovered).toEqual([]);
    expect(COVERAGE.filter((c) => c.notDone).every((c) => (c.notDone?.length ?? 0) > 20)).toBe(true);
  });
});

describe('the notice of sources (P7)', () => {
  it('[P7] states the update prohibition that every address-update import honours, in both languages', () => {
    const sources = {
      identity: {
        controller: { name: 'Testi Oy', businessId: '0737546-2', address: null, phone: null, email: null },
        contact: { name: 'Jukka', address: null, phone: null, email: null },
        signer: { name: 'Maija', title: null },
      },
      retention: DEFAULT_RETENTION,
      recipients: [],
      sourcesInUse: ['ADDRESS_UPDATE_SERVICE'],
      cookies: null,
    };
    const section = (lang: 'fi' | 'en') =>
      buildNotice(sources, lang)
        .sections.find((s) => s.key === 'sources')
        ?.paragraphs.join('\n') ?? '';
    expect(section('fi')).toContain('asiakasrekisterin päivityskielto');
    expect(section('fi')).toContain('osoitepäivitykset');
    expect(section('en')).toContain('update prohibition');
  });
});
