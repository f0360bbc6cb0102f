import { useT } from '../../app/i18n';
import type { CustomerFieldsFragment } from '../../gql/graphql';

/**
 * Beside the customer's name, where the record stands: processing restricted (GDPR 18), erasure
 * decided and waiting on a hold (P10), or anonymised (P17). Nobody should use such a record as usual.
 */
export function CustomerStateMarker({ customer }: { customer: Pick<CustomerFieldsFragment, 'restricted' | 'pendingErasure' | 'anonymised'> }) {
  const t = useT();
  const c = t.customers;
  const markers = [
    customer.anonymised && { key: 'anonymised', label: c.anonymised, title: c.anonymisedTitle },
    customer.pendingErasure && { key: 'pending-erasure', label: c.pendingErasure, title: c.pendingErasureTitle },
    customer.restricted && { key: 'restricted', label: c.restricted, title: c.restrictedTitle },
  ].filter((m): m is { key: string; label: string; title: string } => Boolean(m));
  if (markers.length === 0) return null;
  return (
    <ul className="prohibition-marker" aria-label={c.state} data-testid="customer-state">
      {markers.map((m) => (
        <li key={m.key}>
          <span className={`status status-customer-${m.key}`} title={m.title} data-testid={`customer-state-${m.key}`}>
            {m.label}
          </span>
        </li>
      ))}
    </ul>
  );
}
