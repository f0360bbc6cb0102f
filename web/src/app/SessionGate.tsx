import { useQuery } from '@apollo/client/react';
import { AbilityProvider } from '@casl/react';
import { useMemo, useState } from 'react';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { ConfidentialityPage } from '../features/auth/ConfidentialityPage';
import { LoginPage } from '../features/auth/LoginPage';
import { MeQuery } from '../features/auth/operations';
import type { MeFieldsFragment } from '../gql/graphql';
import { abilityFromPackedRules } from './ability';
import { ErrorNotice } from './components';
import { useT } from './i18n';
import { Layout, PlainLayout } from './Layout';
import { defaultPurpose, PurposeContext, PURPOSES, type Purpose } from './purpose';
import { AppRoutes } from './routes';

interface Props {
  purposeHolder: { current: Purpose | null };
}

/**
 * Decides what the person may see now: sign-in, then the password change (P12), then the
 * confidentiality commitment (P11, P12), and only then the register.
 */
export function SessionGate({ purposeHolder }: Props) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(MeQuery);

  if (loading && !data) {
    return (
      <PlainLayout>
        <p className="loading" role="status">
          {t.app.loading}
        </p>
      </PlainLayout>
    );
  }
  if (error && !data) {
    return (
      <PlainLayout>
        <ErrorNotice error={error} onRetry={() => void refetch()} />
      </PlainLayout>
    );
  }
  const me = data?.me;
  if (!me)
    return (
      <PlainLayout>
        <LoginPage />
      </PlainLayout>
    );
  if (me.mustChangePassword)
    return (
      <PlainLayout me={me}>
        <ChangePasswordPage me={me} />
      </PlainLayout>
    );
  if (!me.confidentialityAccepted)
    return (
      <PlainLayout me={me}>
        <ConfidentialityPage me={me} />
      </PlainLayout>
    );
  return <SignedIn key={me.user.id} me={me} purposeHolder={purposeHolder} />;
}

const PURPOSE_KEY = 'rekisteri.purpose';

function SignedIn({ me, purposeHolder }: { me: MeFieldsFragment } & Props) {
  const ability = useMemo(() => abilityFromPackedRules(me.rules), [me.rules]);
  const [purpose, setPurposeState] = useState<Purpose>(() => {
    const stored = sessionStorage.getItem(PURPOSE_KEY);
    return (PURPOSES as readonly string[]).includes(stored ?? '') ? (stored as Purpose) : defaultPurpose(me.roles);
  });
  // Read by the Apollo link when a request goes out; set before any child query runs.
  purposeHolder.current = purpose;
  const purposeState = useMemo(
    () => ({
      purpose,
      setPurpose(next: Purpose) {
        sessionStorage.setItem(PURPOSE_KEY, next);
        setPurposeState(next);
      },
    }),
    [purpose],
  );
  return (
    <AbilityProvider value={ability}>
      <PurposeContext.Provider value={purposeState}>
        <Layout me={me}>
          <AppRoutes />
        </Layout>
      </PurposeContext.Provider>
    </AbilityProvider>
  );
}
