import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import type { CustomersService } from '../customers/customers.service';
import { assertReadable } from '../../auth/authorize';
import {
  activeProcessors,
  consultationsOf,
  disclosuresOf,
  invoicesOf,
  orderLinesOf,
  ordersOf,
  prohibitionLedgerOf,
  prohibitionsInForceOf,
  provenanceOf,
  requestsOf,
  targetListsOf,
} from './access-package.repository';
import { escapeHtml, htmlPage, PrivacyDocumentKind, requesterAddressee, type DocumentDates, type Lang, type PrivacyDocuments } from './documents';
import { PACKAGE_CUSTOMER_FIELDS, PACKAGE_SECTIONS, type PackageSection } from './personal-data';
import { PrivacyRequestStatus, PrivacyRequestType, type AccessPackage } from './request.model';
import type { CustomerRequestRow } from './requests.repository';
import type { RequestsService } from './requests.service';

/** Why the register processes data (the privacy notice), in both languages. */
const PURPOSES = [
  { fi: 'Asiakasrekisterin ylläpito ja asiakassuhteen hoito', en: 'Keeping the customer register and managing the customer relationship' },
  { fi: 'Tilausten hallinnointi, arkistointi ja käsittely', en: 'Managing, archiving and processing orders' },
  { fi: 'Toiminnan kehittäminen ja tilastointi', en: 'Developing the business and statistics' },
  { fi: 'Suoramarkkinointi ja kohdennettu sisältö, ellei sitä ole kielletty', en: 'Direct marketing and targeted content, unless forbidden' },
  { fi: 'Lakisääteiset velvoitteet (kirjanpito, laskutus, perintä)', en: 'Legal obligations (accounting, invoicing, debt collection)' },
];

const RETENTION = [
  {
    fi: 'Asiakastiedot: asiakassuhteen ajan; poistopyynnöstä poistetaan, ellei laki edellytä säilyttämistä',
    en: 'Customer data: for the customer relationship; erased on request unless the law requires keeping it',
  },
  {
    fi: 'Tilaukset ja laskut (tositteet): 6 vuotta sen vuoden lopusta, jonka aikana tilikausi päättyi (kirjanpitolaki 2:10)',
    en: 'Orders and invoices (vouchers): 6 years from the end of the year in which the financial year ended (Accounting Act 2:10)',
  },
  {
    fi: 'Markkinointikiellot: voimassa kunnes perutaan; poistetun asiakkaan kiellosta säilyy vain tunnistamaton tiiviste',
    en: 'Marketing prohibitions: until lifted; of an erased customer only a non-identifying keyed hash is kept',
  },
  {
    fi: 'Katselu- ja muutosloki: tietoturvan ja oikeusturvan vuoksi',
    en: 'Consultation and change log: for security and to protect legal rights',
  },
];

type Json = Record<string, unknown>;
type Package = Record<PackageSection, unknown> & { format: string; generatedAt: string; request: Json };

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
  requests: { fi: 'Tietosuojapyyntönne', en: 'Your data protection requests' },
};

const cents = (value: unknown) => (Number(value) / 100).toFixed(2);

/** P14: everything about the person, as JSON (portability) and as a printable document, stored with hashes. */
export class AccessPackages {
  constructor(
    private readonly requests: RequestsService,
    private readonly customers: CustomersService,
    private readonly documents: PrivacyDocuments,
  ) {}

