import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { AuditEventFilter } from '../../gql/graphql';
import { AuditEventsQuery } from './operations';

const PAGE_SIZE = 50;

/** The audit trail, newest first (P12): who did or looked at what, and why. */
export function AuditPage() {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const [action, setAction] = useState('');
  const [username, setUsername] = useState('');
  const [filter, setFilter] = useState<AuditEventFilter>({});
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, fetchMore } = useQuery(AuditEventsQuery, {
    variables: { first: PAGE_SIZE, filter },
    fetchPolicy: 'cache-and-network',
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter({
      ...(action ? { action } : {}),
      ...(username.trim() ? { actorUsername: username.trim().toLowerCase() } : {}),
    });
  };

  const loadMore = async () => {
    const endCursor = data?.auditEvents.pageInfo.endCursor;
    if (!endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          auditEvents: {
            ...fetchMoreResult.auditEvents,
            edges: [...(previous.auditEvents?.edges ?? []), ...fetchMoreResult.auditEvents.edges],
          },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  };

  const connection = data?.auditEvents;
  const canOpenCustomers = ability.can('read', 'Customer');
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t.audit.title}</h1>
      <form className="filters" onSubmit={submit} aria-label={t.audit.filter}>
        <div className="field">
          <label htmlFor="audit-action">{t.audit.action}</label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t.audit.anyAction}</option>
            {Object.entries(t.audit.actions).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-username">{t.audit.user}</label>
          <input id="audit-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </div>
        <div className="actions">
          <button type="submit">{t.audit.filter}</button>
          <button
            type="button"
            onClick={() => {
              setAction('');
              setUsername('');
              setFilter({});
            }}
          >
            {t.audit.clear}
          </button>
        </div>
      </form>

      {error && <ErrorNotice error={error} />}
      {loading && !connection && <Loading />}
      {connection &&
        (connection.edges.length === 0 ? (
          <p className="empty">{t.audit.empty}</p>
        ) : (
          <table className="data-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t.audit.time}</th>
                <th scope="col">{t.audit.action}</th>
                <th scope="col">{t.audit.user}</th>
                <th scope="col">{t.audit.customer}</th>
                <th scope="col">{t.audit.fields}</th>
                <th scope="col">{t.audit.purpose}</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id} data-testid="audit-row">
                  <td>{node.at ? formatTime(node.at, language) : ''}</td>
                  <td title={node.action ?? ''}>{t.audit.actions[node.action ?? ''] ?? node.action}</td>
                  <td>{node.actorUsername}</td>
                  <td className="mono">
                    {node.customerId &&
                      (canOpenCustomers ? <Link to={`/customers/${node.customerId}`}>{node.customerId.slice(0, 8)}</Link> : node.customerId.slice(0, 8))}
                  </td>
                  <td>{node.fields?.join(', ')}</td>
                  <td>{node.purpose ? (t.purposes[node.purpose as keyof typeof t.purposes] ?? node.purpose) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {connection?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {t.audit.loadMore}
        </button>
      )}
    </section>
  );
}
