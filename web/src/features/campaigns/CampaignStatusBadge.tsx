import { useT } from '../../app/i18n';
import type { CampaignStatus } from '../../gql/graphql';
import { statusLabel } from './labels';

export function CampaignStatusBadge({ status }: { status: CampaignStatus | null | undefined }) {
  const t = useT();
  if (!status) return null;
  return <span className={`status status-campaign-${status.toLowerCase()}`}>{statusLabel(t, status)}</span>;
}
