import { useMutation } from '@apollo/client/react';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { FieldError, FormErrors, TextField } from '../../app/components';
import { splitErrors } from '../../app/errors';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { ContactChannel } from '../../gql/graphql';
import { CHANNELS, channelLabel } from '../prohibitions/labels';
import { dataRowCount, readCsvFile, today } from './csvFile';
import { ImportOptOutListMutation, OptOutListsQuery } from './operations';

const FIELDS = ['name', 'channel', 'validFrom', 'validUntil', 'csv'] as const;

/** P15: an external opt-out register, read from a CSV file (or pasted) and sent whole. */
export function ImportOptOutListForm() {
  const { t, language } = useI18n();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<ContactChannel | ''>('');
  const [validFrom, setValidFrom] = useState(today);
  const [validUntil, setValidUntil] = useState('');
  const [csv, setCsv] = useState('');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [importList, { loading, error, reset }] = useMutation(ImportOptOutListMutation, { refetchQueries: [OptOutListsQuery] });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    reset();
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const text = await readCsvFile(file);
      setCsv(text);
      setFileNote(t.optOutLists.fileRead(file.name, dataRowCount(text)));
      // The file's name is a fair first guess at the register's.
      if (!name.trim()) setName(file.name.replace(/\.csv$/i, ''));
    } catch {
      setFileNote(t.optOutLists.fileUnreadable);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setImported(null);
    try {
      const { data } = await importList({
        variables: { input: { name: name.trim(), channel: channel || null, validFrom, validUntil: validUntil || null, csv } },
      });
      const list = data?.importOptOutList;
      if (!list) return;
      setImported(t.optOutLists.imported(list.name ?? name, formatNumber(list.rowCount ?? 0, language)));
      setName('');
      setCsv('');
      setFileNote(null);
      setValidUntil('');
      if (fileInput.current) fileInput.current.value = '';
    } catch {
      // shown through `error`
    }
  };

  const errors = splitErrors(t, error, FIELDS);
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      reset();
      set(value);
    };
  return (
    <section className="card" aria-labelledby="import-opt-out-title">
      <h2 id="import-opt-out-title">{t.optOutLists.importTitle}</h2>
      {imported && (
        <p className="notice notice-success" role="status" data-testid="import-result">
          {imported}
        </p>
      )}
      <form onSubmit={submit} aria-labelledby="import-opt-out-title" data-testid="import-opt-out-list">
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
        <div className="field">
          <label htmlFor="opt-out-file">{t.optOutLists.file}</label>
          <input
            id="opt-out-file"
            ref={fileInput}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => void onFile(e)}
            aria-describedby="opt-out-file-hint"
          />
          <p className="hint" id="opt-out-file-hint">
            {t.optOutLists.fileHint}
          </p>
          {fileNote && (
            <p className="muted" role="status" data-testid="file-note">
              {fileNote}
            </p>
          )}
        </div>
        <div className={errors.byField.csv ? 'field field-invalid' : 'field'}>
          <label htmlFor="opt-out-csv">{t.optOutLists.csv}</label>
          <textarea
            id="opt-out-csv"
            className="mono"
            value={csv}
            rows={6}
            required
            spellCheck={false}
            onChange={(e) => edit(setCsv)(e.target.value)}
            aria-invalid={errors.byField.csv ? true : undefined}
            aria-describedby={['opt-out-csv-hint', errors.byField.csv ? 'opt-out-csv-error' : ''].filter(Boolean).join(' ')}
          />
          <p className="hint" id="opt-out-csv-hint">
            {t.optOutLists.csvHint}
          </p>
          {errors.byField.csv && <FieldError id="opt-out-csv-error" message={errors.byField.csv} />}
        </div>
        <button type="submit" className="primary" disabled={loading}>
          {t.optOutLists.import}
        </button>
      </form>
    </section>
  );
}
