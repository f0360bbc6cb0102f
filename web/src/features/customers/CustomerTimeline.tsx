import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatMoney, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { CustomerTimelineQuery as TimelineData } from '../../gql/graphql';
import { MergedRecordNotice, type MergedInto } from './MergedRecordNotice';
import { NoteEditForm } from './NoteEditForm';
import { NoteForm } from './NoteForm';
import { CustomerTimelineQuery, DeleteCustomerNoteMutation } from './notesOperations';

const PAGE = 20;

type Item = TimelineData['customerTimeline']['edges'][number]['node'];

/** Issue 16: notes and contacts, orders, invoices, requests and prohibitions, newest first; each only if the reader may read it. */
/** `mergedInto`, P6: a merged record's notes moved to the customer it was merged into, and new ones are written there. */
export function CustomerTimeline({ customerId, mergedInto = null }: { customerId: string; mergedInto?: MergedInto | null }) {
  const { t, language } = useI18n();
  const n = t.customerNotes;
  const ability = useAppAbility();
  const { data, loading, error, refetch, fetchMore } = useQuery(CustomerTimelineQuery, {
    variables: { customerId, first: PAGE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [remove, removal] = useMutation(DeleteCustomerNoteMutation, { refetchQueries: [CustomerTimelineQuery] });
  const timeline = data?.customerTimeline;
  const [editing, setEditing] = useState<string | null>(null);

  const describe = (item: Item): string => {
    const code = (table: Record<string, string>, value: string | null | undefined) => (value ? (table[value] ?? value) : '');
    switch (item.kind) {
      case 'NOTE':
        return item.note?.text ?? item.summary;
      case 'CONTACT':
        return `${code(n.channels, item.detail)}: ${item.note?.text ?? item.summary}`;
      case 'ORDER':
        return `${n.order(item.summary)} · ${code(n.orderStatus, item.detail)}${item.extra ? ` · ${formatMoney(Number(item.extra), language)}` : ''}`;
      case 'INVOICE':
        return `${n.invoice(item.summary)} · ${code(n.invoiceStatus, item.detail)}${item.extra ? ` · ${formatMoney(Number(item.extra), language)}` : ''}`;
      case 'PRIVACY_REQUEST':
        return `${n.request(item.summary)} · ${code(n.requestType, item.detail)}`;
      default:
        return [code(n.prohibitionKind, item.summary), code(n.prohibitionChannel, item.detail)].filter(Boolean).join(' · ');
    }
  };

  return (
    <section aria-labelledby="timeline-title" data-testid="customer-timeline">
      <h2 id="timeline-title">{n.title}</h2>
      {ability.can('create', 'CustomerNote') && (mergedInto ? <MergedRecordNotice mergedInto={mergedInto} /> : <NoteForm customerId={customerId} />)}
      {loading && !timeline && <Loading />}
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {removal.error && <ErrorNotice error={removal.error} />}
      {timeline && timeline.edges.length === 0 && <p className="empty">{n.empty}</p>}
      {timeline && timeline.edges.length > 0 && (
        <ol className="timeline" data-testid="timeline-items">
          {timeline.edges.map(({ cursor, node }) => (
            <li key={cursor} className={`timeline-item timeline-${node.kind.toLowerCase()}`} data-testid="timeline-item" data-kind={node.kind}>
              <p className="timeline-meta">
                <time dateTime={node.at}>{formatTime(node.at, language)}</time> · <strong>{n.kinds[node.kind] ?? node.kind}</strong>
                {node.note && <> · {node.note.authorName}</>}
              </p>
              {node.note && editing === node.note.id ? (
                <NoteEditForm note={node.note} onDone={() => setEditing(null)} reload={() => void refetch()} />
              ) : (
                <p className="timeline-summary">{describe(node)}</p>
              )}
              {node.note?.mine && !mergedInto && editing !== node.note.id && (
                <button type="button" className="link-button" onClick={() => setEditing(node.note?.id ?? null)}>
                  {n.edit}
                </button>
              )}
              {node.note?.mine && !mergedInto && editing !== node.note.id && (
                <button
                  type="button"
                  className="link-button"
                  disabled={removal.loading}
                  onClick={() => {
                    if (node.note && window.confirm(n.confirmDelete))
                      void remove({ variables: { id: node.note.id, version: node.note.version } }).catch(() => {});
                  }}
                >
                  {n.delete}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {timeline?.pageInfo.hasNextPage && (
        <button
          type="button"
          disabled={loading}
          onClick={() =>
            void fetchMore({
              variables: { after: timeline.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                customerTimeline: {
                  ...fetchMoreResult.customerTimeline,
                  edges: [...previous.customerTimeline.edges, ...fetchMoreResult.customerTimeline.edges],
                },
              }),
            })
          }
        >
          {n.more}
        </button>
      )}
    </section>
  );
}
