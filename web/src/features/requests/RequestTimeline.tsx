import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { PrivacyRequestFieldsFragment } from '../../gql/graphql';
import { eventKindLabel, statusLabel } from './labels';

type Event = NonNullable<PrivacyRequestFieldsFragment['events']>[number];

/** The request's steps in order: who, when, what it did to the status, and the note. */
export function RequestTimeline({ events }: { events: readonly Event[] }) {
  const { t, language } = useI18n();
  const r = t.requests;
  return (
    <section className="card" aria-labelledby="timeline-title" data-testid="request-timeline">
      <h2 id="timeline-title">{r.timeline}</h2>
      {events.length === 0 ? (
        <p className="empty">{r.timelineEmpty}</p>
      ) : (
        <ol className="timeline">
          {events.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is append-only, so a step keeps its position; steps of one moment may look alike
            <li key={`${e.at}-${i}`} data-testid="timeline-event" data-kind={e.kind}>
              <p className="timeline-head">
                <strong>{eventKindLabel(t, e.kind)}</strong>
                <span className="muted">
                  {' · '}
                  <time dateTime={e.at}>{formatTime(e.at, language)}</time>
                  {' · '}
                  {e.actor ?? r.system}
                </span>
              </p>
              {e.toStatus && e.fromStatus !== e.toStatus && (
                <p className="timeline-status">
                  {e.fromStatus ? r.statusChange(statusLabel(t, e.fromStatus), statusLabel(t, e.toStatus)) : statusLabel(t, e.toStatus)}
                </p>
              )}
              {e.note && <p className="timeline-note">{e.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
