import { useApolloClient, useMutation } from '@apollo/client/react';
import { LogoutMutation } from '../features/auth/operations';
import { useI18n } from './i18n';
import { setMe } from './sessionStore';

export function SignOutButton() {
  const { t } = useI18n();
  const client = useApolloClient();
  const [logout, { loading }] = useMutation(LogoutMutation);
  const signOut = async () => {
    try {
      await logout();
    } finally {
      // Forget everything this user saw, whatever the server said.
      sessionStorage.clear();
      await client.clearStore();
      // The gate is told directly: a cleared store no longer tells its watchers of a later write.
      setMe(null);
    }
  };
  return (
    <button type="button" onClick={() => void signOut()} disabled={loading} data-testid="sign-out">
      {t.app.signOut}
    </button>
  );
}
