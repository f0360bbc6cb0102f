import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { appErrors } from '../../app/errors';
import { useFocusWhen } from '../../app/focus';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { NoticeLanguage } from '../../gql/graphql';
import { PrivacyNoticeDraftQuery, PrivacyNoticeVersionsQuery, PublishPrivacyNoticeMutation } from './operations';

const LANGUAGES: readonly NoticeLanguage[] = ['FI', 'EN'];

/**
 * P18: the notice the settings make now, what changed since the last published version, publishing (administrators),
 * the published versions, the public pages and the record of processing activities (GDPR 30). Shown to those who may
 * read the register's settings (administrators and privacy officers).
 */
export function PrivacyNoticePanel() {
  const { t, language: uiLanguage } = useI18n();
  const c = t.registerConfig.notice;
  const ability = useAppAbility();
  const mayPublish = ability.can('create', 'PrivacyNotice');
  const [language, setLanguage] = useState<NoticeLanguage>(uiLanguage === 'en' ? 'EN' : 'FI');
  const draft = useQuery(PrivacyNoticeDraftQuery, { variables: { language }, fetchPolicy: 'cache-and-network' });
  const versions = useQuery(PrivacyNoticeVersionsQuery, { fetchPolicy: 'cache-and-network' });
  const [confirming, setConfirming] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const cancelRef = useFocusWhen<HTMLButtonElement>(confirming);
  const [publish, publishing] = useMutation(PublishPrivacyNoticeMutation, {
    refetchQueries: [PrivacyNoticeDraftQuery, PrivacyNoticeVersionsQuery],
    awaitRefetchQueries: true,
  });

  const d = draft.data?.privacyNoticeDraft;
  const latest = d?.latestVersion ?? null;
  const nothingChanged = d !== undefined && latest !== null && d.changes.length === 0;

  const confirmPublish = async () => {
    setPublished(null);
    try {
      const result = await publish();
      setPublished(result.data?.publishPrivacyNotice.version ?? null);
    } catch {
      // shown through the result's error
    }
    setConfirming(false);
  };
  // The server names what stops a publish: no controller yet, or nothing changed.
  const publishProblems = appErrors(publishing.error).map((e) =>
    e.field === 'controllerName' ? c.needsController : e.field === 'version' ? c.nothingToPublish : null,
  );

  return (
    <section aria-labelledby="notice-title" className="privacy-notice-panel">
      <h2 id="notice-title">{c.title}</h2>
      <p className="intro">{c.intro}</p>

      <div className="field">
        <label htmlFor="notice-language">{c.language}</label>
        <select id="notice-language" value={language} onChange={(e) => setLanguage(e.target.value as NoticeLanguage)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {c.languages[l]}
            </option>
          ))}
        </select>
      </div>

      {draft.error && <ErrorNotice error={draft.error} onRetry={() => void draft.refetch()} />}
      {draft.loading && !d && <Loading />}
      {d && (
        <div lang={language.toLowerCase()} data-testid="notice-draft">
          <p data-testid="notice-latest">{latest === null ? c.neverPublished : c.latest(latest)}</p>
          <h3>{latest === null ? c.changesTitleFirst : c.changesTitle}</h3>
          {d.changes.length === 0 ? (
            <p className="empty" data-testid="notice-no-changes">
              {c.noChanges}
            </p>
          ) : (
            <ul className="notice-changes" data-testid="notice-changes">
              {d.changes.map((change) => (
                <li key={change.section}>
                  <strong>{change.section}</strong>
                  {change.added.length > 0 && (
                    <>
                      <p className="muted">{c.added}</p>
                      <ul>
                        {change.added.map((p) => (
                          <li key={`+${p}`} className="change-added">
                            <ins>{p}</ins>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                  {change.removed.length > 0 && (
                    <>
                      <p className="muted">{c.removed}</p>
                      <ul>
                        {change.removed.map((p) => (
                          <li key={`-${p}`} className="change-removed">
                            <del>{p}</del>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <details>
            <summary>{c.draftTitle}</summary>
            <h4>{d.title}</h4>
            {d.sections.map((s) => (
              <div key={s.key}>
                <h5>{s.title}</h5>
                {s.paragraphs.map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </div>
            ))}
          </details>
        </div>
      )}

      {mayPublish && d && (
        <div className="notice-publish">
          {published !== null && (
            <p className="notice notice-success" role="status" data-testid="notice-published">
              {c.published(published)}
            </p>
          )}
          {publishing.error &&
            (publishProblems.every((p) => p !== null) ? (
              <div className="notice notice-error" role="alert" data-testid="form-error">
                {[...new Set(publishProblems)].map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </div>
            ) : (
              <ErrorNotice error={publishing.error} />
            ))}
          {confirming ? (
            <div className="confirm" role="alertdialog" aria-labelledby="notice-confirm-text">
              <p id="notice-confirm-text">{c.publishConfirm((latest ?? 0) + 1)}</p>
              <button type="button" className="primary" onClick={() => void confirmPublish()} disabled={publishing.loading}>
                {c.confirm}
              </button>
              <button type="button" ref={cancelRef} onClick={() => setConfirming(false)}>
                {c.cancel}
              </button>
            </div>
          ) : (
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={nothingChanged}
                aria-describedby={nothingChanged ? 'notice-nothing' : undefined}
                onClick={() => {
                  setPublished(null);
                  publishing.reset();
                  setConfirming(true);
                }}
              >
                {c.publish}
              </button>
              {nothingChanged && (
                <span className="muted" id="notice-nothing">
                  {c.nothingToPublish}
                </span>
              )}
            </div>
          )}
        </div>
      )}

      <h3>{c.versions}</h3>
      {versions.error && <ErrorNotice error={versions.error} onRetry={() => void versions.refetch()} />}
      {versions.loading && !versions.data && <Loading />}
      {versions.data &&
        (versions.data.privacyNoticeVersions.length === 0 ? (
          <p className="empty">{c.noVersions}</p>
        ) : (
          <table className="data-table" data-testid="notice-versions">
            <thead>
              <tr>
                <th scope="col">{c.version}</th>
                <th scope="col">{c.publishedAt}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.privacyNoticeVersions.map((v) => (
                <tr key={v.version} data-testid="notice-version-row">
                  <td>{v.version}</td>
                  <td>{formatTime(v.publishedAt, uiLanguage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}

      <h3>{c.publicPages}</h3>
      <ul className="links" data-testid="notice-public-links">
        <li>
          <a href="/tietosuojaseloste" target="_blank" rel="noopener" hrefLang="fi">
            {c.publicFi} <span className="visually-hidden">{c.opensNew}</span>
          </a>
        </li>
        <li>
          <a href="/privacy-notice" target="_blank" rel="noopener" hrefLang="en">
            {c.publicEn} <span className="visually-hidden">{c.opensNew}</span>
          </a>
        </li>
        <li>
          <a href="/privacy-notice.json" target="_blank" rel="noopener" type="application/json">
            {c.publicJson} <span className="visually-hidden">{c.opensNew}</span>
          </a>
        </li>
      </ul>

      <h3>{c.record}</h3>
      <p className="hint">{c.recordIntro}</p>
      <ul className="links" data-testid="processing-record-links">
        <li>
          <a href="/processing-record/fi.html" target="_blank" rel="noopener">
            {c.recordFiHtml} <span className="visually-hidden">{c.opensNew}</span>
          </a>
        </li>
        <li>
          <a href="/processing-record/fi.csv" download>
            {c.recordFiCsv}
          </a>
        </li>
        <li>
          <a href="/processing-record/en.html" target="_blank" rel="noopener">
            {c.recordEnHtml} <span className="visually-hidden">{c.opensNew}</span>
          </a>
        </li>
        <li>
          <a href="/processing-record/en.csv" download>
            {c.recordEnCsv}
          </a>
        </li>
      </ul>
    </section>
  );
}
