import { useQuery } from '@apollo/client/react';
import { Fragment, useState } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { useT } from '../../app/i18n';
import { basisLabel, kindLabel, safeguardLabel } from './labels';
import { RecipientsQuery } from './operations';
import { RecipientForm } from './RecipientForm';

/** P8, P9: the recipients registry. Admins keep it; privacy officers and sales read it. */
export function RecipientsPage() {
  const t = useT();
  const c = t.recipients;
  const ability = useAppAbility();
  const canCreate = ability.can('create', 'Recipient');
  const canUpdate = ability.can('update', 'Recipient');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(RecipientsQuery, { variables: { includeInactive }, fetchPolicy: 'cache-and-network' });
  const recipients = data?.recipients;
  const columns = canUpdate ? 9 : 8;

  return (
    <section aria-labelledby="recipients-title">
      <h1 id="recipients-title">{c.title}</h1>
      <p className="hint intro">{c.intro}</p>
      {!canCreate && !canUpdate && <p className="hint">{c.readOnly}</p>}
      {notice && (
        <p className="notice notice-success" role="status" data-testid="recipient-notice">
          {notice}
        </p>
      )}
      <div className="filters">
        <label className="checkbox">
          <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
          {c.showInactive}
        </label>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !recipients && <Loading />}
      {recipients &&
        (recipients.length === 0 ? (
          <p className="empty" data-testid="recipients-empty">
            {c.empty}
          </p>
        ) : (
          <table className="data-table" data-testid="recipient-table">
            <thead>
              <tr>
                <th scope="col">{c.name}</th>
                <th scope="col">{c.kind}</th>
                <th scope="col">{c.country}</th>
                <th scope="col">{c.bases}</th>
                <th scope="col">{c.safeguard}</th>
                <th scope="col">{c.necessity}</th>
                <th scope="col">{c.noticeAddress}</th>
                <th scope="col">{c.active}</th>
                {canUpdate && <th scope="col">{c.actions}</th>}
              </tr>
            </thead>
            <tbody>
              {recipients.map((recipient) => (
                <Fragment key={recipient.id}>
                  <tr data-testid="recipient-row" className={recipient.active ? undefined : 'inactive'}>
                    <th scope="row">{recipient.name}</th>
                    <td>{kindLabel(t, recipient.kind)}</td>
                    <td>
                      {recipient.country}{' '}
                      <span className={recipient.inEea ? 'status' : 'status status-outside-eea'}>{recipient.inEea ? c.inEea : c.outsideEea}</span>
                    </td>
                    <td>{(recipient.bases ?? []).map((b) => basisLabel(t, b)).join(', ')}</td>
                    <td>{safeguardLabel(t, recipient.safeguard)}</td>
                    <td>{recipient.necessity}</td>
                    <td className="notice-address" data-testid="recipient-notice-address">
                      {recipient.language && <span className="status">{c.languages[recipient.language] ?? recipient.language}</span>}{' '}
                      {recipient.contactEmail ?? recipient.postalAddress?.split('\n').join(', ')}
                    </td>
                    <td>{recipient.active ? t.users.yes : t.users.no}</td>
                    {canUpdate && (
                      <td>
                        <button
                          type="button"
                          aria-expanded={editing === recipient.id}
                          aria-label={`${c.edit}: ${recipient.name}`}
                          onClick={() => {
                            setNotice(null);
                            setEditing(editing === recipient.id ? null : (recipient.id ?? null));
                          }}
                        >
                          {c.edit}
                        </button>
                      </td>
                    )}
                  </tr>
                  {editing === recipient.id && (
                    <tr className="lift-row">
                      <td colSpan={columns}>
                        <RecipientForm
                          recipient={recipient}
                          onSaved={(message) => {
                            setEditing(null);
                            setNotice(message);
                          }}
                          onCancel={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        ))}
      {canCreate && (
        <section className="card">
          <RecipientForm onSaved={setNotice} />
        </section>
      )}
    </section>
  );
}
