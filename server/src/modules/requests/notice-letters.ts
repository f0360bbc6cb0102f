import type { DocumentDates } from './documents';
import { DocumentWords } from './document-texts';
import { NoticeKind, type DocumentAddressee, type Lang } from './request.model';
import { documentTemplate, page } from './templates';

/** Whom a notice is about, as the recipient knows them. */
export interface NoticePerson {
  name: string;
  customerNumber: string;
}

/** A corrected value a recipient is told of. */
export interface CorrectedValue {
  field: string;
  value: string;
}

const NOTICE = documentTemplate<{
  lang: Lang;
  kind: NoticeKind;
  title: string;
  date: string;
  recipient: string;
  person: NoticePerson;
  requestNumber: string;
  fields: string[];
  corrections: CorrectedValue[];
}>(
  `<h1><%= it.title %></h1>
<p class="meta"><%= it.date %></p>
<% if (it.lang === 'FI') { %><p><%= it.recipient %>,</p>
<p>olemme luovuttaneet teille henkilötietoja rekisteröidystä <strong><%= it.person.name %></strong> (asiakasnumero <%= it.person.customerNumber %>).
Tietosuoja-asetuksen 19 artiklan mukaisesti ilmoitamme, että
<% if (it.kind === 'RECTIFICATION') { %>rekisteröidyn pyynnöstä (<%= it.requestNumber %>) seuraavat tiedot on oikaistu. Pyydämme korjaamaan ne myös teidän rekisteriinne.</p>
<table><thead><tr><th>Tieto</th><th>Oikaistu arvo</th></tr></thead><tbody><% for (const c of it.corrections) { %><tr><td><%= c.field %></td><td><%= c.value %></td></tr><% } %></tbody></table>
<% } else if (it.kind === 'ERASURE') { %>rekisteröidyn pyynnöstä (<%= it.requestNumber %>) hänen tietonsa on poistettu rekisteristämme. Pyydämme poistamaan teille luovuttamamme tiedot,
ellei laki velvoita teitä säilyttämään niitä: <%= it.fields.join(', ') %>.</p>
<% } else { %>rekisteröity on pyytänyt (<%= it.requestNumber %>) tietojensa käsittelyn rajoittamista (18 artikla). Pyydämme rajoittamaan teille luovuttamiemme tietojen käsittelyn
(<%= it.fields.join(', ') %>): säilyttäkää ne, mutta älkää käsitelkö niitä muuten kuin lain sallimissa rajoissa.</p>
<% } %><% } else { %><p>To <%= it.recipient %>,</p>
<p>we disclosed to you personal data of the data subject <strong><%= it.person.name %></strong> (customer number <%= it.person.customerNumber %>).
As Article 19 GDPR requires, we tell you that
<% if (it.kind === 'RECTIFICATION') { %>at the data subject's request (<%= it.requestNumber %>) the data below has been corrected. Please correct it in your records too.</p>
<table><thead><tr><th>Field</th><th>Corrected value</th></tr></thead><tbody><% for (const c of it.corrections) { %><tr><td><%= c.field %></td><td><%= c.value %></td></tr><% } %></tbody></table>
<% } else if (it.kind === 'ERASURE') { %>at the data subject's request (<%= it.requestNumber %>) their data has been erased from our register. Please erase the data we disclosed to you,
unless the law obliges you to keep it: <%= it.fields.join(', ') %>.</p>
<% } else { %>the data subject has asked (<%= it.requestNumber %>) for the processing of their data to be restricted (Article 18). Please restrict the processing of the data we
disclosed to you (<%= it.fields.join(', ') %>): store it, but do not otherwise process it except as the law allows.</p>
<% } %><% } %>`,
);

const TITLES: Record<NoticeKind, { fi: string; en: string }> = {
  RECTIFICATION: { fi: 'Ilmoitus henkilötietojen oikaisusta', en: 'Notice of the rectification of personal data' },
  ERASURE: { fi: 'Ilmoitus henkilötietojen poistamisesta', en: 'Notice of the erasure of personal data' },
  RESTRICTION: { fi: 'Ilmoitus käsittelyn rajoittamisesta', en: 'Notice of the restriction of processing' },
};

/** GDPR 19: a recipient of the person's data is told of a rectification, an erasure or a restriction. */
export function recipientNotice(
  dates: DocumentDates,
  to: DocumentAddressee,
  kind: NoticeKind,
  person: NoticePerson,
  requestNumber: string,
  fields: string[],
  corrections: CorrectedValue[],
  now: Date,
): string {
  const lang = to.language;
  const title = TITLES[kind][lang === 'FI' ? 'fi' : 'en'];
  const w = new DocumentWords(lang, dates);
  const body = NOTICE.render({
    lang,
    kind,
    title,
    date: dates.format(lang, now),
    recipient: to.name,
    person,
    requestNumber,
    fields: fields.map((f) => w.field(f)),
    corrections: corrections.map((c) => ({ field: w.field(c.field), value: c.value })),
  });
  return page(lang, title, body, to);
}
