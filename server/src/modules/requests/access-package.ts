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
  orderNumbersOf,
  ordersOf,
  prohibitionLedgerOf,
  prohibitionsInForceOf,
  provenanceOf,
  requestsOf,
  targetListsOf,
} from './access-package.repository';
import { renderHtml, type Json, type Package } from './access-package-html';
import { updateProhibitionHistory } from '../address-updates/address-updates.repository';
import { PrivacyDocumentKind, requesterAddressee, type PrivacyDocuments } from './documents';
import { PACKAGE_CUSTOMER_FIELDS } from './personal-data';
import { webActivityForPackage } from '../web-events/web-activity-package';
import { PrivacyRequestStatus, PrivacyRequestType, type AccessPackage } from './request.model';
import type { CustomerRequestRow } from './requests.repository';
import type { RequestsService } from './requests.service';
import { PROCESSING_PURPOSES, purposeText } from '@rekisteri/schema';
import { registerConfigRow, registerIdentity, retentionOf } from '../register-config/register-config.repository';
import type { RegisterIdentity } from '../register-config/register-config.model';
import { RIGHTS, SUPERVISORY_AUTHORITY } from './document-texts';
import { retentionLines } from '../register-config/retention-texts';
import { notesForPackage } from '../customer-notes/customer-notes-package';

/** P14, P18: the purposes with their legal bases and the retention periods come from the register's one source each. */
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
      const to = await requesterAddressee(tx, row, lang);
      // The letterhead first, so that the package answered is exactly the document stored (and hashed).
      const html = await this.documents.letterhead(tx, renderHtml(this.documents.dates, to, data), lang === 'FI');
      const base = `request-${row.request_number}-access-package`;
      const common = { requestId: row.id, addressee: to, actorId: actor.user.id };
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
        letterheadApplied: true,
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
    const orderNumber = new Map(orders.map((o) => [String(o.id), String(o.order_number)]));
    const elsewhere = [...new Set(invoices.map((i) => String(i.order_id)).filter((id) => !orderNumber.has(id)))];
    if (elsewhere.length > 0) for (const o of await orderNumbersOf(tx, elsewhere)) orderNumber.set(String(o.id), String(o.order_number));
    const prohibitionLedger = await prohibitionLedgerOf(tx, customerId);
    const inForce = await prohibitionsInForceOf(tx, customerId);
    // P7: the update prohibition (asiakasrekisterin päivityskielto), newest first.
    const updateProhibition = await updateProhibitionHistory(tx, customerId);
    const disclosures = await disclosuresOf(tx, customerId);
    const processors = await activeProcessors(tx);
    const consultations = await consultationsOf(tx, customerId);
    const targetLists = await targetListsOf(tx, customerId);
    const requests = await requestsOf(tx, customerId);
    // P13: the consents of the person's browsers, their page views and forms on the company's site.
    const webEvents = await webActivityForPackage(tx, customerId);
    // Issue 16: the notes and contacts staff wrote about the person.
    const notes = await notesForPackage(tx, customerId);
    const lang = row.language === 'FI' ? 'fi' : 'en';
    return {
      format: 'rekisteri-access-package/1',
      generatedAt: now.toISOString(),
      request: { requestNumber: String(row.request_number), receivedAt: row.received_at },
      controller: controllerSection(await registerIdentity(tx), lang),
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
        orderNumber: orderNumber.get(String(i.order_id)) ?? '',
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
        updateProhibition: updateProhibition[0]?.action === 'SET' ? { since: updateProhibition[0].recorded_at, source: updateProhibition[0].source } : null,
        updateProhibitionLedger: updateProhibition.map((e) => ({
          action: e.action,
          source: e.source,
          via: e.via,
          detail: e.detail,
          note: e.note,
          recordedAt: e.recorded_at,
        })),
      },
      disclosures: disclosures.map((d) => ({
        disclosedAt: d.disclosed_at,
        recipient: { name: d.name, kind: d.kind, country: d.country },
        basis: d.basis,
        fields: d.fields,
      })),
      processors: processors.map((p) => ({ name: p.name, country: p.country, safeguard: p.safeguard })),
      purposes: PROCESSING_PURPOSES.map((p) => purposeText(p, lang)),
      retention: retentionLines(retentionOf(await registerConfigRow(tx))).map((r) => r[lang]),
      consultationLog: consultations.map((c) => ({ at: c.at, action: c.action, fields: c.fields, purpose: c.purpose })),
      targetLists: targetLists.map((t) => ({
        campaign: t.campaign,
        purpose: t.purpose,
        channel: t.channel,
        builtAt: t.built_at,
        included: t.included,
        exclusionReasons: t.reasons,
        note: t.note,
      })),
      webEvents,
      notes,
      // The package answers this request: it is COMPLETED in the same transaction, and says so (issue 16).
      requests: requests.map((r) => ({
        requestNumber: String(r.request_number),
        type: r.type,
        status: String(r.request_number) === String(row.request_number) ? PrivacyRequestStatus.COMPLETED : r.status,
        receivedAt: r.received_at,
        receivedVia: r.received_via,
        closedAt: String(r.request_number) === String(row.request_number) ? (r.closed_at ?? now) : r.closed_at,
        items: r.items,
      })),
    };
  }
}

/**
 * P18, GDPR 13(1)(a), 15(1)(e)-(f): the machine-readable package names, as the printable one does, the controller,
 * the contact person, the person's rights and the right to complain to the Data Protection Ombudsman, from the
 * register's configuration in force when the package is made.
 */
export function controllerSection(who: RegisterIdentity, lang: 'fi' | 'en') {
  return {
    name: who.controller.name,
    businessId: who.controller.businessId,
    address: who.controller.address,
    phone: who.controller.phone,
    email: who.controller.email,
    contact: { name: who.contact.name, address: who.contact.address, phone: who.contact.phone, email: who.contact.email },
    responsible: { name: who.signer.name, title: who.signer.title },
    rights: RIGHTS.map((r) => ({ code: r.code, text: r[lang], article: r.article })),
    complaint: {
      authority: SUPERVISORY_AUTHORITY[lang],
      address: SUPERVISORY_AUTHORITY.address,
      web: SUPERVISORY_AUTHORITY.web,
      text:
        lang === 'fi'
          ? 'Voitte tehdä valituksen tietosuojavaltuutetulle, jos katsotte, ettei henkilötietojenne käsittely ole lainmukaista.'
          : 'You may lodge a complaint with the Data Protection Ombudsman if you consider that the processing of your personal data is not lawful.',
    },
  };
}
