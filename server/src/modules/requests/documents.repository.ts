import { execute, many, maybeOne, one, type Db, type Where } from '../../db/sql';
import type { AddresseeKind, DocumentAddressee, PrivacyDocumentKind, RequestLanguage } from './request.model';

/**
 * The SQL of the documents of requests: stored with their hash and their addressee, read back for
 * download and for delivery (`addressedDocument`, `addressedDocumentsOf`).
 */

export interface DocumentRow {
  id: string;
  request_id: string;
  kind: PrivacyDocumentKind;
  language: RequestLanguage;
  filename: string;
  sha256: string;
  byte_size: number;
  created_at: Date;
  addressee_kind: AddresseeKind;
  addressee_name: string;
}

const COLUMNS = `d.id, d.request_id, d.kind, d.language, d.filename, d.sha256, octet_length(d.content) AS byte_size, d.created_at,
  d.addressee_kind, d.addressee_name`;

export interface NewDocument {
  requestId: string;
  kind: PrivacyDocumentKind;
  /** Whom it goes to; its language is the document's. */
  addressee: DocumentAddressee;
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  createdBy: string | null;
}

export function insertDocument(db: Db, d: NewDocument): Promise<DocumentRow> {
  const a = d.addressee;
  return one<DocumentRow>(
    db,
    `INSERT INTO privacy_documents AS d (request_id, kind, language, filename, content_type, content, sha256, created_by,
            addressee_kind, addressee_name, addressee_email, addressee_address, recipient_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
    [d.requestId, d.kind, a.language, d.filename, d.contentType, d.content, d.sha256, d.createdBy, a.kind, a.name, a.email, a.postalAddress, a.recipientId],
  );
}

/**
 * A document as an outbox delivers it: whom to (kind, name, e-mail, postal address, language)
 * and what (file name, content type, the bytes and their SHA-256). Read by the system, not by a
 * user: whoever calls it has already decided the document is to be sent.
 */
export interface AddressedDocument {
  id: string;
  requestId: string;
  kind: PrivacyDocumentKind;
  addressee: DocumentAddressee;
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  createdAt: Date;
}

interface AddressedRow {
  id: string;
  request_id: string;
  kind: PrivacyDocumentKind;
  language: RequestLanguage;
  filename: string;
  content_type: string;
  content: Buffer;
  sha256: string;
  created_at: Date;
  addressee_kind: AddresseeKind;
  addressee_name: string;
  addressee_email: string | null;
  addressee_address: string | null;
  recipient_id: string | null;
}

const ADDRESSED_COLUMNS = `d.id, d.request_id, d.kind, d.language, d.filename, d.content_type, d.content, d.sha256, d.created_at,
  d.addressee_kind, d.addressee_name, d.addressee_email, d.addressee_address, d.recipient_id`;

function addressedFromRow(r: AddressedRow): AddressedDocument {
  return {
    id: r.id,
    requestId: r.request_id,
    kind: r.kind,
    addressee: {
      kind: r.addressee_kind,
      name: r.addressee_name,
      email: r.addressee_email,
      postalAddress: r.addressee_address,
      language: r.language,
      recipientId: r.recipient_id,
    },
    filename: r.filename,
    contentType: r.content_type,
    content: r.content,
    sha256: r.sha256,
    createdAt: r.created_at,
  };
}

/** One document with its addressee and content; undefined when it does not exist (or was erased). */
export async function addressedDocument(db: Db, id: string): Promise<AddressedDocument | undefined> {
  const row = await maybeOne<AddressedRow>(db, `SELECT ${ADDRESSED_COLUMNS} FROM privacy_documents d WHERE d.id = $1`, [id]);
  return row && addressedFromRow(row);
}

/** How much of a document's content `addressedDocumentHead` reads: an HTML page's head, where its title is. */
export const DOCUMENT_HEAD_BYTES = 65_536;

/**
 * One document with its addressee and only the first DOCUMENT_HEAD_BYTES of its content (enough for the
 * title an outbox message takes as its subject): queueing a 5 MB access package does not read it back whole.
 */
export async function addressedDocumentHead(db: Db, id: string): Promise<AddressedDocument | undefined> {
  const columns = ADDRESSED_COLUMNS.replace('d.content,', `substring(d.content FROM 1 FOR ${DOCUMENT_HEAD_BYTES}) AS content,`);
  const row = await maybeOne<AddressedRow>(db, `SELECT ${columns} FROM privacy_documents d WHERE d.id = $1`, [id]);
  return row && addressedFromRow(row);
}

/** Every document of a request with its addressee and content, oldest first. */
export async function addressedDocumentsOf(db: Db, requestId: string): Promise<AddressedDocument[]> {
  const rows = await many<AddressedRow>(db, `SELECT ${ADDRESSED_COLUMNS} FROM privacy_documents d WHERE d.request_id = $1 ORDER BY d.created_at, d.id`, [
    requestId,
  ]);
  return rows.map(addressedFromRow);
}

/** How to reach the requester: the customer's contact details (when the request names one). */
export interface RequesterContactRow {
  email: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  language: string | null;
}

export function requesterContactOf(db: Db, customerId: string): Promise<RequesterContactRow | undefined> {
  return maybeOne<RequesterContactRow>(db, `SELECT email, street, postal_code, city, country, language FROM customers WHERE id = $1`, [customerId]);
}

export function documentsOf(db: Db, requestIds: readonly string[]): Promise<DocumentRow[]> {
  return many<DocumentRow>(db, `SELECT ${COLUMNS} FROM privacy_documents d WHERE d.request_id = ANY($1::uuid[]) ORDER BY d.created_at, d.id`, [requestIds]);
}

/** A document for download, with what the gate needs to know of its request's customer. */
export interface DownloadRow {
  filename: string;
  content_type: string;
  content: Buffer;
  kind: PrivacyDocumentKind;
  sha256: string;
  request_id: string;
  customer_id: string | null;
  /** The customer's fields the permission table's conditions name. */
  partner_id: string | null;
  restricted: boolean | null;
  anonymised: boolean | null;
}

/** One document, if `where` (its request as alias `r`: who may see it) lets it through. */
export function documentForDownload(db: Db, id: string, where: Where): Promise<DownloadRow | undefined> {
  where.and(`d.id = ${where.bind(id)}`);
  return maybeOne<DownloadRow>(
    db,
    `SELECT d.filename, d.content_type, d.content, d.kind, d.sha256, d.request_id, r.customer_id,
            c.partner_id, c.restricted, (c.anonymised_at IS NOT NULL) AS anonymised
       FROM privacy_documents d JOIN privacy_requests r ON r.id = d.request_id LEFT JOIN customers c ON c.id = r.customer_id
      WHERE ${where}`,
    where.params,
  );
}

/**
 * Erases documents of the given requests: only the access packages (copies of everything about
 * the person), or all of them once the evidence hold of the requests lapses.
 */
export function deleteDocuments(db: Db, requestIds: readonly string[], which: 'ACCESS_PACKAGES' | 'ALL'): Promise<void> {
  return execute(
    db,
    `DELETE FROM privacy_documents WHERE request_id = ANY($1::uuid[]) ${which === 'ALL' ? '' : `AND kind IN ('ACCESS_PACKAGE_JSON', 'ACCESS_PACKAGE_HTML')`}`,
    [requestIds],
  );
}
