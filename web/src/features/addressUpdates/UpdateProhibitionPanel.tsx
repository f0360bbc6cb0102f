import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { NoticeVia } from '../../gql/graphql';
import { STAFF_VIAS, viaLabel } from '../prohibitions/labels';
import { graphql } from '../../gql';

const CustomerUpdateProhibitionQuery = graphql(`
  query CustomerUpdateProhibition($id: UUID!) {
    customer(id: $id) {
      id
      updateProhibition {
        since
        source
        via
        detail
      }
    }
  }
`);

const RecordUpdateProhibitionMutation = graphql(`
  mutation RecordUpdateProhibition($customerId: UUID!, $input: UpdateProhibitionInput!) {
    recordUpdateProhibition(customerId: $customerId, input: $input) {
      since
    }
  }
`);

const LiftUpdateProhibitionMutation = graphql(`
  mutation LiftUpdateProhibition($customerId: UUID!, $input: UpdateProhibitionInput!) {
    liftUpdateProhibition(customerId: $customerId, input: $input) {
      since
    }
  }
`);

/**
 * P7: the customer's update prohibition (asiakasrekisterin päivityskielto), recorded or lifted on their own notice.
 * `readOnly`, P6: a merged record's update prohibition moved to the customer it was merged into; it is read here, not changed.
 */
export function UpdateProhibitionPanel({ customerId, readOnly = false }: { customerId: string; readOnly?: boolean }) {
  const { t, language } = useI18n();
  const ability = useAppAbility();
  const [via, setVia] = useState<NoticeVia>('CUSTOMER_SERVICE');
  const query = useQuery(CustomerUpdateProhibitionQuery, { variables: { id: customerId } });
  const [record, recording] = useMutation(RecordUpdateProhibitionMutation);
  const [lift, lifting] = useMutation(LiftUpdateProhibitionMutation);
  const current = query.data?.customer?.updateProhibition;
  const may = !readOnly && (current ? ability.can('lift', 'Prohibition') : ability.can('create', 'Prohibition'));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const variables = { customerId, input: { via } };
    await (current ? lift({ variables }) : record({ variables })).catch(() => undefined);
    await query.refetch();
  }

  if (query.loading && !query.data) return <Loading />;
  if (query.error) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data?.customer?.updateProhibition === undefined) return null;
  return (
    <section aria-labelledby="update-prohibition-title" data-testid="update-prohibition">
      <h2 id="update-prohibition-title">{t.addressUpdates.prohibitionTitle}</h2>
      <p data-testid="update-prohibition-state">
        {current
          ? `${t.addressUpdates.prohibitionInForce} ${formatTime(current.since, language)} (${current.via ? viaLabel(t, current.via as NoticeVia) : (current.detail ?? t.addressUpdates.fromFile)})`
          : t.addressUpdates.noProhibition}
      </p>
      {may && (
        <form onSubmit={(e) => void submit(e)}>
          <label htmlFor="update-prohibition-via">{t.addressUpdates.via}</label>
          <select id="update-prohibition-via" value={via} onChange={(e) => setVia(e.target.value as NoticeVia)}>
            {STAFF_VIAS.map((v) => (
              <option key={v} value={v}>
                {viaLabel(t, v)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={recording.loading || lifting.loading}>
            {current ? t.addressUpdates.liftProhibition : t.addressUpdates.recordProhibition}
          </button>
          {(recording.error || lifting.error) && <ErrorNotice error={recording.error ?? lifting.error} />}
        </form>
      )}
    </section>
  );
}