  async fulfil(actor: Actor, id: string): Promise<AccessPackage> {
    let result: Omit<AccessPackage, 'request'> | undefined;
    const request = await this.requests.workOnCustomer(actor, id, { types: [PrivacyRequestType.ACCESS], fields: ['documents', 'status'] }, async (tx, row) => {
      const data = await this.collect(tx, actor, row);
      const lang = row.language;
      const json = JSON.stringify(data);
      const html = renderHtml(this.documents.dates, lang, data);
      const base = `request-${row.request_number}-access-package`;
      const common = { requestId: row.id, addressee: await requesterAddressee(tx, row, lang), actorId: actor.user.id };
      const jsonDocument = await this.documents.store(tx, {
        ...common,
        kind: PrivacyDocumentKind.ACCESS_PACKAGE_JSON,
        filename: `${base}.json`,
        contentType: 'application/json; charset=utf-8',
        content: json,
      });
      const htmlDocument = await this.documents.store(tx, {
        ...common,
        kind: PrivacyDocumentKind.ACCESS_PACKAGE_HTML,
        filename: `${base}.html`,
        contentType: 'text/html; charset=utf-8',
        content: html,
      });
      await this.requests.transition(tx, actor, row, PrivacyRequestStatus.COMPLETED, 'DOCUMENT', null, {
        documents: [jsonDocument.id, htmlDocument.id],
        sha256: { json: jsonDocument.sha256, html: htmlDocument.sha256 },
      });
      await this.requests.audit(tx, actor, 'ACCESS_PACKAGE_CREATED', row, { sha256: jsonDocument.sha256 });
      result = { json, html, jsonDocument, htmlDocument };
    });
    if (!result) throw new Error('the access package was not made');
    return { ...result, request };
  }

  /**
   * Reads every section for one customer: a handful of statements, whatever the number of orders.
   * The package carries only what its maker may read: every customer field in it, on this customer.
   */
  async collect(tx: EntityManager, actor: Actor, row: CustomerRequestRow): Promise<Package> {
    const customerId = row.customer_id;
    const now = this.requests.now();
    // Through the gate: the customer the maker may see, and every field of them the package carries readable by them.
    const customer = await this.customers.get(actor, customerId, tx);
    const gate = { id: customer.id, partnerId: customer.partnerId, restricted: customer.restricted, anonymised: customer.anonymised };
    assertReadable(actor, 'Customer', PACKAGE_CUSTOMER_FIELDS, 'An access package carries everything about the person.', gate);
    const provenance = await provenanceOf(tx, customerId);
    const orders = await ordersOf(tx, customerId);
    const linesOf = new Map<string, Json[]>();
    for (const l of await orderLinesOf(tx, customerId)) {
      const line = {
        position: l.position,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        unitPriceCents: Number(l.unit_price_cents),
        vatRateBasisPoints: l.vat_rate_bp,
        grossCents: Number(l.gross_cents),
      };
      const list = linesOf.get(l.order_id);
      if (list) list.push(line);
      else linesOf.set(l.order_id, [line]);
    }
    const invoices = await invoicesOf(tx, customerId);
    const prohibitionLedger = await prohibitionLedgerOf(tx, customerId);
    const inForce = await prohibitionsInForceOf(tx, customerId);
    const disclosures = await disclosuresOf(tx, customerId);
    const processors = await activeProcessors(tx);
    const consultations = await consultationsOf(tx, customerId);
    const targetLists = await targetListsOf(tx, customerId);
    const requests = await requestsOf(tx, customerId);
    const lang = row.language === 'FI' ? 'fi' : 'en';
    return {
      format: 'rekisteri-access-package/1',
      generatedAt: now.toISOString(),
      request: { requestNumber: String(row.request_number), receivedAt: row.received_at },
      profile: {
        customerNumber: customer.customerNumber,
        firstName: customer.firstName,
        lastName: customer.lastName,
        organisation: customer.organisation ? { name: customer.organisation.name, businessId: customer.organisation.businessId } : null,
        email: customer.email,
        phone: customer.phone,
        street: customer.street,
        postalCode: customer.postalCode,
        city: customer.city,
        country: customer.country,
        language: customer.language,
        partner: customer.partner?.name ?? null,
        source: customer.source,
        restricted: customer.restricted,
        pendingErasure: customer.pendingErasure,
        createdAt: customer.createdAt,
        updatedAt: customer.updatedAt,
      },
      provenance: provenance.map((p) => ({ field: p.field, source: p.source, detail: p.detail, recordedAt: p.recorded_at })),
      orders: orders.map((o) => ({
        orderNumber: String(o.order_number),
        channel: o.channel,
        channelDetail: o.channel_detail,
        orderedAt: o.ordered_at,
        status: o.status,
        closedAt: o.closed_at,
        netCents: Number(o.net_cents),
        vatCents: Number(o.vat_cents),
        grossCents: Number(o.gross_cents),
        lines: linesOf.get(String(o.id)) ?? [],
      })),
      invoices: invoices.map((i) => ({
        invoiceNumber: String(i.invoice_number),
        orderNumber: String(i.order_number),
        issuedAt: i.issued_at,
        dueAt: i.due_at,
        amountCents: Number(i.amount_cents),
        status: i.status,
        paidAt: i.paid_at,
        collectionAgency: i.collection_agency,
      })),
      prohibitions: {
        inForce: inForce.map((p) => ({ kind: p.kind, channel: p.channel, via: p.via, since: p.recorded_at })),
        ledger: prohibitionLedger.map((p) => ({ kind: p.kind, channel: p.channel, action: p.action, via: p.via, note: p.note, recordedAt: p.recorded_at })),
      },
      disclosures: disclosures.map((d) => ({
        disclosedAt: d.disclosed_at,
        recipient: { name: d.name, kind: d.kind, country: d.country },
        basis: d.basis,
        fields: d.fields,
      })),
      processors: processors.map((p) => ({ name: p.name, country: p.country, safeguard: p.safeguard })),
      purposes: PURPOSES.map((p) => p[lang]),
      retention: RETENTION.map((r) => r[lang]),
      consultationLog: consultations.map((c) => ({ at: c.at, action: c.action, fields: c.fields, purpose: c.purpose })),
      targetLists: targetLists.map((t) => ({
        campaign: t.campaign,
        purpose: t.purpose,
        channel: t.channel,
        builtAt: t.built_at,
        included: t.included,
        exclusionReasons: t.reasons,
      })),
      requests: requests.map((r) => ({
        requestNumber: String(r.request_number),
        type: r.type,
        status: r.status,
        receivedAt: r.received_at,
        receivedVia: r.received_via,
        closedAt: r.closed_at,
        items: r.items,
      })),
    };
  }
}

