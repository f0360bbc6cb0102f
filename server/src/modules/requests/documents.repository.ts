import { execute, many, maybeOne, one, type Db, type Where } from '../../db/sql';
import type { PrivacyDocumentKind, RequestLanguage } from './request.model';

/** The SQL of the documents of requests: stored with their hash, read back for download. */

export interface DocumentRow {
  id: string;
  request_id: string;
  kind: PrivacyDocumentKind;
  language: RequestLanguage;
  filename: string;
  sha256: string;
  byte_size: number;
  created_at: Date;
}

const COLUMNS = `d.id, d.request_id, d.kind, d.language, d.filename, d.sha256, octet_length(d.content) AS byte_size, d.created_at`;

export interface NewDocument {
  requestId: string;
  kind: PrivacyDocumentKind;
  language: RequestLanguage;
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  createdBy: string | null;
}

export function insertDocument(db: Db, d: NewDocument): Promise<DocumentRow> {
  return one<DocumentRow>(
    db,
    `INSERT INTO privacy_documents AS d (request_id, kind, language, filename, content_type, content, sha256, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [d.requestId, d.kind, d.language, d.filename, d.contentType, d.content, d.sha256, d.createdBy],
  );
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
