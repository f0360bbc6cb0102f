import { formatDay, formatNumber, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { PrivacyDocumentFieldsFragment } from '../../gql/graphql';
import { documentKindLabel, languageLabel } from './labels';

/** The server's copy: a GET with the session cookie, checked and audited on every download. */
export const documentUrl = (document: PrivacyDocumentFieldsFragment) => `/documents/${document.id}`;

/** The PDF rendition of a printable document, laid out by the server from the stored HTML, through the same check. */
export const documentPdfUrl = (document: PrivacyDocumentFieldsFragment) => `/documents/${document.id}.pdf`;

const printable = (d: PrivacyDocumentFieldsFragment) => !!d.filename?.endsWith('.html');

/**
 * A document made again for the same addressee (a second access package, say) is a revision of the first: the
 * person reads "Revised version, 2 Dec 2026", not a number.
 */
function revisions(documents: readonly PrivacyDocumentFieldsFragment[]): Set<string> {
  const seen = new Set<string>();
  const revised = new Set<string>();
  const byAge = [...documents].sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
  for (const d of byAge) {
    const key = `${d.kind}|${d.addresseeKind}|${d.addresseeName}`;
    if (seen.has(key)) revised.add(d.id ?? '');
    seen.add(key);
  }
  return revised;
}

/** Everything made for the requester and the recipients told (GDPR 19), each with its addressee and its SHA-256 as stored. */
export function RequestDocuments({ documents }: { documents: readonly PrivacyDocumentFieldsFragment[] }) {
  const { t, language } = useI18n();
  const r = t.requests;
  const revised = revisions(documents);
  return (
    <section className="card" aria-labelledby="documents-title" data-testid="request-documents">
      <h2 id="documents-title">{r.documents}</h2>
      {documents.length === 0 ? (
        <p className="empty">{r.noDocuments}</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{r.document}</th>
              <th scope="col">{r.documentAddressee}</th>
              <th scope="col">{r.documentLanguage}</th>
              <th scope="col">{r.created1}</th>
              <th scope="col" className="num">
                {r.size}
              </th>
              <th scope="col">{r.sha256}</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.id} data-testid="document-row" data-kind={d.kind}>
                <td>
                  <a
                    href={documentUrl(d)}
                    download={d.filename ?? undefined}
                    aria-label={printable(d) ? r.openAsHtml(documentKindLabel(t, d.kind)) : undefined}
                    data-testid="document-html"
                  >
                    {documentKindLabel(t, d.kind)}
                  </a>
                  {printable(d) && (
                    <>
                      {' · '}
                      <a
                        href={documentPdfUrl(d)}
                        download={d.filename?.replace(/\.html$/, '.pdf')}
                        aria-label={r.downloadPdf(documentKindLabel(t, d.kind))}
                        data-testid="document-pdf"
                      >
                        PDF
                      </a>
                    </>
                  )}
                  {revised.has(d.id ?? '') && d.createdAt && <div data-testid="document-revised">{r.revisedVersion(formatDay(d.createdAt, language))}</div>}
                  <div className="muted mono">{d.filename}</div>
                </td>
                <td>
                  {d.addresseeName}
                  {d.addresseeKind && <div className="muted">{r.addresseeKinds[d.addresseeKind] ?? d.addresseeKind}</div>}
                </td>
                <td>{languageLabel(t, d.language)}</td>
                <td>{d.createdAt ? formatTime(d.createdAt, language) : ''}</td>
                <td className="num">{r.kilobytes(formatNumber(Math.max(0.1, Math.round((d.byteSize ?? 0) / 102.4) / 10), language))}</td>
                <td>
                  <code className="sha" title={d.sha256 ?? undefined}>
                    {d.sha256?.slice(0, 12)}…
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
