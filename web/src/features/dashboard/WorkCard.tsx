import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { ErrorNotice } from '../../app/components';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { CampaignWorkQuery, HeldDuplicateWorkQuery, RequestWorkQuery, UserWorkQuery } from './work.operations';

export type WorkKind = 'requests' | 'campaigns' | 'users' | 'customers';

/** Issue 16: what needs doing, on the page a role lands on: one line per kind of work, each a link to it. */
export function WorkCard({ kind, confidentialityVersion }: { kind: WorkKind; confidentialityVersion: string }) {
  const { t } = useI18n();
  return (
    <section className="work-card" aria-labelledby="work-card-title" data-testid="work-card">
      <h2 id="work-card-title">{t.work.title}</h2>
      {kind === 'requests' && <RequestWork />}
      {kind === 'campaigns' && <CampaignWork />}
      {kind === 'users' && <UserWork version={confidentialityVersion} />}
      {kind === 'customers' && <CustomerWork />}
    </section>
  );
}

interface Item {
  key: string;
  text: string;
  to: string;
  count: number;
  urgent?: boolean;
}

function Items({ items }: { items: Item[] }) {
  const { t } = useI18n();
  const shown = items.filter((i) => i.count > 0);
  if (shown.length === 0) return <p data-testid="work-nothing">{t.work.nothing}</p>;
  return (
    <ul>
      {shown.map((i) => (
        <li key={i.key} data-testid={`work-${i.key}`} className={i.urgent ? 'work-urgent' : undefined}>
          <Link to={i.to}>{i.text}</Link>
        </li>
      ))}
    </ul>
  );
}

function RequestWork() {
  const { t, language } = useI18n();
  const { data, error, refetch } = useQuery(RequestWorkQuery, { fetchPolicy: 'cache-and-network' });
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const n = (v: number) => formatNumber(v, language);
  const dueSoon = data.open.edges.filter((e) => e.node.daysLeft != null && e.node.daysLeft >= 0 && e.node.daysLeft <= 7).length;
  return (
    <Items
      items={[
        { key: 'overdue', text: t.work.overdue(n(data.overdue.totalCount)), to: '/requests', count: data.overdue.totalCount, urgent: true },
        { key: 'due-soon', text: t.work.dueSoon(n(dueSoon)), to: '/requests', count: dueSoon },
      ]}
    />
  );
}

/** Sales and service: the rows of applied imports held as possible duplicates, waiting for a person (P6). */
function CustomerWork() {
  const { t, language } = useI18n();
  const { data, error, refetch } = useQuery(HeldDuplicateWorkQuery, { fetchPolicy: 'cache-and-network' });
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const held = data.heldCustomerDuplicates.length;
  // At most the first 100 are read: past that the card says "100 or more".
  const told = held >= 100 ? t.work.atLeast(formatNumber(100, language)) : formatNumber(held, language);
  return <Items items={[{ key: 'held-duplicates', text: t.work.heldDuplicates(told), to: '/customer-import', count: held }]} />;
}

function CampaignWork() {
  const { t, language } = useI18n();
  const { data, error, refetch } = useQuery(CampaignWorkQuery, { fetchPolicy: 'cache-and-network' });
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const n = (v: number) => formatNumber(v, language);
  const count = (status: string) => data.campaigns.filter((c) => c.targetList?.status === status).length;
  return (
    <Items
      items={[
        { key: 'failed', text: t.work.failed(n(count('FAILED'))), to: '/campaigns', count: count('FAILED'), urgent: true },
        { key: 'building', text: t.work.building(n(count('BUILDING'))), to: '/campaigns', count: count('BUILDING') },
      ]}
    />
  );
}

function UserWork({ version }: { version: string }) {
  const { t, language } = useI18n();
  const { data, error, refetch } = useQuery(UserWorkQuery, { fetchPolicy: 'cache-and-network' });
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const n = (v: number) => formatNumber(v, language);
  const active = data.users.filter((u) => u.active);
  const unacknowledged = active.filter((u) => u.confidentialityAcceptedVersion !== version).length;
  const passwordPending = active.filter((u) => u.mustChangePassword).length;
  return (
    <Items
      items={[
        { key: 'unacknowledged', text: t.work.unacknowledged(n(unacknowledged)), to: '/users', count: unacknowledged, urgent: true },
        { key: 'password-pending', text: t.work.passwordPending(n(passwordPending)), to: '/users', count: passwordPending },
      ]}
    />
  );
}
