import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorNotice, Loading } from '../../app/components';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { HeldDuplicates } from './HeldDuplicates';
import {
  ApplyCustomerImportMutation,
  CustomerImportMappingQuery,
  CustomerImportQuery,
  CustomerImportRowsQuery,
  StartCustomerImportMutation,
} from './operations';

export const OUTCOMES = ['NEW', 'UPDATE', 'UNCHANGED', 'POSSIBLE_DUPLICATE', 'REFUSED', 'CONFLICT'] as const;
type Outcome = (typeof OUTCOMES)[number];
const FIELDS = [
  'customerNumber',
  'firstName',
  'lastName',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'language',
  'organisation',
  'businessId',
] as const;
type Field = (typeof FIELDS)[number];
type Mapping = Record<Field, string | null>;

/** The header row of a file, read in the browser for the mapping form (the server reads the file itself). */
async function headersOf(file: File): Promise<string[]> {
  const head = await file.slice(0, 64 * 1024).text();
  const line =
    head
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? '';
  const delimiter = [';', ',', '\t', '|'].reduce((best, d) => (line.split(d).length > line.split(best).length ? d : best), ';');
  return line.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}

/** P7: a store's or reseller's customer list: the file, its columns mapped, a dry run, then applied with progress; duplicates held. */
export function CustomerImportPage() {
  const { t, language } = useI18n();
  const c = t.customerImport;
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [sourceKind, setSourceKind] = useState<'STORE_PURCHASE' | 'RESELLER'>('STORE_PURCHASE');
  const [sourceName, setSourceName] = useState('');
  const [problems, setProblems] = useState<Partial<Record<'file' | 'sourceName', string>>>({});
  const [importId, setImportId] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const fileRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const [detect] = useLazyQuery(CustomerImportMappingQuery);
  const [start] = useMutation(StartCustomerImportMutation);
  const [apply, applying] = useMutation(ApplyCustomerImportMutation);
  const progress = useQuery(CustomerImportQuery, { variables: { id: importId ?? '' }, skip: !importId });
  const current = progress.data?.customerImport;
  const applyingNow = current?.status === 'APPLYING';
  useEffect(() => {
    if (!applyingNow) return;
    progress.startPolling(500);
    return () => progress.stopPolling();
  }, [applyingNow, progress.startPolling, progress.stopPolling]);
  const rows = useQuery(CustomerImportRowsQuery, {
    variables: { importId: importId ?? '', outcome: outcome || null },
    skip: !current || current.status === 'READING' || current.status === 'PENDING',
  });

  async function choose(chosen: File | null) {
    setFile(chosen);
    setMapping(null);
    if (!chosen) return;
    const found = await headersOf(chosen);
    setHeaders(found);
    const detected = await detect({ variables: { headers: found } });
    const m = detected.data?.customerImportMapping;
    if (m) setMapping(Object.fromEntries(FIELDS.map((f) => [f, m[f] ?? null])) as Mapping);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof problems = {};
    if (!file) found.file = c.chooseFile;
    if (!sourceName.trim()) found.sourceName = c.nameSource;
    setProblems(found);
    if (found.file) return fileRef.current?.focus();
    if (found.sourceName) return nameRef.current?.focus();
    if (!file) return;
    setReading(true);
    try {
      const started = await start({ variables: { input: { fileName: file.name, sourceKind, sourceName: sourceName.trim(), mapping } } });
      const created = started.data?.startCustomerImport;
      if (!created) throw new Error('no import');
      setImportId(created.id);
      const response = await fetch(created.uploadPath, { method: 'PUT', body: file, credentials: 'same-origin', headers: { 'Content-Type': 'text/csv' } });
      const body = (await response.json().catch(() => ({}))) as { reason?: string; message?: string };
      if (!response.ok) setProblems({ file: c.fileProblems[body.reason ?? ''] ?? body.message ?? c.failed });
    } catch {
      setProblems({ file: c.failed });
    } finally {
      setReading(false);
      await progress.refetch();
    }
  }

  const done = current?.status === 'APPLIED';
  const percent = current && current.rowsRead > 0 ? Math.round((current.rowsApplied / current.rowsRead) * 100) : 0;
  return (
    <section aria-labelledby="customer-import-title">
      <h1 id="customer-import-title">{c.title}</h1>
      <p className="hint intro">{c.intro}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="customer-import-kind">{c.sourceKind}</label>
        <select id="customer-import-kind" value={sourceKind} onChange={(e) => setSourceKind(e.target.value as typeof sourceKind)}>
          <option value="STORE_PURCHASE">{c.kinds.STORE_PURCHASE}</option>
          <option value="RESELLER">{c.kinds.RESELLER}</option>
        </select>
        <label htmlFor="customer-import-source">{c.sourceName}</label>
        <input
          id="customer-import-source"
          ref={nameRef}
          value={sourceName}
          maxLength={200}
          aria-invalid={problems.sourceName ? true : undefined}
          aria-describedby={problems.sourceName ? 'customer-import-source-error' : undefined}
          onChange={(e) => setSourceName(e.target.value)}
        />
        {problems.sourceName && (
          <p id="customer-import-source-error" className="field-error" role="alert">
            {problems.sourceName}
          </p>
        )}
        <label htmlFor="customer-import-file">{c.file}</label>
        <input
          id="customer-import-file"
          ref={fileRef}
          type="file"
          accept=".csv,text/csv"
          aria-invalid={problems.file ? true : undefined}
          aria-describedby={problems.file ? 'customer-import-file-error' : undefined}
          onChange={(e) => void choose(e.target.files?.[0] ?? null)}
        />
        {problems.file && (
          <p id="customer-import-file-error" className="field-error" role="alert" data-testid="customer-import-error">
            {problems.file}
          </p>
        )}
        {mapping && (
          <fieldset data-testid="customer-import-mapping">
            <legend>{c.mapping}</legend>
            {FIELDS.map((f) => (
              <p key={f}>
                <label htmlFor={`map-${f}`}>{c.fields[f]}</label>{' '}
                <select id={`map-${f}`} value={mapping[f] ?? ''} onChange={(e) => setMapping({ ...mapping, [f]: e.target.value || null })}>
                  <option value="">{c.notImported}</option>
                  {headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </p>
            ))}
          </fieldset>
        )}
        <button type="submit" disabled={reading || applying.loading}>
          {c.dryRun}
        </button>
      </form>
      {reading && <Loading />}
      {progress.error && <ErrorNotice error={progress.error} onRetry={() => void progress.refetch()} />}
      {current && current.status !== 'FAILED' && current.status !== 'PENDING' && current.status !== 'READING' && (
        <div data-testid="customer-import-result">
          <h2>{done ? c.applied : c.dryRunDone}</h2>
          <table className="data-table" data-testid="customer-import-counts">
            <tbody>
              {OUTCOMES.map((o) => (
                <tr key={o}>
                  <th scope="row">{c.outcomes[o]}</th>
                  <td className="num" data-testid={`count-${o}`}>
                    {formatNumber(current.counts[o], language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {(applyingNow || done) && (
            <p>
              <label htmlFor="customer-import-progress">{c.progress}</label>{' '}
              <progress id="customer-import-progress" max={100} value={done ? 100 : percent} data-testid="customer-import-progress">
                {done ? 100 : percent} %
              </progress>{' '}
              <span data-testid="customer-import-percent">{done ? 100 : percent} %</span> ({formatNumber(current.rowsApplied, language)} /{' '}
              {formatNumber(current.rowsRead, language)})
            </p>
          )}
          {current.status === 'DRY_RUN' && (
            <button type="button" disabled={applying.loading} onClick={() => void apply({ variables: { id: current.id } })}>
              {c.apply}
            </button>
          )}
          {applying.error && <ErrorNotice error={applying.error} />}
          <h3>
            <label htmlFor="customer-import-outcome">{c.rowsOf}</label>
          </h3>
          <select id="customer-import-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome | '')}>
            <option value="">{c.allRows}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {c.outcomes[o]}
              </option>
            ))}
          </select>
          {rows.loading && <Loading />}
          {rows.error && <ErrorNotice error={rows.error} onRetry={() => void rows.refetch()} />}
          {rows.data &&
            (rows.data.customerImportRows.length === 0 ? (
              <p className="empty">{c.noRows}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table" data-testid="customer-import-rows">
                  <thead>
                    <tr>
                      <th scope="col">{c.line}</th>
                      <th scope="col">{c.name}</th>
                      <th scope="col">{c.contact}</th>
                      <th scope="col">{c.outcome}</th>
                      <th scope="col">{c.reason}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.data.customerImportRows.map((r) => (
                      <tr key={r.line}>
                        <td className="num">{r.line}</td>
                        <td>
                          {[r.values.firstName, r.values.lastName].filter(Boolean).join(' ')} {r.values.customerNumber ? `(${r.values.customerNumber})` : ''}
                        </td>
                        <td>{[r.values.email, r.values.phone, r.values.city].filter(Boolean).join(', ')}</td>
                        <td>{c.outcomes[r.outcome as Outcome] ?? r.outcome}</td>
                        <td>
                          {r.reason ? (c.reasons[r.reason] ?? r.reason) : ''}
                          {r.field ? ` (${c.fields[r.field as Field] ?? r.field})` : ''} {r.detail ?? ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
        </div>
      )}
      <HeldDuplicates refreshKey={`${current?.status ?? ''}:${current?.rowsApplied ?? 0}`} onResolved={() => void progress.refetch()} />
    </section>
  );
}
