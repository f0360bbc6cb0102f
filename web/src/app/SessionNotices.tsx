import { useState } from 'react';
import { useI18n } from './i18n';
import { endReason } from './session';

/** On the sign-in page: why the user must sign in again, when their session ended. */
export function SessionEndedNotice() {
  const { t } = useI18n();
  const [ended] = useState(endReason);
  if (!ended) return null;
  return (
    <div className="notice notice-info" role="status" data-testid="session-ended">
      <p>{ended.reason === 'idle' ? t.ux.sessionEndedIdle(ended.idleMinutes) : t.ux.sessionEnded}</p>
      {ended.draft && <p>{t.ux.draftKept}</p>}
    </div>
  );
}
