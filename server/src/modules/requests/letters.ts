import type { DocumentDates } from './documents';
import { DocumentWords } from './document-texts';
import type { ErasureItemRow } from './erasure.repository';
import type { RectificationItemRow } from './rectification.repository';
import type { DocumentAddressee, HoldReason, Lang } from './request.model';
import type { PrivacyRequestRow } from './requests.repository';
import { documentTemplate, page } from './templates';

/** What a letter says of the request it answers. */
type RequestHeader = Pick<PrivacyRequestRow, 'request_number' | 'requester_name' | 'received_at' | 'type'>;

/** A recipient of the person's data as a letter names it (GDPR 19: the requester is told who they were). */
export interface RecipientSummary {
  name: string;
  /** The fields the recipient received, as the disclosure ledger names them. */
  fields: string[];
}

/**
 * The letters a request's answer is made of, addressed to the requester and in the language of
 * the addressee (FI or EN), dated on the company's calendar (`dates`, in `TIME_ZONE`). Each one
 * that refuses or holds anything tells where to turn: the Data Protection Ombudsman or a court.
 * Every value is escaped by the template (templates.ts).
 */

const fiOf = (lang: Lang) => lang === 'FI';

const EXTENSION = documentTemplate<{ lang: Lang; title: string; name: string; received: string; until: string; reason: string }>(
  `<h1><%= it.title %></h1>
<% if (it.lang === 'FI') { %><p>Hyvä <%= it.name %>,</p>
<p>vastaanotimme pyyntönne <%= it.received %>. Tietosuoja-asetuksen 12 artiklan 3 kohdan nojalla jatkamme
vastausaikaa enintään kahdella kuukaudella. Vastaamme viimeistään <%= it.until %>.</p>
<p><strong>Syy:</strong> <%= it.reason %></p><% } else { %><p>Dear <%= it.name %>,</p>
<p>we received your request on <%= it.received %>. Under Article 12(3) GDPR we extend the time to answer
by at most two further months. We will answer by <%= it.until %>.</p>
<p><strong>Reason:</strong> <%= it.reason %></p><% } %>
<%~ include('@ombudsman', { lang: it.lang }) %>`,
);

/** GDPR 12(3): more time, and why. */
export function extensionNotice(dates: DocumentDates, to: DocumentAddressee, row: RequestHeader, until: Date, reason: string): string {
  const lang = to.language;
  const title = fiOf(lang) ? `Pyyntönne ${row.request_number} käsittelyaikaa jatketaan` : `More time for your request ${row.request_number}`;
  const body = EXTENSION.render({
    lang,
    title,
    name: row.requester_name,
    received: dates.format(lang, row.received_at),
    until: dates.format(lang, until),
    reason,
  });
  return page(lang, title, body, to);
}

const REFUSAL = documentTemplate<{ lang: Lang; title: string; date: string; name: string; reason: string }>(
  `<h1><%= it.title %></h1><p class="meta"><%= it.date %></p>
<% if (it.lang === 'FI') { %><p>Hyvä <%= it.name %>,</p><p>emme voi toteuttaa pyyntöänne.</p><p><strong>Perustelut:</strong> <%= it.reason %></p><% } else { %><p>Dear <%= it.name %>,</p><p>we cannot carry out your request.</p><p><strong>Reasons:</strong> <%= it.reason %></p><% } %>
<%~ include('@ombudsman', { lang: it.lang }) %>`,
);

export function refusalNotice(dates: DocumentDates, to: DocumentAddressee, row: RequestHeader, reason: string, now: Date): string {
  const lang = to.language;
  const title = fiOf(lang) ? `Päätös pyyntöönne ${row.request_number}` : `Decision on your request ${row.request_number}`;
  return page(lang, title, REFUSAL.render({ lang, title, date: dates.format(lang, now), name: row.requester_name, reason }), to);
}

const CERTIFICATE = documentTemplate<{
  lang: Lang;
  title: string;
  date: string;
  name: string;
  received: string;
  items: Array<{ field: string; value: string; decision: string; reason: string }>;
}>(
  `<h1><%= it.title %></h1>
<p class="meta"><%= it.date %></p>
<% if (it.lang === 'FI') { %><p>Hyvä <%= it.name %>,</p>
<p>olette pyytäneet <%= it.received %> tietojenne oikaisemista. Alla on päätös jokaisesta kohdasta perusteluineen.</p>
<table><thead><tr><th>Tieto</th><th>Pyydetty arvo</th><th>Päätös</th><th>Perustelut</th></tr></thead><% } else { %><p>Dear <%= it.name %>,</p>
<p>on <%= it.received %> you asked us to correct your data. Below is the decision on each item, with the reasons.</p>
<table><thead><tr><th>Field</th><th>Value asked for</th><th>Decision</th><th>Reasons</th></tr></thead><% } %><tbody><% for (const i of it.items) { %><tr><td><%= i.field %></td><td><%= i.value %></td><td><%= i.decision %></td><td><%= i.reason %></td></tr><% } %></tbody></table>
<%~ include('@ombudsman', { lang: it.lang }) %>`,
);

