import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { appErrors } from '../../app/errors';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { AddresseeKind, OutboxMessageFieldsFragment, OutboxStatus } from '../../gql/graphql';
import { documentKindLabel } from '../requests/labels';
import { MarkSentForm } from './MarkSentForm';
import { OutboxMessagesQuery, RetryOutboxMessageMutation } from './operations';
import { printDocument } from './print';

const PAGE_SIZE = 50;

/** The tabs of the page: what still needs someone, then each state, then everything. */
const TABS = {
  todo: ['FAILED', 'HELD', 'PENDING', 'SENDING'],
  FAILED: ['FAILED'],
  HELD: ['HELD'],
  SENT: ['SENT'],
  all: [],
} satisfies Record<string, OutboxStatus[]>;
type Tab = keyof typeof TABS;

/** P14, P16, P17: letters to requesters and notices to recipients, on their way; retried, printed or marked sent here. */
export function OutboxPage() {
  const { t } = useI18n();
  const o = t.outbox;
  const ability = useAppAbility();
  const [tab, setTab] = useState<Tab>('todo');
  const [addresseeKind, setAddresseeKind] = useState<AddresseeKind | ''>('');
  const [loadingMore, setLoadingMore] = useState(false);
  const filter = { ...(TABS[tab].length ? { status: TABS[tab] } : {}), ...(addresseeKind ? { addresseeKind } : {}) };
  const { data, loading, error, refetch, fetchMore } = useQuery(OutboxMessagesQuery, {
    variables: { filter, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.outboxMessages;
  const count = (statuses: readonly OutboxStatus[]) =>
    (connection?.counts ?? []).filter((c) => statuses.length === 0 || statuses.includes(c.status)).reduce((n, c) => n + c.count, 0);

  const loadMore = async () => {
    const after = connection?.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after },
        updateQuery: (previous, { fetchMoreResult }) => ({
          outboxMessages: { ...fetchMoreResult.outboxMessages, edges: [...previous.outboxMessages.edges, ...fetchMoreResult.outboxMessages.edges] },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section aria-labelledby="outbox-title" data-testid="outbox-page">
      <h1 id="outbox-title">{o.title}</h1>
      <p className="intro">{o.intro}</p>
      <fieldset className="tabs">
        <legend className="visually-hidden">{o.statusTabs}</legend>
        {(Object.keys(TABS) as Tab[]).map((key) => (
          <button key={key} type="button" aria-pressed={tab === key} onClick={() => setTab(key)} data-testid={`outbox-tab-${key}`}>
            {o.tabs[key]}
            {connection && <span className="count"> ({count(TABS[key])})</span>}
          </button>
        ))}
      </fieldset>
      <div className="filters">
        <div className="field">
          <label htmlFor="outbox-addressee">{o.addressee}</label>
          <select id="outbox-addressee" value={addresseeKind} onChange={(e) => setAddresseeKind(e.target.value as AddresseeKind | '')}>
            <option value="">{o.anyAddressee}</option>
            <option value="REQUESTER">{o.addresseeKinds.REQUESTER}</option>
            <option value="RECIPIENT">{o.addresseeKinds.RECIPIENT}</option>
          </select>
        </div>
      </div>

      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !connection && <Loading />}
      {connection &&
        (connection.edges.length === 0 ? (
          <p className="empty" data-testid="outbox-empty">
            {tab === 'todo' ? o.emptyTodo : o.empty}
          </p>
        ) : (
          <table className="data-table" data-testid="outbox-table">
            <caption className="visually-hidden">{o.tableCaption(connection.totalCount)}</caption>
            <thead>
              <tr>
                <th scope="col">{o.letter}</th>
                <th scope="col">{o.addressee}</th>
                <th scope="col">{o.status}</th>
                <th scope="col">{o.actions}</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <OutboxRow key={node.id} message={node} canWork={ability.can('work', 'OutboxMessage')} />
              ))}
            </tbody>
          </table>
        ))}
      {connection?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {o.loadMore}
        </button>
      )}
    </section>
  );
}

