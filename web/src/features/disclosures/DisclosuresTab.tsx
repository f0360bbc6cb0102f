import { useQuery } from '@apollo/client/react';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { customerFieldLabel } from '../customers/fields';
import { basisLabel } from '../recipients/labels';
import { MergedRecordNotice, type MergedInto } from '../customers/MergedRecordNotice';
import { DiscloseForm } from './DiscloseForm';
import { DisclosuresQuery } from './operations';

interface Props {
  customerId: string;
  restricted: boolean;
  anonymised: boolean;
  /** P6, P8: the customer a merged record was merged into: disclosures are made there, and its ledger shows this one's. */
  mergedInto?: MergedInto | null;
}

/** P8: to whom the customer's data has gone, on which basis; and for those allowed, a disclosure. */
export function DisclosuresTab({ customerId, restricted, anonymised, mergedInto = null }: Props) {
  const { t, language } = useI18n();
  const d = t.disclosures;
  const ability = useAppAbility();
  const canRead = ability.can('read', 'Disclosure');
  const canDisclose = ability.can('disclose', 'Disclosure');
  const { data, loading, error, refetch } = useQuery(DisclosuresQuery, { variables: { customerId }, skip: !canRead, fetchPolicy: 'cache-and-network' });
  const entries = data?.disclosures;

  return (
    <div className="tab-content disclosures">
      <h2>{d.title}</h2>
      <p className="hint intro">{d.intro}</p>
      {canRead && (
        <>
          {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
          {loading && !entries && <Loading />}
          {entries &&
            (entries.length === 0 ? (
              <p className="empty" data-testid="disclosures-empty">
                {d.empty}
              </p>
            ) : (
              <table className="data-table" data-testid="disclosure-table">
                <caption className="visually-hidden">{d.ledger}</caption>
                <thead>
                  <tr>
                    <th scope="col">{d.disclosedAt}</th>
                    <th scope="col">{d.recipient}</th>
                    <th scope="col">{d.basis}</th>
                    <th scope="col">{d.fields}</th>
                    <th scope="col">{d.disclosedBy}</th>
                    <th scope="col">{d.note}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id} data-testid="disclosure-row">
                      <td>{entry.disclosedAt ? formatTime(entry.disclosedAt, language) : ''}</td>
                      <td>{entry.recipient?.name}</td>
                      <td>{basisLabel(t, entry.basis)}</td>
                      <td>{(entry.fields ?? []).map((f) => customerFieldLabel(t, f)).join(', ')}</td>
                      <td>{entry.disclosedBy}</td>
                      <td>{entry.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
        </>
      )}
      {canDisclose &&
        (mergedInto ? (
          <MergedRecordNotice mergedInto={mergedInto} />
        ) : anonymised ? (
          <p className="notice notice-info">{d.anonymisedHint}</p>
        ) : (
          <DiscloseForm customerId={customerId} restricted={restricted} />
        ))}
    </div>
  );
}
