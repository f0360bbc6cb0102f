import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { forbidden, notFound } from '../../errors';
import { PrivacyDocumentKind, RequestLanguage, type PrivacyDocument } from './request.type';

export type Lang = 'FI' | 'EN';

const COLUMNS = `id, kind, language, filename, sha256, octet_length(content) AS byte_size, created_at`;

function documentFromRow(row: Record<string, any>): PrivacyDocument {
  return {
    id: row.id,
    kind: row.kind,
    language: row.language,
    filename: row.filename,
    sha256: row.sha256,
    byteSize: Number(row.byte_size),
    createdAt: row.created_at,
  };
}

export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Documents of requests: stored with their hash, downloaded only through the same permissions, every download audited. */
export class PrivacyDocuments {
  constructor(private readonly db: DataSource) {}

  async store(
    tx: EntityManager,
    input: { requestId: string; kind: PrivacyDocumentKind; language: Lang; filename: string; contentType: string; content: string; actorId: string | null },
  ): Promise<PrivacyDocument> {
    const content = Buffer.from(input.content, 'utf8');
    const [row] = await tx.query(
      `INSERT INTO privacy_documents (request_id, kind, language, filename, content_type, content, sha256, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [input.requestId, input.kind, input.language, input.filename, input.contentType, content, sha256(content), input.actorId],
    );
    return documentFromRow(row);
  }

  async forRequests(requestIds: readonly string[]): Promise<PrivacyDocument[][]> {
    const rows = await this.db.query(
      `SELECT request_id, ${COLUMNS} FROM privacy_documents WHERE request_id = ANY($1) ORDER BY created_at, id`,
      [requestIds],
    );
    return requestIds.map((id) => rows.filter((r: Record<string, unknown>) => r.request_id === id).map(documentFromRow));
  }

  async download(actor: Actor, id: string): Promise<{ filename: string; contentType: string; content: Buffer }> {
    if (!actor.ability.can('read', 'PrivacyDocument')) throw forbidden('You may not read the documents of requests.');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Document');
    const [row] = await this.db.query(
      `SELECT d.filename, d.content_type, d.content, d.kind, d.sha256, d.request_id, r.customer_id
         FROM privacy_documents d JOIN privacy_requests r ON r.id = d.request_id WHERE d.id = $1`,
      [id],
    );
    if (!row) throw notFound('Document');
    await recordAuditEvents(this.db.manager, [
      {
        action: 'PRIVACY_DOCUMENT_DOWNLOADED',
        actorId: actor.user.id,
        actorUsername: actor.user.username,
        customerId: row.customer_id,
        detail: { documentId: id, requestId: row.request_id, kind: row.kind, sha256: row.sha256 },
      },
    ]);
    return { filename: row.filename, contentType: row.content_type, content: row.content };
  }
}

export const escapeHtml = (value: unknown): string =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A self-contained printable HTML page. */
export function htmlPage(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang === RequestLanguage.FI ? 'fi' : 'en'}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 11pt/1.45 system-ui, sans-serif; color: #1b1f24; max-width: 60em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.8em; border-bottom: 1px solid #ccd; }
  table { border-collapse: collapse; width: 100%; margin: .5em 0; }
  th, td { text-align: left; padding: .2em .5em; border-bottom: 1px solid #e3e5e8; vertical-align: top; }
  th { background: #f3f4f6; }
  .meta { color: #555; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Every refusal or partial answer tells the requester where to turn (GDPR 12(4)). */
export function ombudsmanRoute(lang: Lang): string {
  return lang === RequestLanguage.FI
    ? `<h2>Oikeussuojakeinot</h2>
<p>Jos katsotte, ettei henkilötietojenne käsittely ole lainmukaista, voitte saattaa asian tietosuojavaltuutetun
ratkaistavaksi (Tietosuojavaltuutetun toimisto, PL 800, 00531 Helsinki, tietosuoja.fi) tai hakea muutosta
tuomioistuimelta.</p>`
    : `<h2>Your remedies</h2>
<p>If you consider that the processing of your personal data is not lawful, you may lodge a complaint with the
Data Protection Ombudsman (Office of the Data Protection Ombudsman, P.O. Box 800, 00531 Helsinki, Finland,
tietosuoja.fi) or take the matter to court.</p>`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date in the requester's language, on the Finnish calendar. One formatter per language: a package formats tens of thousands. */
export function formatDate(lang: Lang, at: Date | string): string {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === RequestLanguage.FI ? 'fi-FI' : 'en-GB', { timeZone: 'Europe/Helsinki' });
    dateFormats.set(lang, format);
  }
  return format.format(new Date(at));
}

export { PrivacyDocumentKind };
