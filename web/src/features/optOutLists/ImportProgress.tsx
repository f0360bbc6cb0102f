import { useQuery } from '@apollo/client/react';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { OptOutListImportProgressQuery } from './operations';
import type { UploadedImport } from './upload';

/** How far the server has read the file: polled from the import's row while the upload runs. */
export function ImportProgress({ importId, fileSize }: { importId: string; fileSize: number }) {
  const { t, language } = useI18n();
  const { data } = useQuery(OptOutListImportProgressQuery, { variables: { id: importId }, pollInterval: 700, fetchPolicy: 'network-only' });
  const progress = data?.optOutListImport;
  const total = progress?.totalBytes ?? fileSize;
  const read = Math.min(progress?.processedBytes ?? 0, total);
  const finishing = progress?.status === 'RUNNING' && read >= total;
  const megabytes = (bytes: number) => formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, language);
  return (
    <div className="import-progress" data-testid="import-progress">
      <label htmlFor="opt-out-progress">{finishing ? t.optOutLists.finishing : t.optOutLists.reading}</label>
      <progress id="opt-out-progress" max={total || 1} value={read} />
      <p className="muted" role="status">
        {t.optOutLists.progress(megabytes(read), megabytes(total), formatNumber(progress?.rowsRead ?? 0, language))}
      </p>
    </div>
  );
}

/** What the import took and which lines it skipped, by number, reason and column (never their values). */
export function SkippedLines({ result }: { result: UploadedImport }) {
  const { t, language } = useI18n();
  if (result.skippedCount === 0) return null;
  const more = result.skippedCount - result.skipped.length;
  return (
    <section aria-labelledby="skipped-lines-title" data-testid="skipped-lines">
      <h3 id="skipped-lines-title">{t.optOutLists.skippedTitle(formatNumber(result.skippedCount, language))}</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t.optOutLists.line}
            </th>
            <th scope="col">{t.optOutLists.reason}</th>
            <th scope="col">{t.optOutLists.column}</th>
          </tr>
        </thead>
        <tbody>
          {result.skipped.map((s) => (
            <tr key={s.line} data-testid="skipped-line">
              <td className="num">{s.line}</td>
              <td>{t.optOutLists.skipReasons[s.reason] ?? s.reason}</td>
              <td>{s.field ? (t.optOutLists.columns[s.field] ?? s.field) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && <p className="muted">{t.optOutLists.moreSkipped(formatNumber(more, language))}</p>}
    </section>
  );
}
