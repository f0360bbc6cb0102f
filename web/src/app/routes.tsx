import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router';
import { useAppAbility } from './ability';
import { Loading } from './components';
import { loadMessagePart, useT } from './i18n';
import type { MessagePart } from './i18n/parts';
import { landingFor } from './landing';

/**
 * A page loaded when it is first opened (issue 16: the first load is the shell, not every page). `name` is the page
 * module's named export; `texts` a part of the messages the page's texts are in (i18n/parts.ts), loaded with its code.
 * A page imported statically below works too; it is then part of the first load.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K, texts?: MessagePart): LazyExoticComponent<ComponentType> {
  return lazy(() => Promise.all([load(), texts && loadMessagePart(texts)]).then(([module]) => ({ default: module[name] })));
}

const AuditPage = page(() => import('../features/audit/AuditPage'), 'AuditPage', 'pages');
const CampaignEditorPage = page(() => import('../features/campaigns/CampaignEditorPage'), 'CampaignEditorPage');
const CampaignListPage = page(() => import('../features/campaigns/CampaignListPage'), 'CampaignListPage');
const CampaignPage = page(() => import('../features/campaigns/CampaignPage'), 'CampaignPage');
const CompliancePage = page(() => import('../features/compliance/CompliancePage'), 'CompliancePage', 'pages');
const CreateCustomerPage = page(() => import('../features/customers/CreateCustomerPage'), 'CreateCustomerPage');
const CustomerDetailPage = page(() => import('../features/customers/CustomerDetailPage'), 'CustomerDetailPage', 'pages');
const CustomerListPage = page(() => import('../features/customers/CustomerListPage'), 'CustomerListPage');
const OptOutListsPage = page(() => import('../features/optOutLists/OptOutListsPage'), 'OptOutListsPage', 'pages');
const AddressUpdatesPage = page(() => import('../features/addressUpdates/AddressUpdatesPage'), 'AddressUpdatesPage', 'pages');
const CustomerImportPage = page(() => import('../features/customerImport/CustomerImportPage'), 'CustomerImportPage');
const CustomerMergePage = page(() => import('../features/customerImport/CustomerMergePage'), 'CustomerMergePage');
const OrderDetailPage = page(() => import('../features/orders/OrderDetailPage'), 'OrderDetailPage');
const OutboxPage = page(() => import('../features/outbox/OutboxPage'), 'OutboxPage', 'pages');
const PaperRecordsPage = page(() => import('../features/paperRecords/PaperRecordsPage'), 'PaperRecordsPage', 'pages');
const RetentionPage = page(() => import('../features/retention/RetentionPage'), 'RetentionPage', 'pages');
const RecipientsPage = page(() => import('../features/recipients/RecipientsPage'), 'RecipientsPage');
const PartnersPage = page(() => import('../features/partners/PartnersPage'), 'PartnersPage');
const CreateRequestPage = page(() => import('../features/requests/CreateRequestPage'), 'CreateRequestPage', 'pages');
const RequestListPage = page(() => import('../features/requests/RequestListPage'), 'RequestListPage', 'pages');
const RequestPage = page(() => import('../features/requests/RequestPage'), 'RequestPage', 'pages');
const UsersPage = page(() => import('../features/users/UsersPage'), 'UsersPage');
const RegisterConfigPage = page(() => import('../features/registerConfig/RegisterConfigPage'), 'RegisterConfigPage');
// The charts library is large and only the dashboard needs it.
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));

export function AppRoutes({ roles }: { roles: readonly string[] }) {
  const ability = useAppAbility();
  const home = landingFor(roles, ability);
  return (
    // Pages load when first opened: the page before stays until the next one has loaded.
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={home ? <Navigate to={home} replace /> : <NotFound />} />
        {ability.can('read', 'Customer') && (
          <>
            <Route path="/customers" element={<CustomerListPage />} />
            {ability.can('create', 'Customer') && <Route path="/customers/new" element={<CreateCustomerPage />} />}
            <Route path="/customers/:id" element={<CustomerDetailPage />} />
          </>
        )}
        {ability.can('read', 'Order') && <Route path="/orders/:id" element={<OrderDetailPage />} />}
        {ability.can('read', 'Statistics') && (
          <Route
            path="/dashboard"
            element={
              <Suspense fallback={<Loading />}>
                <DashboardPage />
              </Suspense>
            }
          />
        )}
        {ability.can('read', 'OptOutList') && <Route path="/opt-out-lists" element={<OptOutListsPage />} />}
        {ability.can('create', 'AddressUpdate') && <Route path="/address-updates" element={<AddressUpdatesPage />} />}
        {ability.can('create', 'CustomerImport') && <Route path="/customer-import" element={<CustomerImportPage />} />}
        {ability.can('merge', 'Customer') && <Route path="/customer-merge" element={<CustomerMergePage />} />}
        {ability.can('read', 'Campaign') && (
          <>
            <Route path="/campaigns" element={<CampaignListPage />} />
            {ability.can('create', 'Campaign') && <Route path="/campaigns/new" element={<CampaignEditorPage />} />}
            <Route path="/campaigns/:id" element={<CampaignPage />} />
          </>
        )}
        {ability.can('read', 'PrivacyRequest') && (
          <>
            <Route path="/requests" element={<RequestListPage />} />
            {ability.can('create', 'PrivacyRequest') && <Route path="/requests/new" element={<CreateRequestPage />} />}
            <Route path="/requests/:id" element={<RequestPage />} />
          </>
        )}
        {ability.can('read', 'OutboxMessage') && <Route path="/outbox" element={<OutboxPage />} />}
        {ability.can('read', 'PaperRecord') && <Route path="/paper-records" element={<PaperRecordsPage />} />}
        {ability.can('erase', 'Customer') && <Route path="/retention" element={<RetentionPage />} />}
        {ability.can('read', 'Recipient') && <Route path="/recipients" element={<RecipientsPage />} />}
        {ability.can('create', 'Partner') && <Route path="/partners" element={<PartnersPage />} />}
        {ability.can('create', 'User') && <Route path="/users" element={<UsersPage />} />}
        {ability.can('read', 'AuditEvent') && <Route path="/audit" element={<AuditPage />} />}
        {ability.can('read', 'RegisterConfig') && <Route path="/register" element={<RegisterConfigPage />} />}
        {ability.can('read', 'ComplianceReport') && <Route path="/compliance" element={<CompliancePage />} />}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}

function NotFound() {
  const t = useT();
  return (
    <section>
      <h1>{t.app.notFound}</h1>
      <Link to="/">{t.app.toFrontPage}</Link>
    </section>
  );
}
