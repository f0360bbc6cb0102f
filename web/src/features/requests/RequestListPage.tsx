import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatDay, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Tabs } from '../../app/Tabs';
import type { PrivacyRequestType } from '../../gql/graphql';
import { MeQuery } from '../auth/operations';
import { RequestAgeChart } from './RequestAgeChart';
import { DaysLeftBadge, RequestStatusBadge } from './RequestBadges';
import { customerLabel, personName, REQUEST_STATUSES, REQUEST_TYPES, statusLabel, typeLabel } from './labels';
import { OpenPrivacyRequestsByAgeQuery, PrivacyRequestsQuery } from './operations';
import { criteriaOf, filterOf, isFiltered, paramsOf, type QueueCriteria } from './queueParams';

const PAGE_SIZE = 25;

/** The data-subject request queue (P10, P14, P16, P17): by status, nearest deadline first. */
export function RequestListPage() {
  const { t, language } = useI18n();
  const r = t.requests;
  const ability = useAppAbility();
  const [params, setParams] = useSearchParams();
  const criteria = criteriaOf(params);
  const me = useQuery(MeQuery, { fetchPolicy: 'cache-only' }).data?.me;
  const withAssignee = ability.can('read', 'PrivacyRequest', 'assignee');
  const canOpenCustomers = ability.can('read', 'Customer');
  const flags = useMemo(
    () => ({ withAssignee, withFirstName: ability.can('read', 'Customer', 'firstName'), withLastName: ability.can('read', 'Customer', 'lastName') }),
    [ability, withAssignee],
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, refetch, fetchMore } = useQuery(PrivacyRequestsQuery, {
    variables: { filter: filterOf(criteria, me?.user.id), first: PAGE_SIZE, after: null, ...flags },
    fetchPolicy: 'cache-and-network',
  });
  const byAge = useQuery(OpenPrivacyRequestsByAgeQuery, { fetchPolicy: 'cache-and-network' });
  const connection = data?.privacyRequests;
  const apply = (patch: Partial<QueueCriteria>) => setParams(paramsOf({ ...criteria, ...patch }), { replace: true });

  const loadMore = async () => {
    const endCursor = connection?.pageInfo.endCursor;
    if (!endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          privacyRequests: {
            ...fetchMoreResult.privacyRequests,
            edges: [...(previous.privacyRequests?.edges ?? []), ...fetchMoreResult.privacyRequests.edges],
          },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  };

  const tabs = [{ id: 'open', label: r.tabOpen }, ...REQUEST_STATUSES.map((s) => ({ id: s, label: statusLabel(t, s) })), { id: 'all', label: r.tabAll }];
  const n = (value: number) => formatNumber(value, language);

  return (
    <section aria-labelledby="requests-title" className="requests">
      <div className="page-title">
        <h1 id="requests-title">{r.title}</h1>
        {ability.can('create', 'PrivacyRequest') && (
          <Link className="button primary" to="/requests/new">
            {r.newRequest}
          </Link>
        )}
      </div>
      <p className="hint intro">{r.intro}</p>
      {byAge.data && (
        <div className="requests-chart">
          <RequestAgeChart buckets={byAge.data.openPrivacyRequestsByAge} />
        </div>
      )}

      <Tabs idPrefix="requests" label={r.statusTabs} tabs={tabs} selected={criteria.tab} onSelect={(tab) => apply({ tab: tab as QueueCriteria['tab'] })}>
        <form className="filters" aria-label={r.filters} onSubmit={(e) => e.preventDefault()}>
          <div className="field field-narrow">
            <label htmlFor="requests-type">{r.type}</label>
            <select id="requests-type" value={criteria.type} onChange={(e) => apply({ type: e.target.value as PrivacyRequestType | '' })}>
              <option value="">{r.anyType}</option>
              {REQUEST_TYPES.map((type) => (
                <option key={type} value={type}>
                  {typeLabel(t, type)}
                </option>
              ))}
            </select>
          </div>
          {withAssignee && (
            <div className="field field-narrow">
              <label htmlFor="requests-assignee">{r.assignee}</label>
              <select id="requests-assignee" value={criteria.assignee} onChange={(e) => apply({ assignee: e.target.value as QueueCriteria['assignee'] })}>
                <option value="anyone">{r.assigneeAnyone}</option>
                <option value="me">{r.assigneeMe}</option>
                <option value="unassigned">{r.assigneeUnassigned}</option>
              </select>
            </div>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={criteria.overdue} onChange={(e) => apply({ overdue: e.target.checked })} />
            {r.overdueOnly}
          </label>
        </form>

        {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
        {loading && !connection && <Loading />}
        {connection && (
          <>
            <p className="total" data-testid="requests-total" aria-live="polite">
              {connection.totalCount === 1 ? r.totalOne : r.total(n(connection.totalCount))}
              {connection.edges.length < connection.totalCount && ` · ${r.shown(n(connection.edges.length))}`}
            </p>
            {connection.edges.length === 0 ? (
              <p className="empty" data-testid="requests-empty">
                {isFiltered(criteria) ? r.emptyFiltered : r.empty}
              </p>
            ) : (
              <table className="data-table" data-testid="request-table">
                <thead>
                  <tr>
                    <th scope="col">{r.number}</th>
                    <th scope="col">{r.type}</th>
                    <th scope="col">{r.requester}</th>
                    <th scope="col">{r.customer}</th>
                    <th scope="col">{r.received}</th>
                    <th scope="col">{r.daysLeft}</th>
                    <th scope="col">{r.status}</th>
                    {withAssignee && <th scope="col">{r.assignee}</th>}
                  </tr>
                </thead>
                <tbody>
                  {connection.edges.map(({ node }) => (
                    <tr key={node.id} data-testid="request-row" data-request-number={node.requestNumber}>
                      <th scope="row">
                        <Link to={`/requests/${node.id}`}>{node.requestNumber}</Link>
                      </th>
                      <td>{typeLabel(t, node.type)}</td>
                      <td>{personName(t, node.requesterName)}</td>
                      <td>
                        {node.customer ? (
                          canOpenCustomers ? (
                            <Link to={`/customers/${node.customer.id}`}>{customerLabel(node.customer, t)}</Link>
                          ) : (
                            customerLabel(node.customer, t)
                          )
                        ) : (
                          <span className="muted">{r.noCustomer}</span>
                        )}
                      </td>
                      <td>{node.receivedAt ? formatDay(node.receivedAt, language) : ''}</td>
                      <td>
                        <DaysLeftBadge daysLeft={node.daysLeft} overdue={node.overdue} />
                      </td>
                      <td>
                        <RequestStatusBadge status={node.status} />
                      </td>
                      {withAssignee && <td>{node.assignee?.displayName ?? r.nobody}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {connection.pageInfo.hasNextPage && (
              <div className="pager">
                <button type="button" onClick={() => void loadMore()} disabled={loadingMore} data-testid="requests-load-more">
                  {r.loadMore}
                </button>
              </div>
            )}
          </>
        )}
      </Tabs>
    </section>
  );
}
