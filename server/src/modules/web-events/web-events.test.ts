import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import { Params } from '../../db/sql';
import { segmentCondition } from '../campaigns/segment-sql';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness';

const SITE = 'https://www.example.fi';
const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
let server: TestServer;
let service: TestClient;
let privacy: TestClient;
beforeAll(async () => {
  server = await startTestServer({ COLLECT_ALLOWED_ORIGINS: `${SITE},https://shop.example.fi`, COLLECT_RATE_LIMIT: '100000' }, { clock });
  [service, privacy] = await Promise.all([server.as('service'), server.as('privacy')]);
});
afterAll(() => server?.close());

const visitor = () => randomBytes(16).toString('hex');
/** As the site's script posts: text/plain JSON from the site's origin. */
const post = (path: string, body: unknown, origin: string | null = SITE) => {
  const req = request(server.app).post(path).set('Content-Type', 'text/plain').set('User-Agent', 'Mozilla/5.0 (X11; Linux) Firefox/140.0');
  if (origin) req.set('Origin', origin);
  return req.send(typeof body === 'string' ? body : JSON.stringify(body));
};
const consent = (visitorId: string, categories: string[]) => post('/collect/consent', { visitorId, categories, noticeVersion: '3' });
const view = (visitorId: string, page: string, durationMs = 12_000) => post('/collect', { visitorId, events: [{ page, durationMs }] });
const count = async (sql: string, params: unknown[] = []) => (await server.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
const eventsOf = (visitorId: string) => count(`web_events WHERE visitor_id = $1`, [visitorId]);
const everything = async () => ({ events: await count('web_events'), consents: await count('web_consents'), forms: await count('web_form_submissions') });

describe('the site intake (P13)', () => {
  it('[P13] stores nothing before consent', async () => {
    const id = visitor();
    const before = await everything();
    const refused = await view(id, '/tuotteet');
    expect(refused.status).toBe(202);
    expect(refused.body).toEqual({ stored: 0, code: 'NO_CONSENT' });
    expect(await everything()).toEqual(before);

    const given = await consent(id, ['ANALYTICS']);
    expect(given.status).toBe(200);
    expect(given.headers['access-control-allow-origin']).toBe(SITE);
    const [record] = await server.db.query(`SELECT categories, notice_version, given_at FROM web_consents WHERE visitor_id = $1`, [id]);
    expect(record).toMatchObject({ categories: ['ANALYTICS'], notice_version: '3' });
    expect(new Date(record.given_at).toISOString()).toBe(clock.now().toISOString());

    // Only the path is kept: a query string can carry personal data.
    expect((await view(id, '/tuotteet?email=aino@example.fi#top', 42_400)).body).toEqual({ stored: 1 });
    const [event] = await server.db.query(`SELECT page, duration_ms, host(ip_address) AS ip, user_agent, occurred_at FROM web_events WHERE visitor_id = $1`, [
      id,
    ]);
    expect(event).toMatchObject({ page: '/tuotteet', duration_ms: 42_400, user_agent: 'Mozilla/5.0 (X11; Linux) Firefox/140.0' });
    expect(event.ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('[P13] withdrawing consent deletes the visitor’s events', async () => {
    const id = visitor();
    const other = visitor();
    await Promise.all([consent(id, ['ANALYTICS', 'MARKETING']), consent(other, ['ANALYTICS'])]);
    await view(id, '/a');
    await view(id, '/b');
    await view(other, '/a');
    const withdrawn = await consent(id, []);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ given: false, withdrawn: true, deletedEvents: 2 });
    expect(await eventsOf(id)).toBe(0);
    expect(await eventsOf(other)).toBe(1);
    // The withdrawal is on record (when, which notice), and nothing is stored any more.
    const [record] = await server.db.query(`SELECT categories, withdrawn_at FROM web_consents WHERE visitor_id = $1`, [id]);
    expect(record.categories).toEqual([]);
    expect(record.withdrawn_at).not.toBeNull();
    expect((await view(id, '/c')).body).toEqual({ stored: 0, code: 'NO_CONSENT' });
    expect(await eventsOf(id)).toBe(0);
    // Withdrawing without ever consenting records nothing either.
    const stranger = visitor();
    expect((await consent(stranger, [])).body).toEqual({ given: false, withdrawn: false, deletedEvents: 0 });
    expect(await count(`web_consents WHERE visitor_id = $1`, [stranger])).toBe(0);
  });

  it('[P13] refuses an origin that is not configured, with no CORS header, and stores nothing', async () => {
    const id = visitor();
    const before = await everything();
    for (const origin of ['https://evil.example', 'https://www.example.fi.evil.example', null]) {
      const response = await consent(id, ['ANALYTICS']).set('Origin', origin ?? '');
      const direct = await post('/collect/consent', { visitorId: id, categories: ['ANALYTICS'], noticeVersion: '3' }, origin);
      for (const r of [response, direct]) {
        expect(r.status).toBe(403);
        expect(r.body.error).toBe('ORIGIN_NOT_ALLOWED');
        expect(r.headers['access-control-allow-origin']).toBeUndefined();
      }
    }
    const preflight = await request(server.app).options('/collect').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(403);
    const allowed = await request(server.app).options('/collect').set('Origin', 'https://shop.example.fi').set('Access-Control-Request-Method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example.fi');
    expect(await everything()).toEqual(before);
  });

  it('[P13] an oversize or malformed body answers 400 with a code and stores nothing', async () => {
    const id = visitor();
    await consent(id, ['ANALYTICS']);
    const before = await everything();
    const huge = await post('/collect', { visitorId: id, events: [{ page: `/${'x'.repeat(9000)}`, durationMs: 1 }] });
    expect(huge.status).toBe(400);
    expect(huge.body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
    const cases: Array<[unknown, string]> = [
      ['{not json', 'body'],
      [{ visitorId: 'short', events: [{ page: '/a', durationMs: 1 }] }, 'visitorId'],
      [
        {
          visitorId: id,
          events: [
            { page: '/a', durationMs: 1 },
            { page: 'https://elsewhere.example/', durationMs: 1 },
          ],
        },
        'events.1.page',
      ],
      [{ visitorId: id, events: [{ page: '/a', durationMs: -5 }] }, 'events.0.durationMs'],
      [{ visitorId: id, events: [{ page: '/a\u0000', durationMs: 1 }] }, 'events.0.page'],
      [{ visitorId: id, events: Array.from({ length: 21 }, () => ({ page: '/a', durationMs: 1 })) }, 'events'],
    ];
    for (const [body, field] of cases) {
      const response = await post('/collect', body);
      expect(response.status, field).toBe(400);
      expect(response.body, field).toMatchObject({ error: 'BAD_USER_INPUT', field });
    }
    const badConsent = await post('/collect/consent', { visitorId: visitor(), categories: ['ANALYTICS', 'TRACK_EVERYTHING'], noticeVersion: '3' });
    expect(badConsent.body).toMatchObject({ error: 'BAD_USER_INPUT', field: 'categories.1' });
    expect(await everything()).toEqual(before);
  });

  it('serves the script to the site: cross-origin, JavaScript, with the published notice version', async () => {
    const response = await request(server.app).get('/collect.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/javascript/);
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.text).toContain("'/collect/consent'");
    // It writes its cookie only inside consent() (after the visitor's choice), never on load.
    const onLoad = response.text.slice(0, response.text.indexOf('var api'));
    expect(onLoad).not.toMatch(/write\(VISITOR, [a-z]/);
  });
});

const ACTIVITY = `query ($id: UUID!) { customerWebActivity(customerId: $id) {
  consents { categories noticeVersion givenAt withdrawnAt linkedAt }
  events { page durationSeconds ipAddress userAgent occurredAt }
  forms { form message matched } } }`;

describe('linking a visitor to a customer by a form (P13, P7)', () => {
  it('[P13] a form fill links the visitor’s events to the customer', async () => {
    const id = visitor();
    const email = `lomake.${randomBytes(4).toString('hex')}@example.fi`;
    await consent(id, ['ANALYTICS', 'MARKETING']);
    await view(id, '/hinnasto', 30_000);
    await view(id, '/yhteystiedot', 5_000);
    const filled = await post('/forms/contact', {
      name: 'Aino Lomake',
      email: email.toUpperCase(),
      phone: '040 123 4567',
      message: 'Soittakaa minulle',
      visitorId: id,
    });
    expect(filled.status).toBe(202);
    expect(filled.body).toEqual({ received: true });

    const [customer] = await server.db.query(`SELECT id, first_name, last_name, email, phone, source FROM customers WHERE email = $1`, [email]);
    expect(customer).toMatchObject({ first_name: 'Aino', last_name: 'Lomake', phone: '+358401234567', source: 'WEB_FORM' });
    const provenance = await server.db.query(`SELECT DISTINCT source, recorded_by FROM customer_provenance WHERE customer_id = $1`, [customer.id]);
    expect(provenance).toEqual([{ source: 'WEB_FORM', recorded_by: null }]);

    const activity = await service.gql(ACTIVITY, { id: customer.id });
    expect(activity.errors).toBeUndefined();
    const { consents, events, forms } = activity.data.customerWebActivity;
    expect(consents).toEqual([expect.objectContaining({ categories: ['ANALYTICS', 'MARKETING'], noticeVersion: '3', withdrawnAt: null })]);
    expect(consents[0].linkedAt).not.toBeNull();
    expect(events.map((e: { page: string }) => e.page).sort()).toEqual(['/hinnasto', '/yhteystiedot']);
    expect(events.find((e: { page: string }) => e.page === '/hinnasto')).toMatchObject({ durationSeconds: 30, userAgent: expect.stringContaining('Firefox') });
    expect(forms).toEqual([{ form: 'contact', message: 'Soittakaa minulle', matched: false }]);

    // Another browser of the same person: matched by the e-mail through the duplicate check, no second customer.
    const second = visitor();
    await consent(second, ['ANALYTICS']);
    await view(second, '/blogi');
    expect((await post('/forms/contact', { firstName: 'Aino', lastName: 'Lomake', email, visitorId: second })).status).toBe(202);
    expect(await count(`customers WHERE email = $1`, [email])).toBe(1);
    const again = (await service.gql(ACTIVITY, { id: customer.id })).data.customerWebActivity;
    expect(again.consents).toHaveLength(2);
    expect(again.events).toHaveLength(3);
    expect(again.forms.map((f: { matched: boolean }) => f.matched)).toEqual([false, true]);
  });

  it('a form without consent creates or matches the customer and links nothing; a bad form is 400 and stores nothing', async () => {
    const id = visitor();
    const email = `ilman.${randomBytes(4).toString('hex')}@example.fi`;
    const before = await everything();
    for (const [body, field] of [
      [{ name: 'Yksinimi', email }, 'name'],
      [{ name: 'Eero Esimerkki', email: 'ei-osoite' }, 'email'],
      [{ name: 'Eero Esimerkki', email, phone: 'soita' }, 'phone'],
    ] as const) {
      const response = await post('/forms/contact', body);
      expect(response.status, field).toBe(400);
      expect(response.body.field, field).toBe(field);
    }
    expect(await everything()).toEqual(before);
    expect(await count(`customers WHERE email = $1`, [email])).toBe(0);
    // A plain HTML form (urlencoded) works too.
    const form = await request(server.app).post('/forms/contact').set('Origin', SITE).type('form').send({ name: 'Eero Esimerkki', email, visitorId: id });
    expect(form.status).toBe(202);
    const [customer] = await server.db.query(`SELECT id FROM customers WHERE email = $1`, [email]);
    const activity = (await service.gql(ACTIVITY, { id: customer.id })).data.customerWebActivity;
    expect(activity.consents).toEqual([]);
    expect(activity.events).toEqual([]);
  });

  it('marketing and a user without a role do not read a customer’s web activity', async () => {
    const [customer] = await server.db.query(`SELECT id FROM customers LIMIT 1`);
    const marketing = await server.as('marketing');
    const response = await marketing.gql(ACTIVITY, { id: customer.id });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(response.data).toBeNull();
  });
});

describe('retention and the person’s rights (P13, P14, P10)', () => {
  it('[P13] the purge keeps to the retention period', async () => {
    const old = visitor();
    const recent = visitor();
    await Promise.all([consent(old, ['ANALYTICS']), consent(recent, ['ANALYTICS'])]);
    const start = clock.now();
    await view(old, '/vanha');
    clock.advanceDays(300);
    await view(recent, '/uusi');
    clock.advanceDays(66); // the first event is now 366 days old, the second 66
    expect(await server.services.webEvents.purge()).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(old)).toBe(0);
    expect(await eventsOf(recent)).toBe(1);
    // The period is the register's configuration: shortened to 30 days, the next purge takes the second too.
    await server.db.query(`UPDATE register_config SET web_event_days = 30`);
    await server.services.webEvents.purge();
    expect(await eventsOf(recent)).toBe(0);
    await server.db.query(`UPDATE register_config SET web_event_days = 365`);
    clock.set(start);
  });

  it('[P13] the person’s events are in the access package and erased with them', async () => {
    const id = visitor();
    const email = `oikeudet.${randomBytes(4).toString('hex')}@example.fi`;
    await consent(id, ['ANALYTICS', 'MARKETING']);
    await view(id, '/palvelut', 61_000);
    await post('/forms/contact', { name: 'Outi Oikeus', email, message: 'Hei', visitorId: id });
    const [customer] = await server.db.query(`SELECT id FROM customers WHERE email = $1`, [email]);
    const request_ = async (type: 'ACCESS' | 'ERASURE') => {
      const created = await privacy.gql(`mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { id } }`, {
        input: { type, customerId: customer.id, requesterName: 'Outi Oikeus', receivedVia: 'WEB_FORM', language: 'EN', signed: false },
      });
      const requestId = created.data.createPrivacyRequest.id;
      await privacy.gql(`mutation ($id: UUID!) { verifyIdentity(id: $id, input: { method: STRONG_ELECTRONIC_IDENTIFICATION }) { status } }`, { id: requestId });
      return requestId as string;
    };
    const access = await privacy.gql(`mutation ($id: UUID!) { fulfilAccessRequest(id: $id) { json html } }`, { id: await request_('ACCESS') });
    expect(access.errors).toBeUndefined();
    const pkg = JSON.parse(access.data.fulfilAccessRequest.json);
    expect(pkg.webEvents.consents).toEqual([expect.objectContaining({ visitorId: id, categories: ['ANALYTICS', 'MARKETING'], noticeVersion: '3' })]);
    expect(pkg.webEvents.events).toEqual([expect.objectContaining({ page: '/palvelut', durationSeconds: 61, userAgent: expect.stringContaining('Firefox') })]);
    expect(pkg.webEvents.events[0].ipAddress).toBeTruthy();
    expect(pkg.webEvents.forms).toEqual([expect.objectContaining({ form: 'contact', message: 'Hei' })]);
    expect(access.data.fulfilAccessRequest.html).toContain('Cookies: consents, page views and forms');
    expect(access.data.fulfilAccessRequest.html).toContain('/palvelut');

    const erasure = await request_('ERASURE');
    const plan = await privacy.gql(`mutation ($id: UUID!) { planErasure(id: $id) { items { table action rowCount } } }`, { id: erasure });
    expect(plan.errors).toBeUndefined();
    expect(plan.data.planErasure.items).toEqual(
      expect.arrayContaining([
        { table: 'web_events', action: 'ERASE', rowCount: 1 },
        { table: 'web_consents', action: 'ERASE', rowCount: 1 },
        { table: 'web_form_submissions', action: 'ERASE', rowCount: 1 },
      ]),
    );
    const executed = await privacy.gql(`mutation ($id: UUID!) { executeErasure(id: $id) { request { status } } }`, { id: erasure });
    expect(executed.errors).toBeUndefined();
    expect(await eventsOf(id)).toBe(0);
    expect(await count(`web_consents WHERE visitor_id = $1 OR customer_id = $2`, [id, customer.id])).toBe(0);
    expect(await count(`web_form_submissions WHERE customer_id = $1`, [customer.id])).toBe(0);
    // The forgotten browser is a stranger now: its page views are not stored.
    expect((await view(id, '/palvelut')).body).toEqual({ stored: 0, code: 'NO_CONSENT' });
  });
});

describe('page statistics on the dashboard (P2, P13)', () => {
  const STATS = `{ webPageStatistics { minimumGroupSize since pages { page visitors { count fewerThan } views averageSeconds } } }`;

  it('[P13] page statistics fold every page under 5 visitors, and OTHER holds nobody or at least 5', async () => {
    const tag = randomBytes(3).toString('hex');
    const popular = `/suosittu-${tag}`;
    const rare = [`/harvinainen-${tag}-1`, `/harvinainen-${tag}-2`];
    const visitors = Array.from({ length: 9 }, visitor);
    await Promise.all(visitors.map((v) => consent(v, ['ANALYTICS'])));
    // Six visitors on the popular page, three and two on the rare ones; a visitor without analytics consent is not counted.
    for (const v of visitors.slice(0, 6)) await view(v, popular, 20_000);
    for (const v of visitors.slice(6, 9)) await view(v, rare[0], 4_000);
    for (const v of visitors.slice(0, 2)) await view(v, rare[1], 4_000);
    const marketingOnly = visitor();
    await consent(marketingOnly, ['MARKETING']);
    await view(marketingOnly, popular, 1_000);

    const response = await service.gql(STATS);
    expect(response.errors).toBeUndefined();
    const { minimumGroupSize, pages } = response.data.webPageStatistics;
    expect(minimumGroupSize).toBe(5);
    expect(pages.find((p: { page: string }) => p.page === popular)).toEqual({
      page: popular,
      visitors: { count: 6, fewerThan: null },
      views: 6,
      averageSeconds: 20,
    });
    for (const page of rare) expect(pages.map((p: { page: string }) => p.page)).not.toContain(page);
    for (const p of pages) {
      if (p.page !== 'OTHER') expect(p.visitors.count).toBeGreaterThanOrEqual(5);
      if (p.visitors.count === null) expect([p.views, p.averageSeconds]).toEqual([null, null]);
    }
    const other = pages.find((p: { page: string }) => p.page === 'OTHER');
    expect(other.visitors.count ?? 0).toBeGreaterThanOrEqual(5);
    // Marketing reads statistics too; a user without a role does not.
    expect((await (await server.as('marketing')).gql(STATS)).errors).toBeUndefined();
  });
});

describe('segments by web behaviour (P13, P15, P17)', () => {
  it('[P13] a segment by a visited page matches only customers with marketing consent and no PROFILING prohibition', async () => {
    const page = `/kampanja-${randomBytes(3).toString('hex')}`;
    const person = async (categories: string[], name: string) => {
      const id = visitor();
      const email = `${name.toLowerCase()}.${randomBytes(4).toString('hex')}@example.fi`;
      await consent(id, categories);
      await view(id, page);
      await post('/forms/contact', { name: `${name} Segmentti`, email, visitorId: id });
      return (await server.db.query(`SELECT id FROM customers WHERE email = $1`, [email]))[0].id as string;
    };
    const marketing = await person(['ANALYTICS', 'MARKETING'], 'Maija');
    const analyticsOnly = await person(['ANALYTICS'], 'Antti');
    const profilingProhibited = await person(['MARKETING'], 'Pekka');
    await server.db.query(`INSERT INTO prohibition_events (customer_id, kind, channel, action, via) VALUES ($1, 'PROFILING', 'EMAIL', 'SET', 'EMAIL')`, [
      profilingProhibited,
    ]);
    const matching = async (segment: Record<string, unknown>) => {
      const params = new Params();
      const where = segmentCondition(segment, params, { now: clock.now(), timeZone: 'Europe/Helsinki' });
      return (await server.db.query(`SELECT c.id FROM customers c WHERE ${where}`, params.values)).map((r: { id: string }) => r.id);
    };
    expect(await matching({ visitedPage: page })).toEqual([marketing]);
    expect(await matching({ visitedPage: page, visitedWithinDays: 7 })).toEqual([marketing]);
    expect([analyticsOnly, profilingProhibited]).not.toContain(marketing);
    // A withdrawal takes the person out at once (their events are gone).
    const [{ visitor_id: browser }] = await server.db.query(`SELECT visitor_id FROM web_consents WHERE customer_id = $1`, [marketing]);
    await consent(browser, []);
    expect(await matching({ visitedPage: page })).toEqual([]);
    expect(() => segmentCondition({ visitedPage: 'https://elsewhere.example/x' }, new Params(), { now: clock.now(), timeZone: 'UTC' })).toThrow(/path/);
    expect(() => segmentCondition({ visitedWithinDays: 3 }, new Params(), { now: clock.now(), timeZone: 'UTC' })).toThrow(/visitedPage/);
  });
});
