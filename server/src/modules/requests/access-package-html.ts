import type { DocumentDates } from './documents';
import { PACKAGE_SECTIONS, type PackageSection } from './personal-data';
import type { DocumentAddressee, Lang } from './request.model';
import { documentTemplate, page } from './templates';

/** P14: the printable access package, rendered from the package itself by an auto-escaping template. */

export type Json = Record<string, unknown>;
export type Package = Record<PackageSection, unknown> & { format: string; generatedAt: string; request: Json };

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
  requests: { fi: 'Tietosuojapyyntönne', en: 'Your data protection requests' },
};

const cents = (value: unknown) => (Number(value) / 100).toFixed(2);

/** A section of the printable package: a table, or a list. */
type SectionBody = { headers: string[]; rows: string[][] } | { items: string[] };

const PACKAGE = documentTemplate<{
  lang: Lang;
  title: string;
  requestNumber: string;
  prepared: string;
  sections: Array<{ title: string; headers?: string[]; rows?: string[][]; items?: string[] }>;
}>(
  `<h1><%= it.title %></h1>
<% if (it.lang === 'FI') { %><p class="meta">Pyyntö <%= it.requestNumber %> · laadittu <%= it.prepared %></p>
<p>Tässä asiakirjassa ovat kaikki tiedot, joita asiakasrekisterissämme on teistä, niiden lähteet, luovutukset, käsittelyn tarkoitukset ja säilytysajat. Sama sisältö on koneluettavana JSON-tiedostona.</p><% } else { %><p class="meta">Request <%= it.requestNumber %> · prepared <%= it.prepared %></p>
<p>This document holds everything our customer register keeps about you, where it came from, who it was disclosed to, why it is processed and for how long. The same content is available as a machine-readable JSON file.</p><% } %>
<% for (const s of it.sections) { %><h2><%= s.title %></h2>
<% if (s.items) { %><ul><% for (const i of s.items) { %><li><%= i %></li><% } %></ul><% } else if (s.rows.length === 0) { %><p><%= it.lang === 'FI' ? 'Ei tietoja.' : 'Nothing recorded.' %></p><% } else { %><table><thead><tr><% for (const h of s.headers) { %><th><%= h %></th><% } %></tr></thead><tbody><% for (const r of s.rows) { %><tr><% for (const c of r) { %><td><%= c %></td><% } %></tr><% } %></tbody></table><% } %>
<% } %>`,
);

