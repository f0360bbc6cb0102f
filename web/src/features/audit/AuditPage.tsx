import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { AuditEventFilter, AuditEventsQuery as AuditEventsData } from '../../gql/graphql';
import { customerName, storedPersonName } from '../customers/CustomerStateMarker';
import { AuditEventsQuery } from './operations';

const PAGE_SIZE = 50;
/** The filters, as they stand in the page's address (so a search can be bookmarked and shared). */
const PARAMS = ['action', 'user', 'customer', 'from', 'to'] as const;
type Param = (typeof PARAMS)[number];
type Node = AuditEventsData['auditEvents']['edges'][number]['node'];

/** A day `YYYY-MM-DD` of the user's calendar as the moment it starts; `nextDay` the moment it ends. */
function dayStart(day: string, nextDay = false): string | null {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return null;
  return new Date(y, m - 1, d + (nextDay ? 1 : 0)).toISOString();
}

function filterOf(params: URLSearchParams): AuditEventFilter {
  const get = (name: Param) => params.get(name)?.trim() || '';
  const from = get('from') ? dayStart(get('from')) : null;
  const to = get('to') ? dayStart(get('to'), true) : null;
  return {
    ...(get('action') ? { action: get('action') } : {}),
    ...(get('user') ? { actorUsernamePrefix: get('user').toLowerCase() } : {}),
    ...(get('customer') ? { customer: get('customer') } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** A value of an event's details or changes, as a person reads it. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The audit trail, newest first (P12): who did or looked at what, and why; searchable by period, user, customer and action. */
export function AuditPage() {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState<Record<Param, string>>(() => Object.fromEntries(PARAMS.map((p) => [p, params.get(p) ?? ''])) as Record<Param, string>);
  const filter = filterOf(params);
  const withCustomer = ability.can('read', 'Customer');
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, fetchMore } = useQuery(AuditEventsQuery, {
    variables: { first: PAGE_SIZE, filter, withCustomer },
    fetchPolicy: 'cache-and-network',
  });
  const fieldLabel = (field: string) => (t.customers.fields as Record<string, string>)[field] ?? field;
  const plural = new Intl.PluralRules(language);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const p of PARAMS) if (form[p].trim()) next.set(p, form[p].trim());
    setParams(next);
  };
  const clear = () => {
    setForm({ action: '', user: '', customer: '', from: '', to: '' });
    setParams(new URLSearchParams());
  };
  const set = (p: Param) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [p]: e.target.value }));

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

  const customerCell = (node: Node) => {
    if (node.customerCount) return t.audit.customersShown(node.customerCount, plural.select(node.customerCount));
    if (!node.customerId) return '';
    const c = node.customer;
    const label = c ? `${c.customerNumber} ${customerName(t, c)}`.trim() : t.audit.customerHidden;
    return withCustomer && c ? <Link to={`/customers/${node.customerId}`}>{label}</Link> : label;
  };
  const details = (node: Node) => {
    const changes = Object.entries((node.changes ?? {}) as Record<string, { before?: unknown; after?: unknown }>);
    const detail = Object.entries((node.detail ?? {}) as Record<string, unknown>);
    if (changes.length === 0 && detail.length === 0) return null;
    return (
      <details>
        <summary>{t.audit.details}</summary>
        <dl className="audit-details">
          {changes.map(([field, change]) => (
            <div key={`c-${field}`}>
              <dt>{fieldLabel(field)}</dt>
              <dd>{t.audit.changed(storedPersonName(t, shown(change?.before)), storedPersonName(t, shown(change?.after)))}</dd>
            </div>
          ))}
          {detail.map(([key, value]) => (
            <div key={`d-${key}`}>
              <dt>{(t.audit.detailKeys as Record<string, string>)[key] ?? key}</dt>
              <dd>{shown(value)}</dd>
            </div>
          ))}
        </dl>
      </details>
    );
  };

  const connection = data?.auditEvents;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t.audit.title}</h1>
      <form className="filters" onSubmit={submit} aria-label={t.audit.filter}>
        <div className="field">
          <label htmlFor="audit-from">{t.audit.from}</label>
          <input id="audit-from" type="date" value={form.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t.audit.to}</label>
          <input id="audit-to" type="date" value={form.to} min={form.from || undefined} onChange={set('to')} />
        </div>
        <div className="field">
          <label htmlFor="audit-username">{t.audit.user}</label>
          <input id="audit-username" value={form.user} onChange={set('user')} autoComplete="off" aria-describedby="audit-username-hint" />
          <small id="audit-username-hint">{t.audit.userHint}</small>
        </div>
        <div className="field">
          <label htmlFor="audit-customer">{t.audit.customer}</label>
          <input id="audit-customer" value={form.customer} onChange={set('customer')} autoComplete="off" aria-describedby="audit-customer-hint" />
          <small id="audit-customer-hint">{t.audit.customerHint}</small>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t.audit.action}</label>
          <select id="audit-action" value={form.action} onChange={set('action')}>
            <option value="">{t.audit.anyAction}</option>
            {Object.entries(t.audit.actions).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">{t.audit.filter}</button>
          <button type="button" onClick={clear}>
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
          <div className="table-scroll">
            <table className="data-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t.audit.time}</th>
                  <th scope="col">{t.audit.action}</th>
                  <th scope="col">{t.audit.user}</th>
                  <th scope="col">{t.audit.customer}</th>
                  <th scope="col">{t.audit.fields}</th>
                  <th scope="col">{t.audit.purpose}</th>
                  <th scope="col">{t.audit.details}</th>
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node }) => (
                  <tr key={node.id} data-testid="audit-row">
                    <td>{node.at ? formatTime(node.at, language) : ''}</td>
                    <td title={node.action ?? ''}>{t.audit.actions[node.action ?? ''] ?? node.action}</td>
                    <td>{node.actorUsername}</td>
                    <td data-testid="audit-customer">{customerCell(node)}</td>
                    <td>{node.fields?.map(fieldLabel).join(', ')}</td>
                    <td>{node.purpose ? (t.purposes[node.purpose as keyof typeof t.purposes] ?? node.purpose) : ''}</td>
                    <td>{details(node)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {connection?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {t.audit.loadMore}
        </button>
      )}
    </section>
  );
}
