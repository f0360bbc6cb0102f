import { useQuery } from '@apollo/client/react';
import { ErrorNotice, Loading } from '../../app/components';
import { formatTime } from '../../app/format';
import { type Language, useI18n } from '../../app/i18n';
import type { ComplianceReportQuery as ComplianceReportData } from '../../gql/graphql';
import { ComplianceReportQuery } from './operations';

type Report = NonNullable<ComplianceReportData['complianceReport']>;
type ReportPromise = NonNullable<Report['promises']>[number];

function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`status status-promise-${status.toLowerCase()}`} data-testid="promise-status">
      {t.compliance.status[status] ?? status}
    </span>
  );
}

function OutcomeBadge({ outcome, run }: { outcome: string; run?: string }) {
  const { t } = useI18n();
  const label = t.compliance.outcome[outcome] ?? outcome;
  return <span className={`status status-test-${outcome.toLowerCase()}`}>{run ? `${run}: ${label}` : label}</span>;
}

/** One promise: what it says, its status, the modules that enforce it, and its tests (open when one fails). */
function PromiseSection({ promise }: { promise: ReportPromise }) {
  const { t } = useI18n();
  const titleId = `promise-${promise.id}`;
  return (
    <section className="promise" id={promise.id} aria-labelledby={titleId} data-testid="compliance-promise">
      <h2 id={titleId}>
        {promise.id} <StatusBadge status={promise.status} />
      </h2>
      <dl className="details">
        <div className="detail">
          <dt>{t.compliance.promise}</dt>
          <dd lang="en">{promise.promise}</dd>
        </div>
        <div className="detail">
          <dt>{t.compliance.requirement}</dt>
          <dd lang="en">{promise.requirement}</dd>
        </div>
        <div className="detail">
          <dt>{t.compliance.modules}</dt>
          <dd className="mono">{promise.modules.length > 0 ? promise.modules.join(', ') : t.compliance.noModules}</dd>
        </div>
      </dl>
      {promise.tests.length === 0 ? (
        <p className="empty">{t.compliance.noTests}</p>
      ) : (
        <details open={promise.status === 'FAILING'}>
          <summary>{t.compliance.tests(promise.tests.length)}</summary>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t.compliance.test}</th>
                <th scope="col">{t.compliance.result}</th>
              </tr>
            </thead>
            <tbody>
              {promise.tests.map((test) => (
                <tr key={`${test.file}\u0000${test.name}`} data-testid="compliance-test">
                  <td>
                    <span lang="en">{test.name}</span>
                    <br />
                    <small className="mono">{test.file}</small>
                  </td>
                  <td>
                    <span className="status-cell">
                      {test.runs.map((r) => (
                        <OutcomeBadge key={r.run} outcome={r.outcome} run={r.run} />
                      ))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

/** The compliance report of the running build: each promise of the notice and the tests that prove it (privacy officers, admins). */
export function CompliancePage() {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(ComplianceReportQuery, { fetchPolicy: 'cache-and-network' });
  const report = data?.complianceReport;
  return (
    <section aria-labelledby="compliance-title">
      <h1 id="compliance-title">{t.compliance.title}</h1>
      <p>{t.compliance.intro}</p>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !data && <Loading />}
      {data && !report && (
        <div className="notice notice-warning" role="status" data-testid="compliance-no-results">
          <p>
            <strong>{t.compliance.noResults}</strong>
          </p>
          <p>{t.compliance.noResultsHint}</p>
        </div>
      )}
      {report && <ReportBody report={report} language={language} />}
    </section>
  );
}

function ReportBody({ report, language }: { report: Report; language: Language }) {
  const { t } = useI18n();
  const { summary } = report;
  return (
    <>
      <dl className="details">
        <div className="detail">
          <dt>{t.compliance.generated}</dt>
          <dd>{report.generatedAt ? formatTime(report.generatedAt, language) : ''}</dd>
        </div>
        {report.commit && (
          <div className="detail">
            <dt>{t.compliance.commit}</dt>
            <dd className="mono">{report.commit.slice(0, 12)}</dd>
          </div>
        )}
        <div className="detail">
          <dt>{t.compliance.runs}</dt>
          {(report.runs ?? []).map((run) => (
            <dd key={run.name}>{t.compliance.run(run.name, run.passed, run.failed)}</dd>
          ))}
        </div>
      </dl>
      {summary && (
        <section aria-labelledby="compliance-summary">
          <h2 id="compliance-summary">{t.compliance.summary}</h2>
          <p className="status-cell" data-testid="compliance-summary">
            <span className="status status-promise-proven">{`${t.compliance.status.PROVEN}: ${summary.proven}`}</span>
            <span className="status status-promise-not_proven">{`${t.compliance.status.NOT_PROVEN}: ${summary.notProven}`}</span>
            <span className="status status-promise-failing">{`${t.compliance.status.FAILING}: ${summary.failing}`}</span>
          </p>
          <p className="hint">{t.compliance.promiseLanguage}</p>
        </section>
      )}
      {(report.unknownTags ?? []).length > 0 && (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>{t.compliance.unknownTitle}</strong>
          </p>
          <ul>
            {report.unknownTags?.map((u) => (
              <li key={`${u.id}\u0000${u.file}\u0000${u.name}`}>
                {u.id}: <span lang="en">{u.name}</span> <small className="mono">{u.file}</small>
              </li>
            ))}
          </ul>
        </div>
      )}
      <table className="data-table" data-testid="compliance-overview">
        <thead>
          <tr>
            <th scope="col">{t.compliance.promiseId}</th>
            <th scope="col">{t.compliance.result}</th>
            <th scope="col">{t.compliance.passedTests}</th>
          </tr>
        </thead>
        <tbody>
          {(report.promises ?? []).map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`#${p.id}`}>{p.id}</a>
              </td>
              <td>
                <StatusBadge status={p.status} />
              </td>
              <td>{`${p.tests.filter((test) => test.outcome === 'PASSED').length} / ${p.tests.length}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(report.promises ?? []).map((p) => (
        <PromiseSection key={p.id} promise={p} />
      ))}
    </>
  );
}
