import type { ReactNode } from 'react';
import { useT } from '../../app/i18n';

export interface TableColumn<Row> {
  header: string;
  value(row: Row): string;
  numeric?: boolean;
}

interface Props<Row> {
  id: string;
  title: string;
  rows: readonly Row[];
  columns: readonly TableColumn<Row>[];
  note?: string;
  /** What the marks of the chart mean, shown under it (and read by screen readers, unlike the drawing). */
  legend?: ReactNode;
  children: ReactNode;
}

/** A chart with its title, and the same numbers as a table for keyboard and screen-reader users. */
export function ChartCard<Row>({ id, title, rows, columns, note, legend, children }: Props<Row>) {
  const t = useT();
  return (
    <section className="chart-card" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t.dashboard.noData}</p>
      ) : (
        <>
          <div className="chart" aria-hidden="true">
            {children}
          </div>
          {legend}
          <details>
            <summary>{t.dashboard.showTable}</summary>
            <table className="data-table compact">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={columns.map((c) => c.value(row)).join('\u0000')}>
                    {columns.map((c) => (
                      <td key={c.header} className={c.numeric ? 'num' : undefined}>
                        {c.value(row)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
      {note && <p className="muted chart-note">{note}</p>}
    </section>
  );
}
