import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice, Loading } from '../../app/components';
import { useT } from '../../app/i18n';
import { FieldComparison } from './FieldComparison';
import { CustomerForMergeQuery, MergeCustomersMutation } from './operations';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'country', 'language'] as const;
type MergeField = (typeof FIELDS)[number];

/**
 * P6: two records of one person compared field by field and merged: the older customer number is
 * kept, and each field keeps its value unless the other's is taken.
 */
export function CustomerMergePage() {
  const t = useT();
  const c = t.customerImport;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const a = useQuery(CustomerForMergeQuery, { variables: { id: params.get('a') ?? '' }, skip: !params.get('a'), fetchPolicy: 'network-only' });
  const b = useQuery(CustomerForMergeQuery, { variables: { id: params.get('b') ?? '' }, skip: !params.get('b'), fetchPolicy: 'network-only' });
  const [taken, setTaken] = useState<Set<MergeField>>(new Set());
  const [merge, merging] = useMutation(MergeCustomersMutation);
  if (!params.get('a') || !params.get('b')) return <p className="empty">{c.mergeNeedsTwo}</p>;
  if (a.loading || b.loading) return <Loading />;
  if (a.error || b.error) return <ErrorNotice error={a.error ?? b.error} />;
  const [x, y] = [a.data?.customer, b.data?.customer];
  if (!x?.id || !y?.id || !x.customerNumber || !y.customerNumber || x.version == null || y.version == null) return <Loading />;
  const [keep, other] = BigInt(x.customerNumber) < BigInt(y.customerNumber) ? [x, y] : [y, x];
  const ids = { keepId: keep.id as string, keepVersion: keep.version as number, mergeId: other.id as string, mergeVersion: other.version as number };

  async function submit() {
    const done = await merge({
      variables: { input: { ...ids, takeFields: [...taken] } },
    });
    if (done.data) navigate(`/customers/${done.data.mergeCustomers.id}`);
  }

  return (
    <section aria-labelledby="merge-title" data-testid="customer-merge">
      <h1 id="merge-title">{c.mergeTitle}</h1>
      <p className="hint intro">{c.mergeIntro(keep.customerNumber ?? '', other.customerNumber ?? '')}</p>
      <FieldComparison
        fields={FIELDS}
        keep={keep}
        other={other}
        labels={c.fields}
        taken={taken}
        onChange={setTaken}
        headings={[`${c.kept} ${keep.customerNumber}`, `${c.merged} ${other.customerNumber}`]}
      />
      {merging.error && <ErrorNotice error={merging.error} onRetry={() => void Promise.all([a.refetch(), b.refetch()])} />}
      <p>
        <button type="button" disabled={merging.loading} onClick={() => void submit()}>
          {c.mergeButton}
        </button>{' '}
        <Link to={`/customers/${ids.keepId}`}>{t.customerImport.cancel}</Link>
      </p>
    </section>
  );
}