/** P16: the written answer to a rectification that was refused in whole or in part. */
export function rectificationCertificate(
  dates: DocumentDates,
  to: DocumentAddressee,
  row: RequestHeader,
  items: Array<Pick<RectificationItemRow, 'field' | 'proposed_value' | 'decision' | 'decision_reason'>>,
  now: Date,
): string {
  const lang = to.language;
  const fi = fiOf(lang);
  const w = new DocumentWords(lang, dates);
  const title = fi ? `Päätös oikaisupyyntöönne ${row.request_number}` : `Decision on your rectification request ${row.request_number}`;
  const body = CERTIFICATE.render({
    lang,
    title,
    date: dates.format(lang, now),
    name: row.requester_name,
    received: dates.format(lang, row.received_at),
    items: items.map((it) => ({
      field: w.field(it.field),
      value: it.proposed_value,
      decision: w.code('rectificationDecision', it.decision === 'APPROVED' ? 'APPROVED' : 'REJECTED'),
      reason: it.decision_reason ?? '',
    })),
  });
  return page(lang, title, body, to);
}

const REASON_TEXT: Record<HoldReason, { fi: string; en: string }> = {
  OPEN_INVOICE: { fi: 'avoin lasku', en: 'an open invoice' },
  IN_COLLECTION: { fi: 'lasku perinnässä', en: 'an invoice in debt collection' },
  ACCOUNTING_RETENTION: { fi: 'kirjanpitolain säilytysvelvollisuus (2:10)', en: 'the Accounting Act retention duty (2:10)' },
  LEGAL_OBLIGATION: { fi: 'lakisääteinen velvoite (osoitusvelvollisuus)', en: 'a legal obligation (accountability)' },
};

const TABLE_TEXT: Record<string, { fi: string; en: string }> = {
  customers: { fi: 'Yhteystiedot ja tunnistetiedot', en: 'Contact and identity data' },
  customer_provenance: { fi: 'Tietojen lähteet', en: 'Sources of the data' },
  prohibition_events: {
    fi: 'Kieltohistoria (kiellot säilyvät tunnistamattomina tiivisteinä)',
    en: 'Prohibition ledger (prohibitions kept as non-identifying hashes)',
  },
  target_list_exports: { fi: 'Markkinointiluettelotiedostot', en: 'Marketing list files' },
  target_list_members: { fi: 'Markkinoinnin kohderyhmät', en: 'Marketing target lists' },
  target_list_exclusions: { fi: 'Markkinoinnin poissulkemiset', en: 'Marketing exclusions' },
  campaign_exclusions: { fi: 'Kampanjoista käsin poissulkemiset', en: 'Kept off campaigns by hand' },
  audit_events: { fi: 'Muutoslokin arvot', en: 'Values in the change log' },
  disclosures: { fi: 'Luovutusloki (ilman tunnistetietoja)', en: 'Disclosure ledger (without identity)' },
  orders: { fi: 'Tilaukset', en: 'Orders' },
  invoices: { fi: 'Laskut', en: 'Invoices' },
  privacy_requests: { fi: 'Tietosuojapyyntönne ja vastauksemme', en: 'Your data protection requests and our answers' },
  privacy_documents: { fi: 'Aiemmat vastauksemme teille', en: 'Our earlier answers to you' },
  access_packages: { fi: 'Tarkastuspaketit', en: 'Access packages' },
  order_lines: { fi: 'Tilausrivit', en: 'Order lines' },
  web_consents: { fi: 'Evästesuostumukset', en: 'Cookie consents' },
  web_events: { fi: 'Sivukäynnit verkkosivuillamme', en: 'Page views on our web site' },
  web_form_submissions: { fi: 'Verkkolomakkeet', en: 'Web forms' },
  update_prohibition_events: { fi: 'Päivityskiellon historia', en: 'Update prohibition ledger' },
  address_update_rows: { fi: 'Osoitepalvelun päivitystiedostojen rivit', en: 'Rows of address update files' },
  customer_notes: { fi: 'Muistiinpanot ja yhteydenotot', en: 'Notes and contacts' },
  customer_import_rows: { fi: 'Asiakastuonnin tiedostojen rivit', en: 'Rows of customer import files' },
  retention_proposals: { fi: 'Säilytysajan tarkistukset', en: 'Retention reviews' },
  rectification_items: { fi: 'Oikaisupyyntöjen kohdat', en: 'Items of rectification requests' },
  rectification_notices: { fi: 'Oikaisuilmoitukset vastaanottajille', en: 'Rectification notices to recipients' },
};

