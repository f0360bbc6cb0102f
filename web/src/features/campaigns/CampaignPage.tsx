import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { CampaignFieldsFragment } from '../../gql/graphql';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { ExportPanel } from './ExportPanel';
import { HonouredProhibitions } from './HonouredProhibitions';
import { ManualExclusions } from './ManualExclusions';
import { channelName, isPending, purposeLabel } from './labels';
import { ArchiveCampaignMutation, BuildTargetListMutation, CampaignQuery } from './operations';
import { SegmentSummary } from './SegmentSummary';
import { TargetListPanel } from './TargetListPanel';

export function CampaignPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(CampaignQuery, { variables: { id } });
  const campaign = data?.campaign;
  return (
    <section>
      {loading && !campaign && <Loading />}
      {!campaign && error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {campaign && <CampaignView campaign={campaign} refetch={refetch} />}
    </section>
  );
}

function CampaignView({ campaign, refetch }: { campaign: CampaignFieldsFragment; refetch(): Promise<unknown> }) {
  const { t, language } = useI18n();
  const c = t.campaigns;
  const ability = useAppAbility();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [build, { loading: requesting, error: buildError }] = useMutation(BuildTargetListMutation);
  const [archive, { loading: archiving, error: archiveError }] = useMutation(ArchiveCampaignMutation);
  const canArchive = ability.can('update', 'Campaign', 'status') && campaign.status !== 'ARCHIVED';
  const requestArchive = async () => {
    if (!window.confirm(c.archiveConfirm)) return;
    try {
      await archive({ variables: { id: campaign.id ?? '' } });
    } catch {
      // shown through `archiveError`
    }
  };
  // The list just asked for, until the campaign's latest list is it.
  const [requestedId, setRequestedId] = useState<string | null>(null);
  const listId = requestedId ?? campaign.targetList?.id ?? null;
  const list = campaign.targetList?.id === listId ? campaign.targetList : null;
  const building = requesting || (requestedId !== null && requestedId !== campaign.targetList?.id) || isPending(list?.status);
  const canBuild = ability.can('build', 'TargetList') && campaign.status !== 'ARCHIVED';
  const built = list?.status === 'BUILT';

  const requestBuild = async () => {
    try {
      const { data } = await build({ variables: { campaignId: campaign.id ?? '' } });
      if (data?.buildTargetList.id) setRequestedId(data.buildTargetList.id);
    } catch {
      // shown through `buildError`
    }
  };

  return (
    <article aria-labelledby="campaign-title" className="campaign">
      <p>
        <Link to="/campaigns">← {c.backToList}</Link>
      </p>
      <div className="page-title">
        <h1 id="campaign-title">{campaign.name}</h1>
        <span data-testid="campaign-status">
          <CampaignStatusBadge status={campaign.status} />
        </span>
        {canArchive && (
          <button type="button" disabled={archiving} onClick={() => void requestArchive()}>
            {c.archive}
          </button>
        )}
      </div>
      {archiveError && <ErrorNotice error={archiveError} />}
      {created && (
        <p className="notice notice-success" role="status" data-testid="campaign-created">
          {c.created}
        </p>
      )}
      <dl className="details" aria-label={c.details}>
        <div className="detail">
          <dt>{c.purpose}</dt>
          <dd>{purposeLabel(t, campaign.purpose)}</dd>
        </div>
        <div className="detail">
          <dt>{c.channel}</dt>
          <dd>{channelName(t, campaign.channel)}</dd>
        </div>
        <div className="detail">
          <dt>{c.owner}</dt>
          <dd>{campaign.owner}</dd>
        </div>
        <div className="detail">
          <dt>{c.createdAt}</dt>
          <dd>{campaign.createdAt ? formatTime(campaign.createdAt, language) : ''}</dd>
        </div>
      </dl>
      <SegmentSummary segment={campaign.segment} />
      <HonouredProhibitions honoured={campaign.honouredProhibitions} />

      <section className="card" aria-labelledby="target-list-title">
        <div className="page-title">
          <h2 id="target-list-title">{c.targetList}</h2>
          {canBuild && (
            <button type="button" className={listId ? undefined : 'primary'} disabled={building} onClick={() => void requestBuild()}>
              {listId ? c.rebuild : c.build}
            </button>
          )}
        </div>
        {!ability.can('build', 'TargetList') && <p className="hint">{c.noRights}</p>}
        {buildError && <ErrorNotice error={buildError} />}
        {listId ? (
          <TargetListPanel key={listId} listId={listId} onSettled={() => void refetch()} />
        ) : (
          <p className="empty" data-testid="no-list">
            {c.noListYet}
          </p>
        )}
      </section>
      {built && listId && ability.can('export', 'TargetList') && (
        <ExportPanel key={listId} listId={listId} campaignName={campaign.name ?? ''} channel={campaign.channel} />
      )}
      <ManualExclusions campaignId={campaign.id ?? ''} editable={ability.can('update', 'Campaign', 'exclusions') && campaign.status !== 'ARCHIVED'} />
    </article>
  );
}
