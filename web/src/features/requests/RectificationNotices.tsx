import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FieldError, FormErrors } from '../../app/components';
import { useFocusWhen } from '../../app/focus';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { PrivacyRequestFieldsFragment } from '../../gql/graphql';
import { customerFieldLabel } from '../customers/fields';
import { noticeStatusLabel } from './labels';
import { PrivacyRequestQuery, SetRectificationNoticeStatusMutation } from './operations';
import { requestErrors } from './requestErrors';

type Notice = NonNullable<PrivacyRequestFieldsFragment['notices']>[number];

/**
 * GDPR 19, P16: the source of the old value and every recipient of it are told of the correction;
 * every recipient of the data is told of an erasure or a restriction (`forCorrections` false).
 * One worklist: each notice is marked sent, or impossible with the reason.
 */
export function RectificationNotices({ notices, canWork, forCorrections = true }: { notices: readonly Notice[]; canWork: boolean; forCorrections?: boolean }) {
  const { t } = useI18n();
  const c = t.requests.rectification;
  const r = t.requests.recipientNotices;
  return (
    <div className="rectification-notices" data-testid="rectification-notices">
      <h3>{forCorrections ? c.notices : r.title}</h3>
      <p className="hint">{forCorrections ? c.noticesIntro : r.intro}</p>
      {notices.length === 0 ? (
        <p className="empty">{c.noNotices}</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{forCorrections ? c.field : r.subject}</th>
              <th scope="col">{c.noticeTarget}</th>
              <th scope="col">{c.noticeStatus}</th>
              {canWork && <th scope="col">{t.recipients.actions}</th>}
            </tr>
          </thead>
          <tbody>
            {notices.map((notice) => (
              <NoticeRow key={notice.id} notice={notice} canWork={canWork} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function NoticeRow({ notice, canWork }: { notice: Notice; canWork: boolean }) {
  const { t, language } = useI18n();
  const c = t.requests.rectification;
  const [asking, setAsking] = useState(false);
  const reasonRef = useFocusWhen<HTMLTextAreaElement>(asking);
  const [reason, setReason] = useState('');
  const [setStatus, { loading, error }] = useMutation(SetRectificationNoticeStatusMutation, {
    refetchQueries: [PrivacyRequestQuery],
    awaitRefetchQueries: true,
  });
  const errors = requestErrors(t, error, ['reason']);
  const id = `notice-${notice.id}`;
  // A SOURCE notice names the data source (e.g. ADDRESS_UPDATE_SERVICE); a RECIPIENT notice the recipient.
  const to = notice.target === 'SOURCE' ? (t.sources[notice.recipient] ?? notice.recipient) : notice.recipient;

  const mark = async (status: 'SENT' | 'IMPOSSIBLE', why: string | null) => {
    try {
      await setStatus({ variables: { id: notice.id, status, reason: why } });
      setAsking(false);
    } catch {
      // shown through `error`
    }
  };
  const submitImpossible = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return;
    void mark('IMPOSSIBLE', reason.trim());
  };

  return (
    <tr data-testid="rectification-notice" data-status={notice.status} data-kind={notice.kind}>
      <td>{notice.field ? customerFieldLabel(t, notice.field) : (t.requests.recipientNotices.kinds[notice.kind] ?? notice.kind)}</td>
      <td>
        {to}
        <div className="muted">{c.targets[notice.target] ?? notice.target}</div>
      </td>
      <td>
        <span className={`status status-notice-${notice.status.toLowerCase()}`}>{noticeStatusLabel(t, notice.status)}</span>
        {notice.statusReason && <p className="muted">{notice.statusReason}</p>}
        {notice.status !== 'PENDING' && <p className="muted">{formatTime(notice.updatedAt, language)}</p>}
      </td>
      {canWork && (
        <td>
          <FormErrors messages={errors.general} />
          {notice.status === 'PENDING' &&
            (asking ? (
              <form className="inline-form" onSubmit={submitImpossible} aria-label={c.markImpossible}>
                <label htmlFor={`${id}-reason`}>{c.impossibleReason}</label>
                <textarea id={`${id}-reason`} ref={reasonRef} rows={2} value={reason} required maxLength={2000} onChange={(e) => setReason(e.target.value)} />
                {errors.byField.reason && <FieldError id={`${id}-reason-error`} message={errors.byField.reason} />}
                <div className="actions">
                  <button type="submit" className="primary" disabled={loading || !reason.trim()}>
                    {c.impossibleSave}
                  </button>
                  <button type="button" onClick={() => setAsking(false)}>
                    {t.requests.cancelAction}
                  </button>
                </div>
              </form>
            ) : (
              <div className="actions">
                <button type="button" disabled={loading} onClick={() => void mark('SENT', null)}>
                  {c.markSent}
                </button>
                <button type="button" disabled={loading} onClick={() => setAsking(true)}>
                  {c.markImpossible}
                </button>
              </div>
            ))}
        </td>
      )}
    </tr>
  );
}
