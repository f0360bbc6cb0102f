import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { useT } from '../../app/i18n';
import { Tabs } from '../../app/Tabs';
import { RegisterConfigQuery } from './operations';
import { PrivacyNoticePanel } from './PrivacyNoticePanel';
import { RegisterConfigForm } from './RegisterConfigForm';

const TABS = ['settings', 'notice'] as const;
type Tab = (typeof TABS)[number];

/** P18: the register's settings and its privacy notice, for administrators (who change them) and privacy officers. */
export function RegisterConfigPage() {
  const t = useT();
  const c = t.registerConfig;
  const ability = useAppAbility();
  const [params, setParams] = useSearchParams();
  // The tab is in the address, so "the privacy notice" can be linked to and survives a reload.
  const tab: Tab = params.get('tab') === 'notice' ? 'notice' : 'settings';
  const { data, loading, error, refetch } = useQuery(RegisterConfigQuery, { fetchPolicy: 'cache-and-network' });

  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{c.title}</h1>
      <Tabs
        idPrefix="register"
        label={c.tabs}
        tabs={[
          { id: 'settings', label: c.settingsTab },
          { id: 'notice', label: c.noticeTab },
        ]}
        selected={tab}
        onSelect={(id) => setParams(id === 'notice' ? { tab: 'notice' } : {}, { replace: true })}
      >
        {tab === 'settings' ? (
          <>
            {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
            {loading && !data && <Loading />}
            {data && <RegisterConfigForm config={data.registerConfig} editable={ability.can('update', 'RegisterConfig')} onReload={() => refetch()} />}
          </>
        ) : (
          <PrivacyNoticePanel />
        )}
      </Tabs>
    </section>
  );
}
