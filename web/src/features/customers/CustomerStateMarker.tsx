import { type Messages, useT } from '../../app/i18n';
import type { CustomerFieldsFragment } from '../../gql/graphql';

/** The placeholder an anonymisation or erasure leaves for a person's name (server/src/modules/requests/erasure.repository.ts), stored in English. */
const ANONYMISED = 'Anonymised';

interface Named {
  firstName?: string | null;
  lastName?: string | null;
  /** Where the reader may read the state; without it, the stored placeholder still tells. */
  anonymised?: boolean | null;
}

/** P17: whether the name is what an anonymisation left: by the state where read, else by the stored placeholder. */
export function isAnonymised(customer: Named | null | undefined): boolean {
  if (!customer) return false;
  if (customer.anonymised) return true;
  const parts = [customer.firstName, customer.lastName].filter(Boolean);
  return parts.length > 0 && parts.every((part) => part === ANONYMISED);
}

/**
 * Issue 16, P17: a customer's name as every page shows it, in the reader's language: an anonymised person's reads
 * "Anonymisoitu" in Finnish ("Anonymised" in English), never the word stored in their place. Empty when no name
 * may be read (callers show the customer number then).
 */
export function customerName(t: Messages, customer: Named | null | undefined): string {
  if (!customer) return '';
  if (isAnonymised(customer)) return t.customers.anonymised;
  return [customer.firstName, customer.lastName].filter(Boolean).join(' ');
}

/** A stored person's name (a requester's, a single text) in the reader's language, as `customerName`. */
export function storedPersonName(t: Messages, name: string | null | undefined): string {
  if (!name) return '';
  return name.split(' ').every((part) => part === ANONYMISED) ? t.customers.anonymised : name;
}

/** `customerName` as an element: an anonymised name set apart (emphasised), so it never reads as a person's. */
export function CustomerName({ customer }: { customer: Named | null | undefined }) {
  const t = useT();
  const name = customerName(t, customer);
  return isAnonymised(customer) ? (
    <em className="customer-anonymised" data-testid="customer-name-anonymised">
      {name}
    </em>
  ) : (
    name
  );
}

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
