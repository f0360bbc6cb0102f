import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorNotice, Loading } from '../../app/components';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { today } from '../optOutLists/upload';
import { AddressUpdateImportQuery, AddressUpdateRowsQuery, ApplyAddressUpdatesMutation, ImportAddressUpdatesMutation } from './operations';

const OUTCOMES = ['UPDATE', 'UNCHANGED', 'NOT_FOUND', 'AMBIGUOUS', 'BLOCKED', 'INVALID', 'CONFLICT'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** P7: a file of an address-update service: uploaded as a file, a dry run, then applied with progress. */
export function AddressUpdatesPage() {
  const { t, language } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>('UPDATE');
  const [start] = useMutation(ImportAddressUpdatesMutation);
  const [apply, applying] = useMutation(ApplyAddressUpdatesMutation);
  const progress = useQuery(AddressUpdateImportQuery, {
    variables: { id: importId ?? '' },
    skip: !importId,
    pollInterval: reading || applying.loading ? 500 : 0,
  });
  const current = progress.data?.addressUpdateImport;
  const rows = useQuery(AddressUpdateRowsQuery, { variables: { importId: importId ?? '', outcome }, skip: !current || current.status === 'READING' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem(t.addressUpdates.chooseFile);
      return;
    }
    setProblem(null);
    setReading(true);
    try {
      const started = await start({ variables: { input: { fileName: file.name, fileDate: today() } } });
      const created = started.data?.importAddressUpdates;
      if (!created) throw new Error('no import');
      setImportId(created.id);
      const response = await fetch(created.uploadPath, { method: 'PUT', body: file, credentials: 'same-origin', headers: { 'Content-Type': 'text/csv' } });
      const body = (await response.json().catch(() => ({}))) as { error?: string; reason?: string; message?: string };
      if (!response.ok) setProblem(t.addressUpdates.fileProblems[body.reason ?? ''] ?? body.message ?? t.addressUpdates.failed);
    } catch {
      setProblem(t.addressUpdates.failed);
    } finally {
      setReading(false);
      await progress.refetch();
      await rows.refetch();
    }
  }

  const done = current?.status === 'APPLIED';
  const percent = current && current.rowsToApply > 0 ? Math.round((current.rowsApplied / current.rowsToApply) * 100) : done ? 100 : 0;
  return (
    <section aria-labelledby="address-updates-title">
      <h1 id="address-updates-title">{t.addressUpdates.title}</h1>
      <p className="hint intro">{t.addressUpdates.intro}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="address-update-file">{t.addressUpdates.file}</label>
        <input
          id="address-update-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={problem ? 'address-update-file-error' : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {problem && (
          <p id="address-update-file-error" className="field-error" role="alert" data-testid="address-update-error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={reading || applying.loading}>
          {t.addressUpdates.dryRun}
        </button>
      </form>
      {reading && <Loading />}
      {progress.error && <ErrorNotice error={progress.error} onRetry={() => void progress.refetch()} />}
      {current && current.status !== 'FAILED' && current.status !== 'PENDING' && (
        <div data-testid="address-update-result">
          <h2>{done ? t.addressUpdates.applied : t.addressUpdates.dryRunDone}</h2>
          <table className="data-table" data-testid="address-update-counts">
            <tbody>
              {OUTCOMES.map((o) => (
                <tr key={o}>
                  <th scope="row">{t.addressUpdates.outcomes[o]}</th>
                  <td className="num" data-testid={`count-${o}`}>
                    {formatNumber(current.counts[o], language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {(applying.loading || done) && (
            <p>
              <label htmlFor="address-update-progress">{t.addressUpdates.progress}</label>{' '}
              <progress id="address-update-progress" max={100} value={percent} data-testid="address-update-progress">
                {percent} %
              </progress>{' '}
              {formatNumber(current.rowsApplied, language)} / {formatNumber(current.rowsToApply, language)}
            </p>
          )}
          {current.status === 'DRY_RUN' && (
            <button type="button" disabled={applying.loading} onClick={() => void apply({ variables: { id: current.id } }).then(() => rows.refetch())}>
              {t.addressUpdates.apply}
            </button>
          )}
          {applying.error && <ErrorNotice error={applying.error} />}{' '}
          <a href={`${current.reportPath}?lang=${language === 'fi' ? 'fi' : 'en'}`} download data-testid="address-update-report">
            {t.addressUpdates.download}
          </a>
          <h3>
            <label htmlFor="address-update-outcome">{t.addressUpdates.rowsOf}</label>
          </h3>
          <select id="address-update-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t.addressUpdates.outcomes[o]}
              </option>
            ))}
          </select>
          {rows.loading && <Loading />}
          {rows.data &&
            (rows.data.addressUpdateRows.length === 0 ? (
              <p className="empty">{t.addressUpdates.noRows}</p>
            ) : (
              <table className="data-table" data-testid="address-update-rows">
                <thead>
                  <tr>
                    <th scope="col">{t.addressUpdates.line}</th>
                    <th scope="col">{t.addressUpdates.name}</th>
                    <th scope="col">{t.addressUpdates.newAddress}</th>
                    <th scope="col">{t.addressUpdates.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.data.addressUpdateRows.map((r) => (
                    <tr key={r.line}>
                      <td className="num">{r.line}</td>
                      <td>
                        {r.firstName} {r.lastName} {r.customerNumber ? `(${r.customerNumber})` : ''}
                      </td>
                      <td>{[r.newStreet, r.newPostalCode, r.newCity].filter(Boolean).join(', ')}</td>
                      <td>
                        {r.reason ? (t.addressUpdates.reasons[r.reason] ?? r.reason) : ''} {r.detail ?? ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
        </div>
      )}
    </section>
  );
}
