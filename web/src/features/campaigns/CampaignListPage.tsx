import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice, Loading } from '../../app/components';
import { formatDay, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { channelName, listStatusLabel, purposeLabel } from './labels';
import { CampaignsQuery } from './operations';

/** P3: the campaigns and their latest target lists; marketing makes new ones. */
export function CampaignListPage() {
  const { t, language } = useI18n();
  const c = t.campaigns;
  const ability = useAppAbility();
  const { data, loading, error, refetch } = useQuery(CampaignsQuery, { fetchPolicy: 'cache-and-network' });
  const campaigns = data?.campaigns;
  const n = (value: number | null | undefined) => (value === null || value === undefined ? '' : formatNumber(value, language));

  return (
    <section aria-labelledby="campaigns-title">
      <div className="page-title">
        <h1 id="campaigns-title">{c.title}</h1>
        {ability.can('create', 'Campaign') && (
          <Link className="button primary" to="/campaigns/new">
            {c.newCampaign}
          </Link>
        )}
      </div>
      <p className="hint intro">{c.intro}</p>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !campaigns && <Loading />}
      {campaigns &&
        (campaigns.length === 0 ? (
          <p className="empty" data-testid="campaigns-empty">
            {c.empty}
          </p>
        ) : (
          <table className="data-table" data-testid="campaign-table">
            <thead>
              <tr>
                <th scope="col">{c.name}</th>
                <th scope="col">{c.purpose}</th>
                <th scope="col">{c.channel}</th>
                <th scope="col">{c.status}</th>
                <th scope="col" className="num">
                  {c.included}
                </th>
                <th scope="col" className="num">
                  {c.excluded}
                </th>
                <th scope="col">{c.createdAt}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((campaign) => {
                const list = campaign.targetList;
                const built = list?.status === 'BUILT';
                return (
                  <tr key={campaign.id} data-testid="campaign-row">
                    <th scope="row">
                      <Link to={`/campaigns/${campaign.id}`}>{campaign.name}</Link>
                    </th>
                    <td>{purposeLabel(t, campaign.purpose)}</td>
                    <td>{channelName(t, campaign.channel)}</td>
                    <td>
                      <span className="status-cell">
                        <CampaignStatusBadge status={campaign.status} />
                        {list && !built && <span className="status">{listStatusLabel(t, list.status)}</span>}
                      </span>
                    </td>
                    <td className="num" data-testid="campaign-included">
                      {built ? n(list.includedCount) : ''}
                    </td>
                    <td className="num" data-testid="campaign-excluded">
                      {built ? n(list.excludedCount) : ''}
                    </td>
                    <td>{campaign.createdAt ? formatDay(campaign.createdAt, language) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
    </section>
  );
}
