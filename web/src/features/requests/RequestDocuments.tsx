import { formatNumber, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { PrivacyDocumentFieldsFragment } from '../../gql/graphql';
import { documentKindLabel, languageLabel } from './labels';

/** The server's copy: a GET with the session cookie, checked and audited on every download. */
export const documentUrl = (document: PrivacyDocumentFieldsFragment) => `/documents/${document.id}`;

/** Everything made for the requester and the recipients told (GDPR 19), each with its addressee and its SHA-256 as stored. */
export function RequestDocuments({ documents }: { documents: readonly PrivacyDocumentFieldsFragment[] }) {
  const { t, language } = useI18n();
  const r = t.requests;
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
                  <a href={documentUrl(d)} download={d.filename ?? undefined}>
                    {documentKindLabel(t, d.kind)}
                  </a>
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
