import type { DocumentDates } from './documents';
import { DocumentWords } from './document-texts';
import { PACKAGE_SECTIONS, type PackageSection } from './personal-data';
import type { DocumentAddressee, Lang } from './request.model';
import { documentTemplate, page } from './templates';

/** P14: the printable access package, rendered from the package itself by an auto-escaping template. */

export type Json = Record<string, unknown>;
export type Package = Record<PackageSection, unknown> & { format: string; generatedAt: string; request: Json; controller: Json };

const LABELS: Record<PackageSection, { fi: string; en: string }> = {
  profile: { fi: 'Perustiedot ja tietolähteet', en: 'Profile and sources' },
  provenance: { fi: 'Mistä tiedot on saatu', en: 'Where each value came from' },
  orders: { fi: 'Tilaukset', en: 'Orders' },
  invoices: { fi: 'Laskut', en: 'Invoices' },
  prohibitions: { fi: 'Kiellot ja niiden historia', en: 'Prohibitions and their ledger' },
  disclosures: { fi: 'Tietojen luovutukset', en: 'Disclosures of your data' },
  processors: { fi: 'Tietoja käsittelevät palveluntarjoajat', en: 'Processors that hold the data' },
  purposes: { fi: 'Käsittelyn tarkoitukset', en: 'Purposes of processing' },
  retention: { fi: 'Säilytysajat', en: 'Retention periods' },
  consultationLog: { fi: 'Tietojenne katselut (ajankohta ja tarkoitus)', en: 'Reads of your data (when and why)' },
  targetLists: { fi: 'Markkinoinnin kohderyhmät', en: 'Marketing target lists' },
  webEvents: { fi: 'Evästeet: suostumukset, sivukäynnit ja lomakkeet', en: 'Cookies: consents, page views and forms' },
  notes: { fi: 'Muistiinpanot ja yhteydenotot', en: 'Notes and contacts' },
  requests: { fi: 'Tietosuojapyyntönne', en: 'Your data protection requests' },
};

/** A section of the printable package: a table, or a list. */
type SectionBody = { headers: string[]; rows: string[][]; numeric?: number[] } | { items: string[] };

const PACKAGE = documentTemplate<{
  lang: Lang;
  title: string;
  requestNumber: string;
  prepared: string;
  sections: Array<{ title: string; headers?: string[]; rows?: string[][]; numeric?: number[]; items?: string[] }>;
}>(
  `<h1><%= it.title %></h1>
<% if (it.lang === 'FI') { %><p class="meta">Pyyntö <%= it.requestNumber %> · laadittu <%= it.prepared %></p>
<p>Tässä asiakirjassa ovat kaikki tiedot, joita asiakasrekisterissämme on teistä, niiden lähteet, luovutukset, käsittelyn tarkoitukset ja säilytysajat. Sama sisältö on koneluettavana JSON-tiedostona.</p><% } else { %><p class="meta">Request <%= it.requestNumber %> · prepared <%= it.prepared %></p>
<p>This document holds everything our customer register keeps about you, where it came from, who it was disclosed to, why it is processed and for how long. The same content is available as a machine-readable JSON file.</p><% } %>
<% for (const s of it.sections) { %><h2><%= s.title %></h2>
<% if (s.items) { %><ul><% for (const i of s.items) { %><li><%= i %></li><% } %></ul><% } else if (s.rows.length === 0) { %><p><%= it.lang === 'FI' ? 'Ei tietoja.' : 'Nothing recorded.' %></p><% } else { %><table><thead><tr><% s.headers.forEach((h, n) => { %><th<% if (s.numeric && s.numeric.includes(n)) { %> class="num"<% } %>><%= h %></th><% }) %></tr></thead><tbody><% for (const r of s.rows) { %><tr><% r.forEach((c, n) => { %><td<% if (s.numeric && s.numeric.includes(n)) { %> class="num"<% } %>><%= c %></td><% }) %></tr><% } %></tbody></table><% } %>
<% } %>`,
);

/** The profile's rows in the order a person reads them; the nested and the derived values in words. */
const PROFILE_ORDER = [
  'customerNumber',
  'firstName',
  'lastName',
  'organisation',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'language',
  'partner',
  'source',
  'restricted',
  'pendingErasure',
  'createdAt',
  'updatedAt',
] as const;

/** A profile value as the person reads it. */
function profileValue(w: DocumentWords, key: string, value: unknown): string {
  if (value == null || value === '') return '';
  switch (key) {
    case 'organisation': {
      const o = value as Json;
      return o.businessId ? `${o.name} (${w.field('businessId')} ${o.businessId})` : String(o.name ?? '');
    }
    case 'country':
      return w.country(value);
    case 'language':
      return w.code('language', value);
    case 'source':
      return w.code('source', value);
    case 'restricted':
    case 'pendingErasure':
      return w.yesNo(value);
    case 'createdAt':
    case 'updatedAt':
      return w.dateTime(value);
    default:
      return String(value);
  }
}

/**
 * The consultation log as a person reads it: one row per day, action and purpose with how many times, the
 * fields shown in any of them, instead of forty identical rows (the JSON keeps every entry).
 */