function OutboxRow({ message: m, canWork }: { message: OutboxMessageFieldsFragment; canWork: boolean }) {
  const { t, language } = useI18n();
  const o = t.outbox;
  const [marking, setMarking] = useState(false);
  const [printError, setPrintError] = useState(false);
  const [retry, retryState] = useMutation(RetryOutboxMessageMutation, { refetchQueries: [OutboxMessagesQuery] });
  const retryRefused = appErrors(retryState.error).some((e) => e.code === 'BAD_USER_INPUT');
  const open = m.status !== 'SENT';
  const print = async () => {
    setPrintError(false);
    try {
      await printDocument(m.documentId);
    } catch {
      setPrintError(true);
    }
  };
  return (
    <>
      <tr data-testid="outbox-row" data-status={m.status}>
        <td>
          <div>{m.subject}</div>
          <div className="muted">
            {documentKindLabel(t, m.documentKind)} · <Link to={`/requests/${m.requestId}`}>{o.request(m.requestNumber)}</Link>
            {m.answer && <> · {o.answer}</>}
          </div>
          <ul className="plain">
            {m.attachments.map((a) => (
              <li key={a.documentId}>
                <a href={`/documents/${a.documentId}`} download={a.filename}>
                  {a.filename}
                </a>
              </li>
            ))}
          </ul>
        </td>
        <td>
          <div>{m.addresseeName}</div>
          <div className="muted">{o.addresseeKinds[m.addresseeKind] ?? m.addresseeKind}</div>
          {m.addresseeEmail && <div className="mono">{m.addresseeEmail}</div>}
          {!m.addresseeEmail && m.addresseeAddress && <address className="postal">{m.addresseeAddress}</address>}
        </td>
        <td>
          <span className={`badge badge-${m.status.toLowerCase()}`}>{o.statuses[m.status]}</span>
          {m.status === 'HELD' && m.holdReason && <div className="muted">{o.holdReasons[m.holdReason]}</div>}
          {m.status === 'FAILED' && (
            <div className="muted" data-testid="outbox-error">
              {o.attempts(m.attempts)}: {m.lastError}
            </div>
          )}
          {m.status === 'SENT' && m.sentAt && (
            <div className="muted">
              {formatTime(m.sentAt, language)} · {m.channel === 'BY_HAND' ? o.byHand(m.sentBy ?? '') : o.byEmail(m.sentTo ?? '')}
              {m.note && <div>{m.note}</div>}
            </div>
          )}
          {m.status !== 'SENT' && <div className="muted">{o.created(formatTime(m.createdAt, language))}</div>}
        </td>
        <td>
          <div className="actions">
            <button type="button" onClick={() => void print()} data-testid="outbox-print">
              {o.print}
            </button>
            {canWork && m.status === 'FAILED' && (
              <button
                type="button"
                disabled={retryState.loading}
                onClick={() => void retry({ variables: { id: m.id, version: m.version } }).catch(() => undefined)}
              >
                {o.retry}
              </button>
            )}
            {canWork && open && m.status !== 'SENDING' && !marking && (
              <button type="button" onClick={() => setMarking(true)} data-testid="outbox-mark-sent">
                {o.markSent}
              </button>
            )}
          </div>
          {printError && (
            <p className="notice notice-error" role="alert">
              {o.printFailed}
            </p>
          )}
          {retryState.error &&
            (retryRefused ? (
              <p role="alert" className="notice notice-error">
                {o.retryRefused}
              </p>
            ) : (
              <ErrorNotice error={retryState.error} />
            ))}
        </td>
      </tr>
      {marking && (
        <tr>
          <td colSpan={4}>
            <MarkSentForm message={m} onDone={() => setMarking(false)} onCancel={() => setMarking(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
