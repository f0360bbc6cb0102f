import { useQuery } from '@apollo/client/react';
import { ErrorNotice, Loading } from '../../app/components';
import { formatNumber, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { CustomerWebActivityQuery } from './operations';

/** Shown at most on the page (the server sends the newest this many; the access package has them all). */
const SHOWN = 200;

/** P13: the customer's web activity: the consents of their browsers (categories, when), the page views, the forms. */
export function WebEventsTab({ customerId }: { customerId: string }) {
  const { t, language } = useI18n();
  const w = t.webEvents;
  const { data, loading, error, refetch } = useQuery(CustomerWebActivityQuery, { variables: { customerId }, fetchPolicy: 'cache-and-network' });
  const activity = data?.customerWebActivity;
  const time = (iso: string | null | undefined) => (iso ? formatTime(iso, language) : '');
  return (
    <section aria-labelledby="web-events-title" data-testid="web-events">
      <h2 id="web-events-title">{w.title}</h2>
      <p className="hint">{w.intro}</p>
      {loading && !activity && <Loading />}
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {activity && (
        <>
          <h3>{w.consents}</h3>
          {activity.consents.length === 0 ? (
            <p className="empty">{w.noConsents}</p>
          ) : (
            <table className="data-table" data-testid="web-consents">
              <thead>
                <tr>
                  <th scope="col">{w.categories}</th>
                  <th scope="col">{w.givenAt}</th>
                  <th scope="col">{w.withdrawnAt}</th>
                  <th scope="col">{w.linkedAt}</th>
                  <th scope="col">{w.noticeVersion}</th>
                </tr>
              </thead>
              <tbody>
                {activity.consents.map((c) => (
                  <tr key={`${c.givenAt}-${c.linkedAt}`}>
                    <td>{c.withdrawnAt ? w.withdrawn : c.categories.map((k) => w.category[k] ?? k).join(', ')}</td>
                    <td>{time(c.givenAt)}</td>
                    <td>{time(c.withdrawnAt)}</td>
                    <td>{time(c.linkedAt)}</td>
                    <td>{c.noticeVersion}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h3>{w.events}</h3>
          {activity.events.length === 0 ? (
            <p className="empty">{w.noEvents}</p>
          ) : (
            <>
              {activity.events.length >= SHOWN && <p className="hint">{w.newest(SHOWN)}</p>}
              <table className="data-table" data-testid="web-event-list">
                <thead>
                  <tr>
                    <th scope="col">{w.occurredAt}</th>
                    <th scope="col">{w.page}</th>
                    <th scope="col" className="num">
                      {w.duration}
                    </th>
                    <th scope="col">{w.ipAddress}</th>
                    <th scope="col">{w.userAgent}</th>
                  </tr>
                </thead>
                <tbody>
                  {activity.events.map((e) => (
                    <tr key={e.id}>
                      <td>{time(e.occurredAt)}</td>
                      <td>{e.page}</td>
                      <td className="num">{w.seconds(formatNumber(e.durationSeconds, language))}</td>
                      <td>{e.ipAddress ?? ''}</td>
                      <td>{e.userAgent ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}

          <h3>{w.forms}</h3>
          {activity.forms.length === 0 ? (
            <p className="empty">{w.noForms}</p>
          ) : (
            <ul data-testid="web-forms">
              {activity.forms.map((f) => (
                <li key={f.id}>
                  {time(f.submittedAt)} · {w.form}: {f.form} · {f.matched ? w.matched : w.created}
                  {f.message && (
                    <>
                      {' '}
                      · {w.message}: “{f.message}”
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
