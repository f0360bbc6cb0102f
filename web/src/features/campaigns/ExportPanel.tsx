import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice } from '../../app/components';
import { appErrors } from '../../app/errors';
import { formatNumber } from '../../app/format';
import { useI18n, type Messages } from '../../app/i18n';
import type { ContactChannel, ExportFormat, ExportLanguage, ExportTargetListMutation as ExportResult } from '../../gql/graphql';
import { exportFileFields, exportFileName } from './exportFile';
import { isFewerThan, kCountText } from './kCount';
import { reasonLabel } from './labels';
import { CampaignQuery, ExportTargetListMutation } from './operations';

type TargetListExport = ExportResult['exportTargetList'];

interface Props {
  listId: string;
  campaignName: string;
  channel: ContactChannel | null | undefined;
}

/** The CSV's text as a file the browser saves, released when a newer export or leaving the page replaces it. */
function useObjectUrl(content: string | null | undefined, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (content === null || content === undefined) {
      setUrl(null);
      return;
    }
    const next = URL.createObjectURL(new Blob([content], { type }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [content, type]);
  return url;
}

/** The names of customer fields, in the user's language, as a list in a sentence. */
const fieldNames = (t: Messages, fields: readonly string[]) =>
  fields.map((f) => (t.customers.fields as Record<string, string>)[f]?.toLowerCase() ?? f).join(', ');

/**
 * P3: the file that leaves the register. It carries only what the person exporting may read, so a
 * file whose columns the role may not read is not offered (and the server refuses it). The server
 * checks the rules again and says who it dropped, k-anonymously.
 */
export function ExportPanel({ listId, campaignName, channel }: Props) {
  const { t, language } = useI18n();
  const c = t.campaigns;
  const ability = useAppAbility();
  const unreadable = (format: ExportFormat) => (channel ? exportFileFields(channel, format).filter((f) => !ability.can('read', 'Customer', f)) : []);
  const csvRefused = unreadable('CSV');
  const labelsRefused = unreadable('LABELS_PDF');
  const [result, setResult] = useState<TargetListExport | null>(null);
  // Issue 12: the CSV opens right in Excel of its language; the UI's language until the user picks.
  const [pickedLanguage, setPickedLanguage] = useState<ExportLanguage | null>(null);
  const csvLanguage: ExportLanguage = pickedLanguage ?? (language === 'en' ? 'EN' : 'FI');
  const [exportList, { loading, error }] = useMutation(ExportTargetListMutation, { refetchQueries: [CampaignQuery] });
  const csvUrl = useObjectUrl(result?.format === 'CSV' ? result.content : null, 'text/csv;charset=utf-8');
  const resultRef = useRef<HTMLElement>(null);

  const run = async (format: ExportFormat) => {
    setResult(null);
    try {
      const { data } = await exportList({ variables: { id: listId, format, language: csvLanguage } });
      if (data) setResult(data.exportTargetList);
    } catch {
      // shown through `error`
    }
  };
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const n = (value: number) => formatNumber(value, language);
  const fileName = result ? exportFileName(campaignName, result.format === 'CSV' ? 'csv' : 'pdf') : '';
  return (
    <section className="card export-panel" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">{c.export}</h2>
      <p className="hint intro">{c.exportIntro}</p>
      <div className="field">
        <label htmlFor="export-csv-language">{c.csvLanguage}</label>
        <select id="export-csv-language" value={csvLanguage} onChange={(e) => setPickedLanguage(e.target.value as ExportLanguage)}>
          {(['FI', 'EN'] as const).map((l) => (
            <option key={l} value={l}>
              {c.csvLanguages[l]}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={loading || csvRefused.length > 0} onClick={() => void run('CSV')}>
          {c.exportCsv}
        </button>
        {channel === 'POST' && (
          <button type="button" disabled={loading || labelsRefused.length > 0} onClick={() => void run('LABELS_PDF')}>
            {c.exportLabels}
          </button>
        )}
      </div>
      {csvRefused.length > 0 && (
        <p className="notice notice-warning" role="note" data-testid="export-not-allowed">
          {c.exportNotAllowed(fieldNames(t, csvRefused))}
        </p>
      )}
      {error && <ExportError error={error} />}
      {result && (
        <section
          className="export-result"
          data-testid="export-result"
          data-language={result.language}
          tabIndex={-1}
          ref={resultRef}
          aria-labelledby="export-result-title"
        >
          <h3 id="export-result-title">{`${c.exportResult} (${result.format === 'CSV' ? 'CSV' : 'PDF'})`}</h3>
          <p data-testid="export-rows">{c.rows(n(result.rowCount))}</p>
          {result.droppedByReason.length > 0 ? (
            <p className="notice notice-warning" role="status" data-testid="export-dropped">
              {(isFewerThan(result.droppedCount) ? c.droppedAtExportFewerThan : c.droppedAtExport)(
                isFewerThan(result.droppedCount) ? n(result.droppedCount.fewerThan ?? 5) : n(result.droppedCount.count ?? 0),
                result.droppedByReason.map((r) => `${reasonLabel(t, r.reason)} (${kCountText(t, r, language)})`).join(', '),
              )}
            </p>
          ) : (
            <p className="muted" data-testid="export-dropped">
              {c.noneDropped}
            </p>
          )}
          <p>
            {result.format === 'CSV' && csvUrl ? (
              <a className="button primary" href={csvUrl} download={fileName} data-testid="export-download">
                {c.downloadCsv(fileName)}
              </a>
            ) : (
              // The server's copy: a GET with the session cookie, audited on every download.
              <a className="button primary" href={result.url} download={fileName} data-testid="export-download">
                {c.download}
              </a>
            )}
          </p>
          <p className="sha">
            {c.sha256}: <code data-testid="export-sha256">{result.sha256}</code>
          </p>
        </section>
      )}
    </section>
  );
}

/** Why an export was refused: a column the role may not read is named in words; anything else as usual. */
function ExportError({ error }: { error: unknown }) {
  const t = useI18n().t;
  const refused = appErrors(error).find((e) => e.code === 'FORBIDDEN' && e.field);
  if (!refused?.field) return <ErrorNotice error={error} />;
  return (
    <p className="notice notice-error" role="alert" data-testid="export-not-allowed">
      {t.campaigns.exportNotAllowed(fieldNames(t, [refused.field]))}
    </p>
  );
}
