import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { useI18n } from '../../app/i18n';
import { Tabs, type Tab } from '../../app/Tabs';
import type { CustomerFieldsFragment } from '../../gql/graphql';
import { DisclosuresTab } from '../disclosures/DisclosuresTab';
import { CustomerInvoicesTab } from '../invoices/CustomerInvoicesTab';
import { CustomerOrdersTab } from '../orders/CustomerOrdersTab';
import { WebEventsTab } from '../webEvents/WebEventsTab';
import { ProhibitionMarker } from '../prohibitions/ProhibitionMarker';
import { ProhibitionsTab } from '../prohibitions/ProhibitionsTab';
import { UpdateProhibitionPanel } from '../addressUpdates/UpdateProhibitionPanel';
import { CustomerProfile } from './CustomerProfile';
import { LiftRestriction } from '../requests/LiftRestriction';
import { CustomerStateMarker, customerName, isAnonymised } from './CustomerStateMarker';
import { readFlags } from './fields';
import { CustomerQuery } from './operations';
import { CustomerTimeline } from './CustomerTimeline';

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const ability = useAppAbility();
  const flags = useMemo(() => readFlags(ability), [ability]);
  const { data, loading, error, refetch } = useQuery(CustomerQuery, {
    variables: { id, ...flags },
    errorPolicy: 'all',
  });

  const customer = data?.customer;
  return (
    <section>
      <p>
        <Link to="/customers">← {t.customers.backToList}</Link>
      </p>
      {loading && !customer && <Loading />}
      {!customer && error && <ErrorNotice error={error} />}
      {customer && <CustomerView customer={customer} refetch={refetch} />}
    </section>
  );
}

/** The tab shown is in the address (`?tab=orders`), so the back button and links return to it. */
function CustomerView({ customer, refetch }: { customer: CustomerFieldsFragment; refetch(): Promise<unknown> }) {
  const { t } = useI18n();
  const ability = useAppAbility();
  const [params, setParams] = useSearchParams();
  // An anonymised record has no name left; say so in the reader's language, with the number that remains.
  const title = isAnonymised(customer)
    ? `${t.customers.anonymised} ${customer.customerNumber ?? ''}`.trim()
    : customerName(t, customer) || customer.customerNumber;
  // P6: a merged record lives on in the customer it was merged into: its page writes nothing (the server refuses it too).
  const mergedInto = customer.mergedInto ?? null;

  // P1: orders and invoices only for those whose work needs them; for others the tabs do not exist.
  const tabs: Tab[] = [{ id: 'profile', label: t.customers.profile }];
  if (ability.can('read', 'Customer', 'orders')) tabs.push({ id: 'orders', label: t.customers.orders });
  if (ability.can('read', 'Customer', 'invoices')) tabs.push({ id: 'invoices', label: t.customers.invoices });
  // P15: everyone who must respect the customer's "no" sees it; the query asked only if they may.
  if (customer.prohibitions !== undefined) tabs.push({ id: 'prohibitions', label: t.customers.prohibitions });
  // P8: the disclosure ledger for those who read it, the disclosure form for those who may disclose.
  if (ability.can('read', 'Disclosure') || ability.can('disclose', 'Disclosure')) tabs.push({ id: 'disclosures', label: t.customers.disclosures });
  // P13: the person's visits to the company's site, for the staff who serve them.
  if (ability.can('read', 'WebEvent')) tabs.push({ id: 'web', label: t.webEvents.tab });
  // Issue 16: notes and contacts, with the orders, invoices, requests and prohibitions the reader may see.
  if (ability.can('read', 'CustomerNote')) tabs.push({ id: 'notes', label: t.customerNotes.tab });
  const requested = params.get('tab') ?? 'profile';
  const selected = tabs.some((tab) => tab.id === requested) ? requested : 'profile';
  const customerId = customer.id ?? '';

  return (
    <article aria-labelledby="customer-title">
      <header className="customer-header">
        <h1 id="customer-title">{title}</h1>
        <CustomerStateMarker customer={customer} />
        <ProhibitionMarker prohibitions={customer.prohibitions} />
      </header>
      {customer.mergedInto && (
        <p className="notice notice-info" role="status" data-testid="merged-into">
          {t.customers.mergedInto(customer.mergedInto.customerNumber)}. <Link to={`/customers/${customer.mergedInto.id}`}>{t.customers.mergedIntoLink}</Link>
        </p>
      )}
      {customer.id && !mergedInto && <LiftRestriction customerId={customer.id} restricted={customer.restricted === true} />}
      <Tabs
        idPrefix="customer"
        label={t.customers.tabs}
        tabs={tabs}
        selected={selected}
        onSelect={(tab) => setParams(tab === 'profile' ? {} : { tab }, { replace: true })}
      >
        {selected === 'profile' && <CustomerProfile customer={customer} refetch={refetch} />}
        {selected === 'orders' && <CustomerOrdersTab customerId={customerId} mergedInto={mergedInto} />}
        {selected === 'invoices' && <CustomerInvoicesTab customerId={customerId} readOnly={mergedInto !== null} />}
        {selected === 'prohibitions' && <ProhibitionsTab customerId={customerId} prohibitions={customer.prohibitions ?? []} mergedInto={mergedInto} />}
        {selected === 'prohibitions' && <UpdateProhibitionPanel customerId={customerId} readOnly={mergedInto !== null} />}
        {selected === 'web' && <WebEventsTab customerId={customerId} />}
        {selected === 'notes' && <CustomerTimeline customerId={customerId} mergedInto={mergedInto} />}
        {selected === 'disclosures' && (
          <DisclosuresTab customerId={customerId} restricted={customer.restricted === true} anonymised={customer.anonymised === true} mergedInto={mergedInto} />
        )}
      </Tabs>
    </article>
  );
}
