import { registerIdentity } from '../register-config/register-config.repository';
import { withLetterhead } from './letterhead';
import { documentPdf } from './document-pdf';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertReadable, requireRight } from '../../auth/authorize';
import { isUuid, notFound } from '../../errors';
import type { Db } from '../../db/sql';
import { deleteDocuments, documentForDownload, documentsOf, insertDocument, requesterContactOf, type DocumentRow } from './documents.repository';
import { PACKAGE_CUSTOMER_FIELDS } from './personal-data';
import { AddresseeKind, PrivacyDocumentKind, RequestLanguage, type DocumentAddressee, type Lang, type PrivacyDocument } from './request.model';
import type { PrivacyRequestRow } from './requests.repository';
import { visibleRequests } from './request-visibility';

export type { Lang };

const ACCESS_PACKAGES: readonly PrivacyDocumentKind[] = [PrivacyDocumentKind.ACCESS_PACKAGE_JSON, PrivacyDocumentKind.ACCESS_PACKAGE_HTML];

function documentFromRow(row: DocumentRow): PrivacyDocument {
  return {
    id: row.id,
    kind: row.kind,
    language: row.language,
    filename: row.filename,
    sha256: row.sha256,
    byteSize: Number(row.byte_size),
    createdAt: row.created_at,
    addresseeKind: row.addressee_kind,
    addresseeName: row.addressee_name,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A postal address as printed on an envelope: street, then postal code and city, then the country if not Finland. */
export function postalAddressOf(a: { street: string | null; postal_code: string | null; city: string | null; country: string | null }): string | null {
  const town = [a.postal_code, a.city].filter(Boolean).join(' ');
  const lines = [a.street, town, a.country && a.country !== 'FI' ? a.country : null].filter((l): l is string => !!l?.trim());
  return a.street || town ? lines.join('\n') : null;
}

/** The language a customer's own documents are written in: English for an English-speaking customer, else Finnish. */
export function customerLanguage(language: string | null | undefined, fallback: Lang = RequestLanguage.FI): Lang {
  if (language === 'en') return RequestLanguage.EN;
  if (language === 'fi') return RequestLanguage.FI;
  return fallback;
}

/**
 * Whom an answer to a request goes to: the requester by name, in the language of the request, at
 * the customer's e-mail and postal address (or the contact given at intake). Read before anything
 * is erased, so an erasure reply still reaches the person.
 */
export async function requesterAddressee(db: Db, row: PrivacyRequestRow, language: Lang = row.language): Promise<DocumentAddressee> {
  const customer = row.customer_id ? await requesterContactOf(db, row.customer_id) : undefined;
  const contact = row.requester_contact?.trim() || null;
  const contactEmail = contact && EMAIL.test(contact) ? contact.toLowerCase() : null;
  const contactAddress = contact && !contactEmail && !/^\+?[\d\s-]+$/.test(contact) ? contact : null;
  return {
    kind: AddresseeKind.REQUESTER,
    name: row.requester_name,
    email: customer?.email ?? contactEmail,
    postalAddress: (customer && postalAddressOf(customer)) ?? contactAddress,
    language: language as RequestLanguage,
    recipientId: null,
  };
}

export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const QUARTER_HOUR = 15 * 60 * 1000;
/** Liberia's -0:44:30 ended in 1972; no zone has had an offset off the quarter hour since. */
const SINCE_QUARTER_HOURS = Date.UTC(1980, 0, 1);

/**
 * Dates in documents, on the company's calendar (`TIME_ZONE`): a letter is dated the day it is
 * written there, whatever the zone of the server. One formatter per language and zone: an access
 * package formats tens of thousands of dates.
 */
export class DocumentDates {
  private readonly formats = new Map<string, Intl.DateTimeFormat>();
  /** Formatted days: by SQL date, and by quarter hour of an instant (B5: 30,000 dates cost a few hundred formats). */
  private readonly days = new Map<string, string>();

  constructor(readonly timeZone: string) {}

  format(lang: Lang, at: Date | string): string {
    // A SQL date ('YYYY-MM-DD') already is a calendar day: shown as it is, in no zone.
    if (typeof at === 'string' && CALENDAR_DATE.test(at))
      return this.cached(`${lang}|${at}`, () => this.formatter(lang, 'UTC').format(new Date(`${at}T00:00:00Z`)));
    const instant = new Date(at);
    const ms = instant.getTime();
    // Since 1980 every zone's offset, and so every midnight, falls on a quarter hour: one day per quarter hour.
    if (!(ms >= SINCE_QUARTER_HOURS)) return this.formatter(lang, this.timeZone).format(instant);
    const quarter = Math.floor(ms / QUARTER_HOUR);
    return this.cached(`${lang}|${quarter}`, () => this.formatter(lang, this.timeZone).format(instant));
  }

  /**
   * An instant to the minute on the company's calendar (`18.9.2024 klo 20.12`, `18/09/2024, 20:12`); a SQL date
   * is a calendar day and stays one. Cached by the minute, as days are by the quarter hour.
   */
  dateTime(lang: Lang, at: Date | string): string {
    if (typeof at === 'string' && CALENDAR_DATE.test(at)) return this.format(lang, at);
    const instant = new Date(at);
    const ms = instant.getTime();
    if (!Number.isFinite(ms)) return '';
    const minute = Math.floor(ms / 60_000);
    return this.cached(`${lang}|t${minute}`, () => this.formatter(lang, this.timeZone, true).format(instant));
  }

  private cached(key: string, make: () => string): string {
    let day = this.days.get(key);
    if (day === undefined) {
      if (this.days.size >= 100_000) this.days.clear();
      day = make();
      this.days.set(key, day);
    }
    return day;
  }

  private formatter(lang: Lang, timeZone: string, withTime = false): Intl.DateTimeFormat {
    const key = `${lang}|${timeZone}|${withTime}`;
    let format = this.formats.get(key);
    if (!format) {
      const time = withTime ? ({ day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' } as const) : {};
      format = new Intl.DateTimeFormat(lang === RequestLanguage.FI ? 'fi-FI' : 'en-GB', { timeZone, ...time });
      this.formats.set(key, format);
    }
    return format;
  }
}

/** Documents of requests: stored with their hash, downloaded only through the gate, every download audited. */
export class PrivacyDocuments {
  readonly dates: DocumentDates;
  /** Told of every document stored, in its transaction (the outbox enqueues its delivery there). */
  private readonly storedListeners: Array<(tx: EntityManager, documentId: string) => Promise<void>> = [];

  constructor(
    private readonly db: DataSource,
    timeZone: string,
  ) {
    this.dates = new DocumentDates(timeZone);
  }

  async store(
    tx: EntityManager,
    input: {
      requestId: string;
      kind: PrivacyDocumentKind;
      /** Whom it goes to, and the language it is written in. */
      addressee: DocumentAddressee;
      filename: string;
      contentType: string;
      content: string;
      actorId: string | null;
      /** The content already carries its letterhead (`letterhead`), as its maker hands the same text back. */
      letterheadApplied?: boolean;
    },
  ): Promise<PrivacyDocument> {
    // P18: every printable document names the controller, the contact person and the rights, as configured now.
    const text =
      input.contentType.startsWith('text/html') && !input.letterheadApplied
        ? await this.letterhead(tx, input.content, input.addressee.language === RequestLanguage.FI)
        : input.content;
    const content = Buffer.from(text, 'utf8');
    const row = await insertDocument(tx, {
      requestId: input.requestId,
      kind: input.kind,
      addressee: input.addressee,
      filename: input.filename,
      contentType: input.contentType,
      content,
      sha256: sha256(content),
      createdBy: input.actorId,
    });
    for (const listener of this.storedListeners) await listener(tx, row.id);
    return documentFromRow(row);
  }

  /** A printable document with the controller, the contact person and the rights, as configured in this transaction. */
  async letterhead(tx: EntityManager, html: string, finnish: boolean): Promise<string> {
    return withLetterhead(html, finnish, await registerIdentity(tx));
  }

  /** Runs `listener` in the transaction of every document stored, after it is written. */
  onStored(listener: (tx: EntityManager, documentId: string) => Promise<void>): void {
    this.storedListeners.push(listener);
  }

  /** The documents of several requests (DataLoader); the field guard decides who sees `documents`. */
  async forRequests(requestIds: readonly string[]): Promise<PrivacyDocument[][]> {
    const rows = await documentsOf(this.db, requestIds);
    return requestIds.map((id) => rows.filter((r) => r.request_id === id).map(documentFromRow));
  }

  /** Access packages go with the person; the other answers stay as evidence until their hold lapses. */
  erase(tx: EntityManager, requestIds: readonly string[], which: 'ACCESS_PACKAGES' | 'ALL'): Promise<void> {
    return deleteDocuments(tx, requestIds, which);
  }

  /**
   * A download: the right to read documents, a request the reader may see (about a customer they
   * may see), and, for an access package, every customer field it carries readable by them.
   */
  async download(actor: Actor, id: string): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const row = await this.readable(actor, id, 'html');
    return { filename: row.filename, contentType: row.content_type, content: row.content };
  }

  /**
   * P14, P16: the PDF rendition of a printable document, laid out from the stored HTML itself, through the same
   * gate and audit as the document (a JSON package has its HTML twin to print).
   */
  async downloadPdf(actor: Actor, id: string): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const row = await this.readable(actor, id, 'pdf', (r) => r.content_type.startsWith('text/html'));
    return { filename: `${row.filename.replace(/\.html$/, '')}.pdf`, contentType: 'application/pdf', content: await documentPdf(row.content.toString('utf8')) };
  }

  private async readable(
    actor: Actor,
    id: string,
    format: 'html' | 'pdf',
    printable: (row: { content_type: string }) => boolean = () => true,
  ): Promise<{ filename: string; content_type: string; content: Buffer }> {
    requireRight(actor, 'read', 'PrivacyDocument', 'You may not read the documents of requests.');
    if (!isUuid(id)) throw notFound('Document');
    const row = await documentForDownload(this.db, id, visibleRequests(actor));
    if (!row || !printable(row)) throw notFound('Document');
    if (ACCESS_PACKAGES.includes(row.kind) && row.customer_id) {
      const customer = { id: row.customer_id, partnerId: row.partner_id, restricted: row.restricted, anonymised: row.anonymised };
      assertReadable(actor, 'Customer', PACKAGE_CUSTOMER_FIELDS, 'An access package carries everything about the person.', customer);
    }
    await recordAuditEvents(this.db.manager, [
      {
        action: 'PRIVACY_DOCUMENT_DOWNLOADED',
        actorId: actor.user.id,
        actorUsername: actor.user.username,
        customerId: row.customer_id,
        detail: { documentId: id, requestId: row.request_id, kind: row.kind, sha256: row.sha256, ...(format === 'pdf' ? { format } : {}) },
      },
    ]);
    return row;
  }
}

export { PrivacyDocumentKind };