/** The recipients with the fields they received named as the person knows them (`Sähköposti`, not `email`). */
const labelled = (dates: DocumentDates, lang: Lang, recipients: RecipientSummary[]): RecipientSummary[] => {
  const w = new DocumentWords(lang, dates);
  return recipients.map((r) => ({ name: r.name, fields: r.fields.map((f) => w.field(f)) }));
};

/** The recipients section of a reply (GDPR 19, last sentence). */
const RECIPIENTS = `<% if (it.lang === 'FI') { %><h2>Tietojenne vastaanottajat</h2><% if (it.recipients.length === 0) { %><p>Tietojanne ei ole luovutettu kenellekään.</p><% } else { %><p>Tietojanne on luovutettu alla oleville vastaanottajille. Ilmoitamme heille <%= it.what %>.</p><% } %><% } else { %><h2>Recipients of your data</h2><% if (it.recipients.length === 0) { %><p>Your data has not been disclosed to anyone.</p><% } else { %><p>Your data was disclosed to the recipients below. We are telling each of them <%= it.what %>.</p><% } %><% } %><% if (it.recipients.length > 0) { %><ul><% for (const r of it.recipients) { %><li><%= r.name %> (<%= r.fields.join(', ') %>)</li><% } %></ul><% } %>`;

const ERASURE_REPLY = documentTemplate<{
  lang: Lang;
  title: string;
  date: string;
  name: string;
  received: string;
  rows: Array<{ table: string; count: string; action: string }>;
  held: boolean;
  recipients: RecipientSummary[];
  what: string;
}>(
  `<h1><%= it.title %></h1>
<p class="meta"><%= it.date %></p>
<% if (it.lang === 'FI') { %><p>Hyvä <%= it.name %>,</p>
<p>olemme käsitelleet <%= it.received %> saapuneen pyyntönne. Alla on, mitä tiedoillenne on tehty.</p>
<table><thead><tr><th>Tiedot</th><th class="num">Rivejä</th><th>Toimenpide</th></tr></thead><% } else { %><p>Dear <%= it.name %>,</p>
<p>we have handled your request received on <%= it.received %>. Below is what was done with your data.</p>
<table><thead><tr><th>Data</th><th class="num">Rows</th><th>Action</th></tr></thead><% } %><tbody><% for (const r of it.rows) { %><tr><td><%= r.table %></td><td class="num"><%= r.count %></td><td><%= r.action %></td></tr><% } %></tbody></table>
<% if (it.held) { %><p><% if (it.lang === 'FI') { %>Säilytettävät tiedot poistetaan tai anonymisoidaan automaattisesti, kun säilytyksen peruste päättyy. Sillä välin säilytämme vain laskutukseen ja perintään tarvittavat tiedot, emmekä käytä niitä markkinointiin.<% } else { %>What is kept is erased or anonymised automatically when the reason to keep it ends. Meanwhile we keep only what invoicing and debt collection need, and do not use it for marketing.<% } %></p>
<% } %>${RECIPIENTS}
<%~ include('@ombudsman', { lang: it.lang }) %>`,
);

/** The written answer: what was done and, for anything held, why and until when; and who received the data. */
export function erasureReply(
  dates: DocumentDates,
  to: DocumentAddressee,
  row: RequestHeader,
  items: Array<Pick<ErasureItemRow, 'table_name' | 'action' | 'reason' | 'until' | 'row_count'>>,
  recipients: RecipientSummary[],
  now: Date,
): string {
  const lang = to.language;
  const fi = fiOf(lang);
  const erasure = row.type === 'ERASURE';
  const w = new DocumentWords(lang, dates);
  const title = fi
    ? `${erasure ? 'Poistopyyntönne' : 'Anonymisointipyyntönne'} ${row.request_number}`
    : `Your ${erasure ? 'erasure' : 'anonymisation'} request ${row.request_number}`;
  const action = (i: (typeof items)[number]) => {
    if (i.action === 'ERASE') return fi ? 'Poistettu' : 'Erased';
    if (i.action === 'ANONYMISE') return fi ? 'Anonymisoitu' : 'Anonymised';
    const reason = REASON_TEXT[i.reason as HoldReason][fi ? 'fi' : 'en'];
    const until = i.until ? ` ${fi ? 'saakka' : 'until'} ${dates.format(lang, i.until)}` : '';
    return fi ? `Säilytetään${until}: ${reason}` : `Kept${until}: ${reason}`;
  };
  const body = ERASURE_REPLY.render({
    lang,
    title,
    date: dates.format(lang, now),
    name: row.requester_name,
    received: dates.format(lang, row.received_at),
    rows: items.map((i) => ({ table: TABLE_TEXT[i.table_name]?.[fi ? 'fi' : 'en'] ?? i.table_name, count: w.count(Number(i.row_count)), action: action(i) })),
    held: items.some((i) => i.action === 'HOLD' && i.table_name !== 'privacy_requests'),
    recipients: labelled(dates, lang, recipients),
    what: fi ? (erasure ? 'tietojenne poistamisesta' : 'tietojenne anonymisoinnista') : erasure ? 'that your data was erased' : 'that your data was anonymised',
  });
  return page(lang, title, body, to);
}