/** The printable document: one section per part of the package, in the request's language. */
export function renderHtml(dates: DocumentDates, lang: Lang, data: Package): string {
  const fi = lang === 'FI';
  const t = (section: PackageSection) => LABELS[section][fi ? 'fi' : 'en'];
  const d = (value: unknown) => (value ? dates.format(lang, value as string) : '');
  const table = (headers: string[], rows: unknown[][]) =>
    rows.length === 0
      ? `<p>${fi ? 'Ei tietoja.' : 'Nothing recorded.'}</p>`
      : `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
  const profile = data.profile as Json;
  const sections: Record<PackageSection, string> = {
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
    purposes: `<ul>${(data.purposes as string[]).map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`,
    retention: `<ul>${(data.retention as string[]).map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`,
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
    requests: table(
      [fi ? 'Pyyntö' : 'Request', fi ? 'Tyyppi' : 'Type', fi ? 'Saapunut' : 'Received', fi ? 'Tila' : 'Status'],
      (data.requests as Json[]).map((r) => [r.requestNumber, r.type, d(r.receivedAt), r.status]),
    ),
  };
  const title = fi ? 'Tarkastuspyyntönne: tietonne asiakasrekisterissä' : 'Your access request: your data in the customer register';
  const intro = fi
    ? `<p class="meta">Pyyntö ${escapeHtml((data.request as Json).requestNumber)} · laadittu ${d(data.generatedAt)}</p>
<p>Tässä asiakirjassa ovat kaikki tiedot, joita asiakasrekisterissämme on teistä, niiden lähteet, luovutukset, käsittelyn tarkoitukset ja säilytysajat. Sama sisältö on koneluettavana JSON-tiedostona.</p>`
    : `<p class="meta">Request ${escapeHtml((data.request as Json).requestNumber)} · prepared ${d(data.generatedAt)}</p>
<p>This document holds everything our customer register keeps about you, where it came from, who it was disclosed to, why it is processed and for how long. The same content is available as a machine-readable JSON file.</p>`;
  const body = `<h1>${escapeHtml(title)}</h1>${intro}${PACKAGE_SECTIONS.map((s) => `<h2>${escapeHtml(t(s))}</h2>${sections[s]}`).join('\n')}`;
  return htmlPage(lang, title, body);
}
