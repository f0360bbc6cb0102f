import { POLICY_REASONS } from '@rekisteri/schema';
import { useI18n } from '../../app/i18n';
import type { CampaignFieldsFragment } from '../../gql/graphql';

type Honoured = NonNullable<CampaignFieldsFragment['honouredProhibitions']>[number];

/**
 * P15: before the build, which prohibitions the list will honour and why, from the one purpose
 * policy the build and the export's re-check read. The reasons are the policy's own sentences.
 */
export function HonouredProhibitions({ honoured }: { honoured: readonly Honoured[] | null | undefined }) {
  const { t, language } = useI18n();
  const c = t.campaigns;
  if (!honoured) return null;
  return (
    <section aria-labelledby="honoured-title" className="honoured-prohibitions" data-testid="honoured-prohibitions">
      <h2 id="honoured-title">{c.honouredTitle}</h2>
      {honoured.length === 0 ? (
        <p className="empty">{c.honouredNone}</p>
      ) : (
        <>
          <p className="hint">{c.honouredIntro}</p>
          <ul>
            {honoured.map((h) => (
              <li key={h.kind} data-testid="honoured-prohibition" data-kind={h.kind}>
                <strong>{t.prohibitions.kinds[h.kind] ?? h.kind}</strong> ({c.honouredScope(t.prohibitions.channels[h.scope] ?? h.scope)}):{' '}
                <span data-testid="honoured-reason">{POLICY_REASONS[h.reason][language]}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
