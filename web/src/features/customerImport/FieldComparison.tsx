import { useT } from '../../app/i18n';

export type Side = 'keep' | 'other';

/**
 * P6: two versions of one person, field by field: each row shows both values and lets the user take
 * the other's value (a merge keeps the kept record's value unless told otherwise).
 */
export function FieldComparison<F extends string>({
  fields,
  keep,
  other,
  labels,
  taken,
  onChange,
  headings,
}: {
  fields: readonly F[];
  keep: Partial<Record<F, string | null>>;
  other: Partial<Record<F, string | null>>;
  labels: Record<F, string>;
  taken: ReadonlySet<F>;
  onChange(next: Set<F>): void;
  headings: [string, string];
}) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="field-comparison">
        <thead>
          <tr>
            <th scope="col">{t.customerImport.field}</th>
            <th scope="col">{headings[0]}</th>
            <th scope="col">{headings[1]}</th>
            <th scope="col">{t.customerImport.takeOther}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const differs = (other[f] ?? null) !== null && (other[f] ?? null) !== (keep[f] ?? null);
            return (
              <tr key={f}>
                <th scope="row">{labels[f]}</th>
                <td>{keep[f] ?? '–'}</td>
                <td>{other[f] ?? '–'}</td>
                <td>
                  {differs && (
                    <input
                      type="checkbox"
                      aria-label={`${t.customerImport.takeOther}: ${labels[f]}`}
                      checked={taken.has(f)}
                      onChange={(e) => {
                        const next = new Set(taken);
                        if (e.target.checked) next.add(f);
                        else next.delete(f);
                        onChange(next);
                      }}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
