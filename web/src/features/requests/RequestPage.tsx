import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatDay, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { PrivacyRequestFieldsFragment } from '../../gql/graphql';
import { channelLabel, kindLabel } from '../prohibitions/labels';
import { AccessPanel } from './AccessPanel';
import { ErasurePanel } from './ErasurePanel';
import { requestReadFlags } from './flags';
import { customerLabel, personName, isClosed, languageLabel, statusLabel, typeLabel, viaLabel } from './labels';
import { PrivacyRequestQuery } from './operations';
import { RectificationNotices } from './RectificationNotices';
import { RectificationPanel } from './RectificationPanel';
import { RequestActions } from './RequestActions';
import { DaysLeftBadge, RequestStatusBadge } from './RequestBadges';
import { RequestDocuments } from './RequestDocuments';
import { RequestTimeline } from './RequestTimeline';
import { RetainedVouchers } from './RetainedVouchers';

export function RequestPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const ability = useAppAbility();
  const flags = useMemo(() => requestReadFlags(ability), [ability]);
  const { data, loading, error, refetch } = useQuery(PrivacyRequestQuery, { variables: { id, ...flags }, fetchPolicy: 'cache-and-network' });
  const request = data?.privacyRequest;
  return (
    <section>
      <p>
        <Link to="/requests">← {t.requests.backToList}</Link>
      </p>
      {loading && !request && <Loading />}
      {!request && error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {request && <RequestView key={request.id} request={request} />}
    </section>
  );
}

/** A field is shown when the query asked for it (the user may read it): `undefined` means not asked. */
function RequestView({ request }: { request: PrivacyRequestFieldsFragment }) {
  const { t, language } = useI18n();
  const r = t.requests;
  const ability = useAppAbility();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const canWork = ability.can('work', 'PrivacyRequest');
  const open = !isClosed(request.status);
  const unverified = request.identityVerified === false && open;
  const type = request.type;

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const detail = (label: string, value: ReactNode, testId?: string) => (
    <div className="detail">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );

  return (
    <article aria-labelledby="request-title" className="request">
      <header className="page-title request-header">
        <h1 id="request-title">{r.title1(request.requestNumber ?? '', typeLabel(t, type))}</h1>
        <span className="status-cell" data-testid="request-status">
          <RequestStatusBadge status={request.status} />
          <DaysLeftBadge daysLeft={request.daysLeft} overdue={request.overdue} />
        </span>
      </header>
      {created && (
        <p className="notice notice-success" role="status" data-testid="request-created">
          {r.created}
        </p>
      )}
      {request.duplicateOf && (
        <div className="notice notice-warning" role="status" data-testid="duplicate-warning">
          <p>
            {isClosed(request.duplicateOf.status)
              ? r.duplicateOfClosed(request.duplicateOf.requestNumber ?? '', statusLabel(t, request.duplicateOf.status))
              : r.duplicateOf(request.duplicateOf.requestNumber ?? '')}
          </p>
          <p>
            <Link to={`/requests/${request.duplicateOf.id}`}>{r.duplicateOpen}</Link> · {r.duplicateHint}
          </p>
        </div>
      )}
      {unverified && (
        <div className="notice notice-warning" role="status" data-testid="identity-notice">
          <p>
            <strong>{r.identityNotVerified}</strong>
          </p>
          <p>{r.identityNotVerifiedHint}</p>
        </div>
      )}

      <dl className="details" aria-label={r.details}>
        {detail(r.type, typeLabel(t, type))}
        {detail(r.requester, personName(t, request.requesterName))}
        {detail(r.requesterContact, request.requesterContact ?? t.customers.none)}
        {detail(
          r.customer,
          request.customer ? (
            ability.can('read', 'Customer') ? (
              <Link to={`/customers/${request.customer.id}`}>{customerLabel(request.customer, t)}</Link>
            ) : (
              customerLabel(request.customer, t)
            )
          ) : (
            <span className="muted">{r.noCustomer}</span>
          ),
          'request-customer',
        )}
        {detail(r.received, request.receivedAt ? formatTime(request.receivedAt, language) : '')}
        {detail(r.receivedVia, viaLabel(t, request.receivedVia))}
        {detail(r.language, languageLabel(t, request.language))}
        {detail(r.signedLabel, request.signed ? r.yes : r.no)}
        {request.paperOriginalLocation !== undefined && detail(r.paperOriginalLocation, request.paperOriginalLocation ?? t.customers.none)}
        {detail(
          r.dueAt,
          <>
            {request.dueAt ? formatDay(request.dueAt, language) : ''}
            {request.extended && <span className="muted"> ({r.extendedMark})</span>}
          </>,
          'request-due',
        )}
        {request.assignee !== undefined && detail(r.assignee, request.assignee?.displayName ?? r.nobody, 'request-assignee')}
        {request.identityVerified !== undefined && detail(r.identityVerified, request.identityVerified ? r.yes : r.no, 'request-identity')}
        {request.closedAt && detail(r.closedAt, formatTime(request.closedAt, language))}
      </dl>

      {type === 'OBJECTION' && (request.requestedProhibitions?.length ?? 0) > 0 && (
        <section className="requested-prohibitions" aria-labelledby="requested-prohibitions-title">
          <h2 id="requested-prohibitions-title">{r.requestedProhibitions}</h2>
          <ul>
            {request.requestedProhibitions?.map((p) => (
              <li key={`${p.kind}-${p.channel ?? 'ALL'}`}>
                {kindLabel(t, p.kind)} ({channelLabel(t, p.channel)})
              </li>
            ))}
          </ul>
        </section>
      )}

      {notice && (
        <p className="notice notice-success" role="status" tabIndex={-1} ref={noticeRef} data-testid="request-notice">
          {notice}
        </p>
      )}
      {canWork && open && (
        <section className="card" aria-labelledby="request-actions-title" data-testid="request-actions">
          <h2 id="request-actions-title">{r.actions}</h2>
          <RequestActions request={request} onDone={setNotice} />
        </section>
      )}
      {type === 'ACCESS' && request.documents !== undefined && <AccessPanel request={request} canWork={canWork} />}
      {type === 'RECTIFICATION' && request.items !== undefined && <RectificationPanel request={request} canWork={canWork} />}
      {(type === 'ERASURE' || type === 'ANONYMISATION') && request.erasurePlan !== undefined && <ErasurePanel request={request} canWork={canWork} />}
      {type === 'ERASURE' && request.retainedVouchers && request.retainedVouchers.length > 0 && <RetainedVouchers vouchers={request.retainedVouchers} />}
      {(type === 'ERASURE' || type === 'ANONYMISATION' || type === 'RESTRICTION') && request.notices && request.notices.length > 0 && (
        <section className="card" aria-label={t.requests.recipientNotices.title}>
          <RectificationNotices notices={request.notices} canWork={canWork} forCorrections={false} />
        </section>
      )}
      {request.documents !== undefined && <RequestDocuments documents={request.documents ?? []} />}
      {request.events !== undefined && <RequestTimeline events={request.events ?? []} />}
    </article>
  );
}
