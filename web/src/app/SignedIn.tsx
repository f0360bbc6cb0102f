import { AbilityProvider } from '@casl/react';
import { useEffect, useMemo, useState } from 'react';
import type { MeFieldsFragment } from '../gql/graphql';
import { abilityFromPackedRules } from './ability';
import { Layout } from './Layout';
import { defaultPurpose, PurposeContext, PURPOSES, type Purpose } from './purpose';
import { AppRoutes } from './routes';
import { restoreDraft, setSessionUser } from './session';
import { IdleWarning } from './SessionNotices';

/**
 * The register for a user who may use it: loaded once someone has signed in (issue 16: the sign-in page's first load
 * has no navigation, routes or permission rules).
 */
const PURPOSE_KEY = 'rekisteri.purpose';

export function SignedIn({ me, purposeHolder }: { me: MeFieldsFragment; purposeHolder: { current: Purpose | null } }) {
  const ability = useMemo(() => abilityFromPackedRules(me.rules), [me.rules]);
  // Issue 16: a form the session ended under comes back to the same user, on the same page.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const userId = me.user.id ?? '';
    setSessionUser(userId);
    const stop = restoreDraft(userId, () => setRestored(true));
    return () => {
      stop();
      setSessionUser(null);
    };
  }, [me.user.id]);
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
          <IdleWarning idleSeconds={me.sessionIdleSeconds} restored={restored} />
          <AppRoutes roles={me.roles} />
        </Layout>
      </PurposeContext.Provider>
    </AbilityProvider>
  );
}
