import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router';
import { AuditPage } from '../features/audit/AuditPage';
import { CampaignEditorPage } from '../features/campaigns/CampaignEditorPage';
import { CampaignListPage } from '../features/campaigns/CampaignListPage';
import { CampaignPage } from '../features/campaigns/CampaignPage';
import { CompliancePage } from '../features/compliance/CompliancePage';
import { CreateCustomerPage } from '../features/customers/CreateCustomerPage';
import { CustomerDetailPage } from '../features/customers/CustomerDetailPage';
import { CustomerListPage } from '../features/customers/CustomerListPage';
import { OptOutListsPage } from '../features/optOutLists/OptOutListsPage';
import { OrderDetailPage } from '../features/orders/OrderDetailPage';
import { OutboxPage } from '../features/outbox/OutboxPage';
import { PartnersPage } from '../features/partners/PartnersPage';
import { RecipientsPage } from '../features/recipients/RecipientsPage';
import { CreateRequestPage } from '../features/requests/CreateRequestPage';
import { RequestListPage } from '../features/requests/RequestListPage';
import { RequestPage } from '../features/requests/RequestPage';
import { UsersPage } from '../features/users/UsersPage';
import { useAppAbility } from './ability';
import { Loading } from './components';
import { useT } from './i18n';

// The charts library is large and only the dashboard needs it: loaded when it is opened.
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));

export function AppRoutes() {
  const ability = useAppAbility();
  const home = ability.can('read', 'Customer') ? '/customers' : ability.can('read', 'AuditEvent') ? '/audit' : ability.can('create', 'User') ? '/users' : null;
  return (
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
      {ability.can('read', 'Recipient') && <Route path="/recipients" element={<RecipientsPage />} />}
      {ability.can('create', 'Partner') && <Route path="/partners" element={<PartnersPage />} />}
      {ability.can('create', 'User') && <Route path="/users" element={<UsersPage />} />}
      {ability.can('read', 'AuditEvent') && <Route path="/audit" element={<AuditPage />} />}
      {ability.can('read', 'ComplianceReport') && <Route path="/compliance" element={<CompliancePage />} />}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function NotFound() {
  const t = useT();
  return (
    <section>
      <p>{t.app.notFound}</p>
      <Link to="/">{t.app.toFrontPage}</Link>
    </section>
  );
}
