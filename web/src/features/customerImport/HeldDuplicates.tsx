import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { useT } from '../../app/i18n';
import { FieldComparison } from './FieldComparison';
import { HeldCustomerDuplicatesQuery, ResolveHeldDuplicateMutation } from './operations';

const COMPARED = ['firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'language'] as const;
type Compared = (typeof COMPARED)[number];

/** P6: the rows held as possible duplicates: each merged into a customer it may be (the fields chosen), or created as new. */
export function HeldDuplicates({ refreshKey, onResolved }: { refreshKey: string; onResolved(): void }) {
  const t = useT();
  const c = t.customerImport;
  const ability = useAppAbility();
  const held = useQuery(HeldCustomerDuplicatesQuery, { fetchPolicy: 'cache-and-network' });
  const [resolve, resolving] = useMutation(ResolveHeldDuplicateMutation);
  const [choice, setChoice] = useState<Record<string, { candidate: number; taken: Set<Compared> }>>({});
  const { refetch } = held;
  useEffect(() => {
    void refreshKey;
    void refetch();
  }, [refreshKey, refetch]);
  if (!ability.can('create', 'CustomerImport')) return null;
  const rows = held.data?.heldCustomerDuplicates ?? [];

  async function act(row: (typeof rows)[number], resolution: 'MERGED' | 'CREATED') {
    const key = `${row.importId}:${row.line}`;
    const picked = row.candidates[choice[key]?.candidate ?? 0];
    const input =
      resolution === 'CREATED'
        ? { importId: row.importId, line: row.line, resolution }
        : { importId: row.importId, line: row.line, resolution, customerId: picked?.id, version: picked?.version, fields: [...(choice[key]?.taken ?? [])] };
    await resolve({ variables: { input } });
    await held.refetch();
    onResolved();
  }

  return (
    <section aria-labelledby="held-duplicates-title" data-testid="held-duplicates">
      <h2 id="held-duplicates-title">{c.heldTitle}</h2>
      <p className="hint">{c.heldIntro}</p>
      {held.loading && !held.data && <Loading />}
      {held.error && <ErrorNotice error={held.error} onRetry={() => void held.refetch()} />}
      {resolving.error && <ErrorNotice error={resolving.error} />}
      {held.data && rows.length === 0 && <p className="empty">{c.noneHeld}</p>}
      {rows.map((row) => {
        const key = `${row.importId}:${row.line}`;
        const state = choice[key] ?? { candidate: 0, taken: new Set<Compared>() };
        const candidate = row.candidates[state.candidate];
        return (
          <article key={key} className="card" data-testid="held-duplicate">
            <h3>
              {[row.values.firstName, row.values.lastName].filter(Boolean).join(' ')} · {row.sourceName} ({row.fileName}, {c.line.toLowerCase()} {row.line})
            </h3>
            <p>{row.reason ? (c.reasons[row.reason] ?? row.reason) : ''}</p>
            {row.candidates.length > 1 && (
              <p>
                <label htmlFor={`candidate-${key}`}>{c.candidate}</label>{' '}
                <select
                  id={`candidate-${key}`}
                  value={state.candidate}
                  onChange={(e) => setChoice({ ...choice, [key]: { candidate: Number(e.target.value), taken: new Set() } })}
                >
                  {row.candidates.map((cand, i) => (
                    <option key={cand.id} value={i}>
                      {cand.customerNumber} {cand.firstName} {cand.lastName}
                    </option>
                  ))}
                </select>
              </p>
            )}
            {candidate ? (
              <FieldComparison
                fields={COMPARED}
                keep={candidate}
                other={row.values}
                labels={c.fields}
                taken={state.taken}
                onChange={(taken) => setChoice({ ...choice, [key]: { ...state, taken } })}
                headings={[`${c.customer} ${candidate.customerNumber}`, c.fromFile]}
              />
            ) : (
              <p className="empty">{c.noCandidate}</p>
            )}
            <p>
              {candidate && (
                <button type="button" disabled={resolving.loading} onClick={() => void act(row, 'MERGED')}>
                  {c.merge}
                </button>
              )}{' '}
              <button type="button" disabled={resolving.loading} onClick={() => void act(row, 'CREATED')}>
                {c.createNew}
              </button>
            </p>
          </article>
        );
      })}
    </section>
  );
}
