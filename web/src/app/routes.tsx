import { Link, Navigate, Route, Routes } from 'react-router';
import { AuditPage } from '../features/audit/AuditPage';
import { CreateCustomerPage } from '../features/customers/CreateCustomerPage';
import { CustomerDetailPage } from '../features/customers/CustomerDetailPage';
import { CustomerListPage } from '../features/customers/CustomerListPage';
import { UsersPage } from '../features/users/UsersPage';
import { useAppAbility } from './ability';
import { useT } from './i18n';

export function AppRoutes() {
  const ability = useAppAbility();
  const home = ability.can('read', 'Customer')
    ? '/customers'
    : ability.can('read', 'AuditEvent')
      ? '/audit'
      : ability.can('create', 'User')
        ? '/users'
        : null;
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
      {ability.can('create', 'User') && <Route path="/users" element={<UsersPage />} />}
      {ability.can('read', 'AuditEvent') && <Route path="/audit" element={<AuditPage />} />}
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