export function consultationGroups(
  w: DocumentWords,
  log: readonly Json[],
): Array<{ day: string; action: string; purpose: string; fields: string; count: number }> {
  const groups = new Map<string, { day: string; action: string; purpose: string; fields: Set<string>; count: number }>();
  for (const c of log) {
    const day = w.date(c.at);
    const action = w.code('consultation', c.action);
    const purpose = c.purpose ? w.code('readPurpose', c.purpose) : w.t('(ei kirjattu)', '(not recorded)');
    const key = `${day}\u0000${action}\u0000${purpose}`;
    let group = groups.get(key);
    if (!group) {
      group = { day, action, purpose, fields: new Set(), count: 0 };
      groups.set(key, group);
    }
    group.count++;
    for (const f of (c.fields as string[] | null) ?? []) group.fields.add(f);
  }
  return [...groups.values()].map((g) => ({ ...g, fields: w.fields([...g.fields]) }));
}

/** The printable document: one section per part of the package, in the request's language, every code in words. */
export function renderHtml(dates: DocumentDates, to: DocumentAddressee, data: Package): string {
  const lang = to.language;
  const w = new DocumentWords(lang, dates);
  const fi = w.fi;
  const t = (section: PackageSection) => LABELS[section][w.key];
  const table = (headers: string[], rows: unknown[][], numeric?: number[]): SectionBody => ({
    headers,
    rows: rows.map((r) => r.map((c) => (c == null ? '' : String(c)))),
    numeric,
  });
  const profile = data.profile as Json;
  const prohibitions = data.prohibitions as Json;
  const web = data.webEvents as Json;
  const sections: Record<PackageSection, SectionBody> = {
    profile: table(
      [w.t('Tieto', 'Field'), w.t('Arvo', 'Value')],
      PROFILE_ORDER.filter((k) => k in profile).map((k) => [w.field(k), profileValue(w, k, profile[k])]),
    ),
    provenance: table(
      [w.t('Tieto', 'Field'), w.t('Lähde', 'Source'), w.t('Lisätieto', 'Detail'), w.t('Ajankohta', 'When')],
      (data.provenance as Json[]).map((p) => [w.field(String(p.field)), w.code('source', p.source), p.detail, w.dateTime(p.recordedAt)]),
    ),
    orders: table(
      [
        w.t('Tilaus', 'Order'),
        w.t('Tilattu', 'Ordered'),
        w.t('Kanava', 'Channel'),
        w.t('Tila', 'Status'),
        w.t('Tilausrivit', 'Lines'),
        w.t('Yhteensä (sis. ALV)', 'Total (incl. VAT)'),
      ],
      (data.orders as Json[]).map((o) => [
        o.orderNumber,
        w.dateTime(o.orderedAt),
        o.channelDetail ? `${w.code('orderChannel', o.channel)} (${o.channelDetail})` : w.code('orderChannel', o.channel),
        o.closedAt && o.status !== 'OPEN' ? `${w.code('orderStatus', o.status)} ${w.date(o.closedAt)}` : w.code('orderStatus', o.status),
        (o.lines as Json[])
          .map((l) => `${w.count(Number(l.quantity))} × ${l.name} à ${w.euros(l.unitPriceCents)} + ${w.t('ALV', 'VAT')} ${w.percent(l.vatRateBasisPoints)}`)
          .join('; '),
        w.euros(o.grossCents),
      ]),
      [5],
    ),
    invoices: table(
      [w.t('Lasku', 'Invoice'), w.t('Tilaus', 'Order'), w.t('Päiväys', 'Issued'), w.t('Eräpäivä', 'Due'), w.t('Summa', 'Amount'), w.t('Tila', 'Status')],
      (data.invoices as Json[]).map((i) => [
        i.invoiceNumber,
        i.orderNumber,
        w.date(i.issuedAt),
        w.date(i.dueAt),
        w.euros(i.amountCents),
        [w.code('invoiceStatus', i.status), i.paidAt ? `${w.date(i.paidAt)}` : '', i.collectionAgency ? `(${i.collectionAgency})` : '']
          .filter(Boolean)
          .join(' '),
      ]),
      [4],
    ),
    prohibitions: table(
      [w.t('Kielto', 'Prohibition'), w.t('Kanava', 'Channel'), w.t('Tapahtuma', 'Action'), w.t('Miten ilmoitettu', 'How it came in'), w.t('Ajankohta', 'When')],
      [
        ...(prohibitions.ledger as Json[]).map((p) => [
          w.code('prohibitionKind', p.kind),
          p.channel ? w.code('contactChannel', p.channel) : w.t('kaikki kanavat', 'all channels'),
          w.code('prohibitionAction', p.action),
          w.code('via', p.via),
          w.dateTime(p.recordedAt),
        ]),
        ...((prohibitions.updateProhibitionLedger as Json[] | undefined) ?? []).map((e) => [
          w.code('prohibitionKind', 'UPDATE'),
          '',
          w.code('prohibitionAction', e.action),
          e.via ? w.code('via', e.via) : w.code('source', e.source),
          w.dateTime(e.recordedAt),
        ]),
      ],
    ),
    disclosures: table(
      [w.t('Ajankohta', 'When'), w.t('Vastaanottaja', 'Recipient'), w.t('Peruste', 'Basis'), w.t('Luovutetut tiedot', 'Data disclosed')],
      (data.disclosures as Json[]).map((x) => {
        const r = x.recipient as Json;
        return [
          w.dateTime(x.disclosedAt),
          `${r.name} (${[w.code('recipientKind', r.kind), w.country(r.country)].filter(Boolean).join(', ')})`,
          w.code('disclosureBasis', x.basis),
          w.fields(x.fields as string[]),
        ];
      }),
    ),
    processors: table(
      [w.t('Nimi', 'Name'), w.t('Maa', 'Country'), w.t('Siirtoperuste', 'Transfer safeguard')],
      (data.processors as Json[]).map((p) => [p.name, w.country(p.country), w.code('safeguard', p.safeguard)]),
    ),
    purposes: { items: data.purposes as string[] },
    retention: { items: data.retention as string[] },
    consultationLog: table(
      [w.t('Päivä', 'Day'), w.t('Mitä tehtiin', 'What was done'), w.t('Tarkoitus', 'Purpose'), w.t('Tiedot', 'Data'), w.t('Kertaa', 'Times')],
      consultationGroups(w, data.consultationLog as Json[]).map((g) => [g.day, g.action, g.purpose, g.fields, w.count(g.count)]),
      [4],
    ),
    targetLists: table(
      [
        w.t('Kampanja', 'Campaign'),
        w.t('Tarkoitus', 'Purpose'),
        w.t('Kanava', 'Channel'),
        w.t('Muodostettu', 'Built'),
        w.t('Mukana', 'Included'),
        w.t('Huomautus', 'Note'),
      ],
      (data.targetLists as Json[]).map((x) => [
        x.campaign,
        w.code('marketingPurpose', x.purpose),
        w.code('contactChannel', x.channel),
        w.dateTime(x.builtAt),
        x.included ? w.yesNo(true) : `${w.yesNo(false)}: ${((x.exclusionReasons as string[]) ?? []).map((r) => w.code('exclusionReason', r)).join(', ')}`,
        x.note ?? '',
      ]),
    ),
    webEvents: table(
      [w.t('Ajankohta', 'When'), w.t('Tapahtuma', 'What'), w.t('Tiedot', 'Detail')],
      [
        ...(web.consents as Json[]).flatMap((c) => [
          [
            w.dateTime(c.givenAt),
            w.t('Suostumus', 'Consent'),
            `${((c.categories as string[]) ?? []).map((k) => w.code('consentCategory', k)).join(', ')} (${w.t('tietosuojaseloste', 'privacy notice')} ${c.noticeVersion})`,
          ],
          ...(c.withdrawnAt ? [[w.dateTime(c.withdrawnAt), w.t('Suostumus peruttu', 'Consent withdrawn'), '']] : []),
        ]),
        ...(web.forms as Json[]).map((f) => [w.dateTime(f.submittedAt), w.t('Lomake', 'Form'), `${f.form}: ${f.message ?? ''}`]),
        ...(web.events as Json[]).map((e) => [
          w.dateTime(e.occurredAt),
          w.t('Sivukäynti', 'Page view'),
          [e.page, e.durationSeconds != null ? `${w.count(Number(e.durationSeconds))} s` : '', e.ipAddress, e.userAgent].filter(Boolean).join(' · '),
        ]),
      ],
    ),
    notes: table(
      [w.t('Ajankohta', 'When'), w.t('Tyyppi', 'Type'), w.t('Kirjoittaja', 'Written by'), w.t('Teksti', 'Text')],
      ((data.notes as Json[] | undefined) ?? []).map((n) => [
        w.dateTime(n.createdAt),
        n.kind === 'CONTACT' ? `${w.t('Yhteydenotto', 'Contact')} (${w.code('noteChannel', n.channel)})` : w.t('Muistiinpano', 'Note'),
        n.author,
        n.text,
      ]),
    ),
    requests: table(
      [
        w.t('Pyyntö', 'Request'),
        w.t('Tyyppi', 'Type'),
        w.t('Saapunut', 'Received'),
        w.t('Miten saapui', 'Received by'),
        w.t('Tila', 'Status'),
        w.t('Päättynyt', 'Closed'),
      ],
      (data.requests as Json[]).map((r) => [
        r.requestNumber,
        w.code('requestType', r.type),
        w.dateTime(r.receivedAt),
        w.code('requestVia', r.receivedVia),
        w.code('requestStatus', r.status),
        w.date(r.closedAt),
      ]),
    ),
  };
  const title = fi ? 'Tarkastuspyyntönne: tietonne asiakasrekisterissä' : 'Your access request: your data in the customer register';
  const body = PACKAGE.render({
    lang,
    title,
    requestNumber: String((data.request as Json).requestNumber ?? ''),
    prepared: w.dateTime(data.generatedAt),
    sections: PACKAGE_SECTIONS.map((s) => ({ title: t(s), ...sections[s] })),
  });
  return page(lang, title, body, to);
}