const RESTRICTION_REPLY = documentTemplate<{
  lang: Lang;
  title: string;
  date: string;
  name: string;
  received: string;
  recipients: RecipientSummary[];
  what: string;
}>(
  `<h1><%= it.title %></h1>
<p class="meta"><%= it.date %></p>
<% if (it.lang === 'FI') { %><p>Hyvä <%= it.name %>,</p>
<p>olemme <%= it.received %> saapuneen pyyntönne mukaisesti rajoittaneet tietojenne käsittelyä (tietosuoja-asetuksen 18 artikla).
Tietojanne säilytetään, mutta niitä ei käytetä markkinointiin, luovuteta (paitsi lakisääteisen velvoitteen vuoksi) eikä muuteta
ilman suostumustanne. Ilmoitamme teille ennen kuin rajoitus poistetaan.</p><% } else { %><p>Dear <%= it.name %>,</p>
<p>as you asked in your request received on <%= it.received %>, we have restricted the processing of your data (Article 18 GDPR).
Your data is stored, but it is not used for marketing, disclosed (except where the law requires) or changed without your consent.
We will tell you before the restriction is lifted.</p><% } %>
${RECIPIENTS}
<%~ include('@ombudsman', { lang: it.lang }) %>`,
);

/** GDPR 18 and 19: processing is restricted; the recipients told of it are named. */
export function restrictionReply(dates: DocumentDates, to: DocumentAddressee, row: RequestHeader, recipients: RecipientSummary[], now: Date): string {
  const lang = to.language;
  const fi = fiOf(lang);
  const title = fi ? `Käsittelyn rajoittaminen, pyyntö ${row.request_number}` : `Restriction of processing, request ${row.request_number}`;
  const body = RESTRICTION_REPLY.render({
    lang,
    title,
    date: dates.format(lang, now),
    name: row.requester_name,
    received: dates.format(lang, row.received_at),
    recipients: labelled(dates, lang, recipients),
    what: fi ? 'käsittelyn rajoittamisesta' : 'that processing is restricted',
  });
  return page(lang, title, body, to);
}

const LIFT_NOTICE = documentTemplate<{ lang: Lang; title: string; date: string; name: string; received: string; reason: string }>(
  `<h1><%= it.title %></h1>
<p class="meta"><%= it.date %></p>
<% if (it.lang === 'FI') { %><p>Hyvä <%= it.name %>,</p>
<p>rajoitimme <%= it.received %> saapuneen pyyntönne mukaisesti henkilötietojenne käsittelyä. Tietosuoja-asetuksen 18 artiklan
3 kohdan mukaisesti ilmoitamme, että rajoitus poistetaan. Sen jälkeen tietojanne käsitellään jälleen tietosuojaselosteen mukaisesti.</p>
<p><strong>Syy:</strong> <%= it.reason %></p><% } else { %><p>Dear <%= it.name %>,</p>
<p>as you asked in your request received on <%= it.received %>, we restricted the processing of your personal data. As Article 18(3)
GDPR requires, we tell you that the restriction is being lifted. After that your data is processed again as our privacy notice describes.</p>
<p><strong>Reason:</strong> <%= it.reason %></p><% } %>
<%~ include('@ombudsman', { lang: it.lang }) %>`,
);

/** GDPR 18(3): the person is told before a restriction is lifted, and why. */
export function restrictionLiftNotice(dates: DocumentDates, to: DocumentAddressee, row: RequestHeader, reason: string, now: Date): string {
  const lang = to.language;
  const title = fiOf(lang)
    ? `Käsittelyn rajoitus poistetaan (pyyntö ${row.request_number})`
    : `Your restriction of processing is lifted (request ${row.request_number})`;
  return page(
    lang,
    title,
    LIFT_NOTICE.render({ lang, title, date: dates.format(lang, now), name: to.name, received: dates.format(lang, row.received_at), reason }),
    to,
  );
}