/** The printable document: one section per part of the package, in the request's language. */
export function renderHtml(dates: DocumentDates, to: DocumentAddressee, data: Package): string {
  const lang = to.language;
  const fi = lang === 'FI';
  const t = (section: PackageSection) => LABELS[section][fi ? 'fi' : 'en'];
  const d = (value: unknown) => (value ? dates.format(lang, value as string) : '');
  const table = (headers: string[], rows: unknown[][]): SectionBody => ({ headers, rows: rows.map((r) => r.map((c) => (c == null ? '' : String(c)))) });
  const profile = data.profile as Json;
  const sections: Record<PackageSection, SectionBody> = {
    profile: table(
      [fi ? 'Tieto' : 'Field', fi ? 'Arvo' : 'Value'],
      Object.entries(profile).map(([k, v]) => [k, v && typeof v === 'object' && !(v instanceof Date) ? Object.values(v as Json).join(', ') : v]),
    ),
    provenance: table(
      [fi ? 'Tieto' : 'Field', fi ? 'Lähde' : 'Source', fi ? 'Lisätieto' : 'Detail', fi ? 'Ajankohta' : 'When'],
      (data.provenance as Json[]).map((p) => [p.field, p.source, p.detail, d(p.recordedAt)]),
    ),
    orders: table(
      [
        fi ? 'Tilaus' : 'Order',
        fi ? 'Päivä' : 'Date',
        fi ? 'Kanava' : 'Channel',
        fi ? 'Tila' : 'Status',
        fi ? 'Rivit' : 'Lines',
        fi ? 'Yhteensä €' : 'Total €',
      ],
      (data.orders as Json[]).map((o) => [
        o.orderNumber,
        d(o.orderedAt),
        o.channel,
        o.status,
        (o.lines as Json[]).map((l) => `${l.quantity} × ${l.name}`).join('; '),
        cents(o.grossCents),
      ]),
    ),
    invoices: table(
      [
        fi ? 'Lasku' : 'Invoice',
        fi ? 'Tilaus' : 'Order',
        fi ? 'Päivä' : 'Issued',
        fi ? 'Eräpäivä' : 'Due',
        fi ? 'Summa €' : 'Amount €',
        fi ? 'Tila' : 'Status',
      ],
      (data.invoices as Json[]).map((i) => [i.invoiceNumber, i.orderNumber, d(i.issuedAt), d(i.dueAt), cents(i.amountCents), i.status]),
    ),
    prohibitions: table(
      [fi ? 'Kielto' : 'Prohibition', fi ? 'Kanava' : 'Channel', fi ? 'Tapahtuma' : 'Action', fi ? 'Miten' : 'Via', fi ? 'Ajankohta' : 'When'],
      ((data.prohibitions as Json).ledger as Json[]).map((p) => [p.kind, p.channel ?? (fi ? 'kaikki' : 'all'), p.action, p.via, d(p.recordedAt)]),
    ),
    disclosures: table(
      [fi ? 'Ajankohta' : 'When', fi ? 'Vastaanottaja' : 'Recipient', fi ? 'Peruste' : 'Basis', fi ? 'Tiedot' : 'Fields'],
      (data.disclosures as Json[]).map((x) => [
        d(x.disclosedAt),
        `${(x.recipient as Json).name} (${(x.recipient as Json).country})`,
        x.basis,
        (x.fields as string[]).join(', '),
      ]),
    ),
    processors: table(
      [fi ? 'Nimi' : 'Name', fi ? 'Maa' : 'Country'],
      (data.processors as Json[]).map((p) => [p.name, p.country]),
    ),
    purposes: { items: data.purposes as string[] },
    retention: { items: data.retention as string[] },
    consultationLog: table(
      [fi ? 'Ajankohta' : 'When', fi ? 'Toimenpide' : 'Action', fi ? 'Tiedot' : 'Fields', fi ? 'Tarkoitus' : 'Purpose'],
      (data.consultationLog as Json[]).map((c) => [d(c.at), c.action, ((c.fields as string[]) ?? []).join(', '), c.purpose]),
    ),
    targetLists: table(
      [fi ? 'Kampanja' : 'Campaign', fi ? 'Tarkoitus' : 'Purpose', fi ? 'Kanava' : 'Channel', fi ? 'Muodostettu' : 'Built', fi ? 'Mukana' : 'Included'],
      (data.targetLists as Json[]).map((x) => [
        x.campaign,
        x.purpose,
        x.channel,
        d(x.builtAt),
        x.included ? (fi ? 'kyllä' : 'yes') : `${fi ? 'ei' : 'no'}: ${((x.exclusionReasons as string[]) ?? []).join(', ')}`,
      ]),
    ),
    webEvents: table(
      [fi ? 'Ajankohta' : 'When', fi ? 'Tapahtuma' : 'What', fi ? 'Tiedot' : 'Detail'],
      [
        ...((data.webEvents as Json).consents as Json[]).flatMap((c) => [
          [d(c.givenAt), fi ? 'Suostumus' : 'Consent', `${((c.categories as string[]) ?? []).join(', ')} (${fi ? 'seloste' : 'notice'} ${c.noticeVersion})`],
          ...(c.withdrawnAt ? [[d(c.withdrawnAt), fi ? 'Suostumus peruttu' : 'Consent withdrawn', '']] : []),
        ]),
        ...((data.webEvents as Json).forms as Json[]).map((f) => [d(f.submittedAt), fi ? 'Lomake' : 'Form', `${f.form}: ${f.message ?? ''}`]),
        ...((data.webEvents as Json).events as Json[]).map((e) => [
          d(e.occurredAt),
          fi ? 'Sivukäynti' : 'Page view',
          `${e.page} · ${e.durationSeconds} s · ${e.ipAddress ?? ''} · ${e.userAgent ?? ''}`,
        ]),
      ],
    ),
    requests: table(
      [fi ? 'Pyyntö' : 'Request', fi ? 'Tyyppi' : 'Type', fi ? 'Saapunut' : 'Received', fi ? 'Tila' : 'Status'],
      (data.requests as Json[]).map((r) => [r.requestNumber, r.type, d(r.receivedAt), r.status]),
    ),
  };
  const title = fi ? 'Tarkastuspyyntönne: tietonne asiakasrekisterissä' : 'Your access request: your data in the customer register';
  const body = PACKAGE.render({
    lang,
    title,
    requestNumber: String((data.request as Json).requestNumber ?? ''),
    prepared: d(data.generatedAt),
    sections: PACKAGE_SECTIONS.map((s) => ({ title: t(s), ...sections[s] })),
  });
  return page(lang, title, body, to);
}
