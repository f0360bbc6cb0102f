import { useApolloClient, useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { FieldError, FormErrors, TextField } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { formatNumber } from '../../app/format';
import { useI18n, type Messages } from '../../app/i18n';
import { MeDocument, type ContactChannel } from '../../gql/graphql';
import { CHANNELS, channelLabel } from '../prohibitions/labels';
import { ImportProgress, SkippedLines } from './ImportProgress';
import { OptOutListsQuery, StartOptOutListImportMutation } from './operations';
import { today, uploadOptOutListFile, type CsvEncoding, type UploadedImport, type UploadProblem } from './upload';

const FIELDS = ['name', 'channel', 'validFrom', 'validUntil', 'csv', 'encoding'] as const;

/** A refused file in the user's language: by reason (with its line), else by field or code. */
function problemMessage(t: Messages, problem: UploadProblem): string {
  const byReason = problem.reason ? t.optOutLists.problems[problem.reason] : undefined;
  if (byReason) return byReason(problem.line);
  if (problem.code === 'BAD_USER_INPUT' && problem.field) return t.fieldErrors[problem.field] ?? t.errors.BAD_USER_INPUT;
  return t.errors[problem.code] ?? t.errors.UNKNOWN;
}

/**
 * P15: an external opt-out register from a CSV file. The details are checked first (GraphQL), then
 * the file itself is sent as it is; the page shows how far the server has read it, then the rows
 * taken and the lines skipped with their reasons. A refused file leaves the list in force as it was.
 */
export function ImportOptOutListForm() {
  const { t, language } = useI18n();
  const client = useApolloClient();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<ContactChannel | ''>('');
  const [validFrom, setValidFrom] = useState(today);
  const [validUntil, setValidUntil] = useState('');
  const [encoding, setEncoding] = useState<CsvEncoding>('utf-8');
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState<{ id: string; size: number } | null>(null);
  const [problem, setProblem] = useState<UploadProblem | null>(null);
  const [result, setResult] = useState<{ name: string; import: UploadedImport } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [start, { loading: starting, error: startError, reset }] = useMutation(StartOptOutListImportMutation);

  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      reset();
      setProblem(null);
      set(value);
    };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return; // the input is required; the browser says so
    setResult(null);
    setProblem(null);
    let started: { id: string; uploadPath: string } | undefined;
    try {
      const { data } = await start({ variables: { input: { name: name.trim(), channel: channel || null, validFrom, validUntil: validUntil || null } } });
      started = data?.startOptOutListImport;
    } catch {
      return; // shown through `startError`
    }
    if (!started) return;
    setUploading({ id: started.id, size: file.size });
    const answer = await uploadOptOutListFile(started.uploadPath, file, encoding);
    setUploading(null);
    if (!answer.ok) {
      setProblem(answer.problem);
      if (answer.import) setResult({ name: name.trim(), import: answer.import });
      // A session that ended (or needs a step first) is the session gate's to show.
      if (['UNAUTHENTICATED', 'PASSWORD_CHANGE_REQUIRED', 'CONFIDENTIALITY_REQUIRED'].includes(answer.problem.code)) {
        void client.refetchQueries({ include: [MeDocument] });
      }
      return;
    }
    setResult({ name: answer.import.list?.name ?? name.trim(), import: answer.import });
    void client.refetchQueries({ include: [OptOutListsQuery] });
    setName('');
    setFile(null);
    setValidUntil('');
    if (fileInput.current) fileInput.current.value = '';
  };

  const errors = splitErrors(t, startError, FIELDS);
  if (problem) {
    const message = problemMessage(t, problem);
    const field = problem.field && (FIELDS as readonly string[]).includes(problem.field) ? problem.field : null;
    if (field) errors.byField[field] = message;
    else errors.general.push(message);
  }
  const busy = starting || uploading !== null;
  const succeeded = result?.import.status === 'SUCCEEDED';
  return (
    <section className="card" aria-labelledby="import-opt-out-title">
      <h2 id="import-opt-out-title">{t.optOutLists.importTitle}</h2>
      {result && succeeded && (
        <p className="notice notice-success" role="status" data-testid="import-result">
          {t.optOutLists.imported(result.name, formatNumber(result.import.rowCount, language))}
        </p>
      )}
      <form onSubmit={submit} aria-labelledby="import-opt-out-title" aria-busy={busy} data-testid="import-opt-out-list">
        <FormErrors messages={errors.general} />
        <div className="form-grid">
          <TextField
            id="opt-out-name"
            label={t.optOutLists.name}
            value={name}
            onChange={edit(setName)}
            hint={t.optOutLists.nameHint}
            required
            maxLength={200}
            autoComplete="off"
            error={errors.byField.name}
          />
          <div className={errors.byField.channel ? 'field field-invalid' : 'field'}>
            <label htmlFor="opt-out-channel">{t.optOutLists.channel}</label>
            <select
              id="opt-out-channel"
              value={channel}
              onChange={(e) => edit(setChannel)(e.target.value as ContactChannel | '')}
              aria-describedby={errors.byField.channel ? 'opt-out-channel-error' : undefined}
            >
              <option value="">{t.prohibitions.allChannels}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {channelLabel(t, c)}
                </option>
              ))}
            </select>
            {errors.byField.channel && <FieldError id="opt-out-channel-error" message={errors.byField.channel} />}
          </div>
          <TextField
            id="opt-out-validFrom"
            type="date"
            label={t.optOutLists.validFrom}
            value={validFrom}
            onChange={edit(setValidFrom)}
            required
            error={errors.byField.validFrom}
          />
          <TextField
            id="opt-out-validUntil"
            type="date"
            label={t.optOutLists.validUntil}
            value={validUntil}
            onChange={edit(setValidUntil)}
            min={validFrom || undefined}
            error={errors.byField.validUntil}
          />
        </div>
        <div className={errors.byField.csv ? 'field field-invalid' : 'field'}>
          <label htmlFor="opt-out-file">{t.optOutLists.file}</label>
          <input
            id="opt-out-file"
            ref={fileInput}
            type="file"
            accept=".csv,text/csv,text/plain"
            required
            onChange={(e) => edit(setFile)(e.target.files?.[0] ?? null)}
            aria-invalid={errors.byField.csv ? true : undefined}
            aria-describedby={['opt-out-file-hint', errors.byField.csv ? 'opt-out-csv-error' : ''].filter(Boolean).join(' ')}
          />
          <p className="hint" id="opt-out-file-hint">
            {t.optOutLists.fileHint}
          </p>
          {file && (
            <p className="muted" data-testid="file-note">
              {t.optOutLists.fileChosen(file.name, formatNumber(Math.max(1, Math.round(file.size / 1024)), language))}
            </p>
          )}
          {errors.byField.csv && <FieldError id="opt-out-csv-error" message={errors.byField.csv} />}
        </div>
        <div className={errors.byField.encoding ? 'field field-invalid' : 'field'}>
          <label htmlFor="opt-out-encoding">{t.optOutLists.encoding}</label>
          <select
            id="opt-out-encoding"
            value={encoding}
            onChange={(e) => edit(setEncoding)(e.target.value as CsvEncoding)}
            aria-describedby={['opt-out-encoding-hint', errors.byField.encoding ? 'opt-out-encoding-error' : ''].filter(Boolean).join(' ')}
          >
            <option value="utf-8">UTF-8</option>
            <option value="windows-1252">Windows-1252</option>
          </select>
          <p className="hint" id="opt-out-encoding-hint">
            {t.optOutLists.encodingHint}
          </p>
          {errors.byField.encoding && <FieldError id="opt-out-encoding-error" message={errors.byField.encoding} />}
        </div>
        {uploading && <ImportProgress importId={uploading.id} fileSize={uploading.size} />}
        <button type="submit" className="primary" disabled={busy}>
          {t.optOutLists.import}
        </button>
      </form>
      {result && <SkippedLines result={result.import} />}
    </section>
  );
}
