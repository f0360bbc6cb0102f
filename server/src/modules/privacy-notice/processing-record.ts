import { peopleCsv } from '../../csv';
import type { NoticeLang, NoticeText } from './notice-content';
import { Eta } from 'eta';

/**
 * GDPR 30(1): the record of processing activities, from the same configuration as the notice: one row per item
 * the article asks for (controller and contact, purposes, categories of data subjects and of data, recipients,
 * transfers with their safeguards, retention periods, security measures).
 */
const ITEMS: Array<{ article: string; fi: string; en: string; sections: string[] }> = [
  { article: '30(1)(a)', fi: 'Rekisterinpitäjä ja yhteyshenkilö', en: 'Controller and contact', sections: ['controller', 'contact'] },
  { article: '30(1)(b)', fi: 'Käsittelyn tarkoitukset', en: 'Purposes of the processing', sections: ['purposes'] },
  { article: '30(1)(c)', fi: 'Rekisteröityjen ryhmät ja henkilötietoryhmät', en: 'Categories of data subjects and of personal data', sections: ['data'] },
  { article: '30(1)(d)', fi: 'Vastaanottajat', en: 'Recipients', sections: ['disclosures'] },
  { article: '30(1)(e)', fi: 'Siirrot EU:n ja ETA:n ulkopuolelle ja suojatoimet', en: 'Transfers to third countries and safeguards', sections: ['transfers'] },
  { article: '30(1)(f)', fi: 'Poistamisen määräajat', en: 'Time limits for erasure', sections: ['retention'] },
  { article: '30(1)(g)', fi: 'Tekniset ja organisatoriset suojatoimet', en: 'Technical and organisational security measures', sections: ['manual', 'it'] },
];

export interface ProcessingRecordRow {
  article: string;
  item: string;
  content: string[];
}

export function processingRecord(notice: NoticeText, lang: NoticeLang): ProcessingRecordRow[] {
  const byKey = new Map(notice.sections.map((s) => [s.key, s]));
  const subjects =
    lang === 'fi' ? 'Rekisteröidyt: asiakkaat ja yritysasiakkaiden yhteyshenkilöt.' : 'Data subjects: customers and contact persons of business customers.';
  return ITEMS.map((i) => ({
    article: i.article,
    item: i[lang],
    content: [...(i.article === '30(1)(c)' ? [subjects] : []), ...i.sections.flatMap((k) => byKey.get(k)?.paragraphs ?? [])],
  }));
}

export function processingRecordCsv(rows: ProcessingRecordRow[], lang: NoticeLang): Buffer {
  const header = lang === 'fi' ? ['Artikla', 'Kohta', 'Sisältö'] : ['Article', 'Item', 'Content'];
  return peopleCsv(
    lang,
    header,
    rows.flatMap((r) => r.content.map((c) => [r.article, r.item, c])),
  );
}

const eta = new Eta({ autoEscape: true, autoTrim: false, cache: true, useWith: false });
const RECORD = eta.compile(`<!doctype html>
<html lang="<%= it.lang %>"><head><meta charset="utf-8"><title><%= it.title %></title>
<style>body{font:11pt/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3em .5em;border-bottom:1px solid #ddd}</style></head>
<body><h1><%= it.title %></h1><p><%= it.generated %></p>
<table><thead><tr><th><%= it.lang === 'fi' ? 'Artikla' : 'Article' %></th><th><%= it.lang === 'fi' ? 'Kohta' : 'Item' %></th><th><%= it.lang === 'fi' ? 'Sisältö' : 'Content' %></th></tr></thead><tbody>
<% for (const r of it.rows) { %><tr><td><%= r.article %></td><td><%= r.item %></td><td><ul><% for (const c of r.content) { %><li><%= c %></li><% } %></ul></td></tr>
<% } %></tbody></table></body></html>
`);

export function processingRecordHtml(rows: ProcessingRecordRow[], lang: NoticeLang, at: Date): string {
  const title = lang === 'fi' ? 'Seloste käsittelytoimista (tietosuoja-asetus 30 artikla)' : 'Record of processing activities (GDPR Article 30)';
  const generated = `${lang === 'fi' ? 'Laadittu' : 'Generated'} ${at.toISOString().slice(0, 10)}`;
  return eta.render(RECORD, { lang, title, generated, rows });
}
